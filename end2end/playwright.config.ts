import { defineConfig, devices } from "@playwright/test";
import { STORAGE_STATE } from "./storage-state";

// The server is started by scripts/e2e.sh (release binary, free port, temp
// data dir) and handed over in BASE_URL. Running `npx playwright test` by hand
// needs a poolwatch already listening there, started with
// POOLWATCH_ADMIN_USER/POOLWATCH_ADMIN_PASSWORD, and the same two values in
// E2E_ADMIN_USER/E2E_ADMIN_PASSWORD.
const baseURL = process.env.BASE_URL ?? "http://127.0.0.1:7655/";

const chromium = {
  ...devices["Desktop Chrome"],
  launchOptions: {
    // Debian's Chromium; Playwright must never download a browser here.
    executablePath: process.env.CHROMIUM_PATH ?? "/usr/bin/chromium",
    args: [
      "--headless",
      "--no-sandbox",
      "--disable-gpu",
      "--disable-quic",
      "--no-first-run",
      "--disable-background-networking",
      "--disable-component-update",
      "--disable-sync",
    ],
  },
};

export default defineConfig({
  testDir: "./tests",
  outputDir: "./test-results",
  timeout: 30_000,
  expect: { timeout: 10_000 },
  retries: 0,
  workers: 1,
  forbidOnly: !!process.env.CI,
  reporter: [["list"]],
  use: {
    baseURL,
    trace: "off",
    screenshot: "only-on-failure",
  },
  projects: [
    // Logs in once through the login page; every spec then starts logged in
    // (auth.spec.ts opts out where it needs a logged-out browser).
    { name: "setup", testMatch: /auth\.setup\.ts/, use: chromium },
    {
      name: "chromium",
      dependencies: ["setup"],
      use: { ...chromium, storageState: STORAGE_STATE },
    },
  ],
});
