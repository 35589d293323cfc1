import { test, expect, appReady, logIn, ADMIN, LOGGED_OUT } from "./fixtures";

// Issue 7: nothing is reachable without logging in, an ended session sends
// the browser back to the login page, and a read-only API token cannot
// change anything. Specs that log out or let a session expire log in on
// their own, so the shared login of the setup project stays valid.

/** `/login?next=<path>`, with the path encoded or not. */
const loginFor = (path: string) =>
  new RegExp(`/login\\?next=(${encodeURIComponent(path)}|${path.replace(/\//g, "\\/")})$`);

/** The login page, plain or with any `next`. */
const LOGIN_PAGE = /\/login(\?|$)/;

test.describe("logged out", () => {
  test.use({ storageState: LOGGED_OUT });

  test("a protected page sends you to log in, and logging in brings you back", async ({ page }) => {
    await page.goto("/storage");
    await expect(page).toHaveURL(loginFor("/storage"));
    await expect(page.getByRole("navigation", { name: "Primary" })).toHaveCount(0);
    await logIn(page);
    await expect(page).toHaveURL(/\/storage$/);
    await appReady(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Storage");
    await expect(page.getByTestId("current-user")).toHaveText(ADMIN.user);
  });

  test("a wrong password or user name gets one generic message", async ({ page, allowConsole }) => {
    // The refused login answers 401 (or 429 once throttled); Chromium logs it.
    allowConsole(/status of 4\d\d/);
    await page.goto("/login");
    await logIn(page, ADMIN.user, "not-the-admin-password");
    const alert = page.getByRole("alert");
    await expect(alert).toContainText("Invalid user name or password");
    await expect(page).toHaveURL(LOGIN_PAGE);

    await page.reload();
    await logIn(page, "no-such-user-e2e", "not-the-admin-password");
    await expect(alert).toContainText("Invalid user name or password");
    await expect(page.getByTestId("current-user")).toHaveCount(0);
  });

  test("log out ends the session: protected pages and the API refuse it", async ({ page }) => {
    await page.goto("/login?next=%2Fstorage");
    await logIn(page);
    await expect(page).toHaveURL(/\/storage$/);
    await appReady(page);
    expect((await page.request.get("/api/truenas/connections")).status()).toBe(200);

    await page.getByRole("button", { name: "Log out" }).click();
    await expect(page).toHaveURL(LOGIN_PAGE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");

    await page.goto("/settings");
    await expect(page).toHaveURL(loginFor("/settings"));
    const api = await page.request.get("/api/truenas/connections");
    expect(api.status()).toBe(401);
    expect((await api.json()).code).toBe("unauthorized");
  });

  test("next never leads off the site", async ({ page }) => {
    await page.goto("/login?next=%2F%2Fevil.example%2F");
    await logIn(page);
    await expect(page).toHaveURL(new URL("/", page.url()).href);
    await appReady(page);
  });
});

test.describe("short sessions", () => {
  // A second server whose sessions live 4 seconds (scripts/e2e.sh).
  const shortSessionURL = process.env.E2E_SHORT_SESSION_URL;
  test.skip(!shortSessionURL, "E2E_SHORT_SESSION_URL is not set");
  test.use({ baseURL: shortSessionURL, storageState: LOGGED_OUT });

  test("an expired session sends you to log in, then back where you were", async ({
    page,
    allowConsole,
  }) => {
    // Server functions and the event stream answer 401 once the session is over.
    allowConsole(/401/);
    await page.goto("/settings");
    await expect(page).toHaveURL(loginFor("/settings"));
    await logIn(page);
    await expect(page).toHaveURL(/\/settings$/);
    await appReady(page);

    await page.waitForTimeout(5_000);
    const nav = page.getByRole("navigation", { name: "Primary" });
    await nav.getByRole("link", { name: "Overview", exact: true }).click();
    await expect(page).toHaveURL(LOGIN_PAGE);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");

    await logIn(page);
    await expect(page).not.toHaveURL(LOGIN_PAGE);
    await appReady(page);
  });
});

test.describe("API tokens", () => {
  // Valid for POST /api/truenas/connections: only the scope may refuse it.
  const connection = (name: string) => ({
    name,
    host: "nas.example.invalid",
    apiKey: "1-e2e-not-a-real-key",
    tlsMode: "verify",
  });

  test("a read token reads but cannot save a connection, and stops working when revoked", async ({
    page,
    playwright,
    baseURL,
  }) => {
    await page.goto("/settings");
    await appReady(page);
    const name = `e2e-read-${Date.now()}`;
    await page.getByLabel("Token name").fill(name);
    await page.getByLabel("Scope").selectOption("read");
    await page.getByRole("button", { name: "Create token" }).click();

    await expect(page.getByTestId("token-created")).toContainText("won't see it again");
    const secretBox = page.getByLabel("New API token");
    await expect(secretBox).toHaveValue(/^pwt_/);
    const secret = await secretBox.inputValue();

    const row = page.getByTestId("token-row").filter({ hasText: name });
    await expect(row).toHaveCount(1);
    await expect(row.getByRole("cell").nth(2)).toHaveText("read");
    await expect(row).toContainText("active");
    await expect(page.getByTestId("token-table")).not.toContainText(secret);

    // The token alone, without the browser's session cookie.
    const api = await playwright.request.newContext({
      baseURL,
      extraHTTPHeaders: { Authorization: `Bearer ${secret}` },
    });
    try {
      expect((await api.get("/api/truenas/connections")).status()).toBe(200);

      const saved = await api.post("/api/truenas/connections", { data: connection(name) });
      expect(saved.status()).toBe(403);
      expect((await saved.json()).code).toBe("forbidden");
      const list = await api.get("/api/truenas/connections");
      expect(JSON.stringify(await list.json())).not.toContain(name);

      page.once("dialog", (dialog) => dialog.accept());
      await row.getByRole("button", { name: "Revoke" }).click();
      await expect(row).toContainText("revoked");
      await expect(row.getByRole("button", { name: "Revoke" })).toHaveCount(0);

      const refused = await api.get("/api/truenas/connections");
      expect(refused.status()).toBe(401);
    } finally {
      await api.dispose();
    }

    // Shown once: gone after a reload, and never in the list.
    await page.reload();
    await appReady(page);
    await expect(page.getByTestId("token-row").filter({ hasText: name })).toContainText("revoked");
    await expect(page.getByLabel("New API token")).toHaveCount(0);
    await expect(page.locator("body")).not.toContainText(secret);
  });

  test("the audit log lists the login, newest first", async ({ page }) => {
    await page.goto("/settings");
    await appReady(page);
    await expect(page.getByTestId("audit-summary")).toContainText("newest first");
    const rows = page.getByTestId("audit-row");
    await expect(rows.first()).toBeVisible();
    await expect(page.getByTestId("audit-table")).toContainText("login");
    await expect(page.getByTestId("audit-table")).not.toContainText(ADMIN.password);
  });
});
