import * as fs from "node:fs";
import * as path from "node:path";
import { test as setup, expect, appReady, logIn, STORAGE_STATE } from "./fixtures";

// Runs before every other spec (the "setup" project in playwright.config.ts):
// logs in through the login page like a person would and keeps the session
// cookie, so the other specs start logged in.
setup("log in as the admin", async ({ page }) => {
  await page.goto("/");
  await expect(page).toHaveURL(/\/login(\?|$)/);
  await logIn(page);
  await expect(page).toHaveURL(new URL("/", page.url()).href);
  await appReady(page);
  fs.mkdirSync(path.dirname(STORAGE_STATE), { recursive: true });
  await page.context().storageState({ path: STORAGE_STATE });
});
