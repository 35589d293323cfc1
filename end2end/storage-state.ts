import * as path from "node:path";

/**
 * Where the setup project keeps the admin's logged-in browser state (the
 * session cookie) for every other spec. Git-ignored; rewritten on every run.
 */
export const STORAGE_STATE = path.join(__dirname, ".auth", "admin.json");
