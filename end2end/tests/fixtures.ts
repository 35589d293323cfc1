import { test as base, expect, type Page } from "@playwright/test";
import * as fs from "node:fs";
import * as path from "node:path";

/** Console messages a spec has declared expected (e.g. a deliberate 404). */
type Allow = (pattern: RegExp) => void;

/**
 * Every spec runs with a page that records page errors and console errors and
 * fails the test if any appeared: a broken wasm-opt or a panic in the WASM
 * shows up here first.
 */
export const test = base.extend<{ allowConsole: Allow; errors: string[] }>({
  errors: [
    async ({ page }, use) => {
      const errors: string[] = [];
      page.on("pageerror", (e) => errors.push(`pageerror: ${e.message}`));
      page.on("console", (msg) => {
        if (msg.type() === "error") errors.push(`console: ${msg.text()}`);
      });
      await use(errors);
    },
    { auto: true },
  ],
  allowConsole: [
    async ({ errors }, use) => {
      const allowed: RegExp[] = [];
      await use((p) => allowed.push(p));
      const unexpected = errors.filter((e) => !allowed.some((p) => p.test(e)));
      expect(unexpected, "page or console errors").toEqual([]);
    },
    { auto: true },
  ],
});

export { expect };

/**
 * The admin the server was started with (scripts/e2e.sh passes
 * POOLWATCH_ADMIN_USER/PASSWORD to it and the same values here).
 */
export const ADMIN = {
  user: process.env.E2E_ADMIN_USER ?? "",
  password: process.env.E2E_ADMIN_PASSWORD ?? "",
};

export { STORAGE_STATE } from "../storage-state";

/** A browser state with no session: for specs that must start logged out. */
export const LOGGED_OUT = { cookies: [], origins: [] };

/** Fills the login form (already open) and submits it. */
export async function logIn(page: Page, user = ADMIN.user, password = ADMIN.password) {
  expect(user, "E2E_ADMIN_USER is set").toBeTruthy();
  expect(password, "E2E_ADMIN_PASSWORD is set").toBeTruthy();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
  await page.getByLabel("User name").fill(user);
  await page.getByLabel("Password", { exact: true }).fill(password);
  await page.getByRole("button", { name: "Log in" }).click();
}

/** Waits until the WASM app has mounted (the nav is rendered by it). */
export async function appReady(page: Page) {
  await expect(page.getByRole("navigation", { name: "Primary" })).toBeVisible();
}

/** Saves a full-page screenshot under end2end/artifacts/screenshots/. */
export async function keepScreenshot(page: Page, name: string) {
  const dir = path.join(__dirname, "..", "artifacts", "screenshots");
  fs.mkdirSync(dir, { recursive: true });
  await page.screenshot({ path: path.join(dir, `${name}.png`), fullPage: true });
}

export const PAGES = [
  { path: "/", title: "Overview" },
  { path: "/storage", title: "Storage" },
  { path: "/alerts", title: "Alerts" },
  { path: "/connections", title: "Connections" },
  { path: "/settings", title: "Settings" },
] as const;
