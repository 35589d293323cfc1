import { test, expect, appReady, keepScreenshot, PAGES } from "./fixtures";

test("every nav link reaches its page and URL", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  const nav = page.getByRole("navigation", { name: "Primary" });
  await expect(nav.getByRole("link")).toHaveCount(PAGES.length);
  for (const target of [...PAGES.slice(1), PAGES[0]]) {
    await nav.getByRole("link", { name: target.title, exact: true }).click();
    await expect(page).toHaveURL(new URL(target.path, page.url()).href);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(target.title);
    await expect(nav.getByRole("link", { name: target.title, exact: true })).toHaveAttribute(
      "aria-current",
      "page",
    );
  }
});

test("/ loads the light Overview entry; leaving it loads the full app", async ({ page }) => {
  const wasm: string[] = [];
  page.on("request", (request) => {
    const path = new URL(request.url()).pathname;
    if (path.endsWith(".wasm")) wasm.push(path);
  });
  await page.goto("/");
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  expect(wasm).toHaveLength(1);
  expect(wasm[0]).toMatch(/^\/overview-[0-9a-f]+_bg\.wasm$/);

  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Storage", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Storage");
  expect(wasm).toHaveLength(2);
  expect(wasm[1]).toMatch(/^\/app-[0-9a-f]+_bg\.wasm$/);
  // Within the full app, moves stay in the browser: no third download.
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Overview", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await page.getByRole("navigation", { name: "Primary" }).getByRole("link", { name: "Alerts", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alerts");
  expect(wasm).toHaveLength(2);
});

for (const target of PAGES) {
  test(`deep link ${target.path} survives a reload`, async ({ page }) => {
    const response = await page.goto(target.path);
    expect(response?.status()).toBe(200);
    await appReady(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(target.title);
    await page.reload();
    await appReady(page);
    await expect(page.getByRole("heading", { level: 1 })).toHaveText(target.title);
    await expect(page).toHaveURL(new URL(target.path, page.url()).href);
    await expect(page.getByRole("status").first()).toBeVisible();
    await keepScreenshot(page, `page-${target.title.toLowerCase()}`);
  });
}

test("back and forward move between pages", async ({ page }) => {
  await page.goto("/storage");
  await appReady(page);
  const nav = page.getByRole("navigation", { name: "Primary" });
  await nav.getByRole("link", { name: "Alerts", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alerts");
  await page.goBack();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Storage");
  await page.goForward();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Alerts");
});

test("an unknown address shows not found with a way back", async ({ page, allowConsole }) => {
  // The server answers 404 for the document; Chromium logs that as a console error.
  allowConsole(/status of 404/);
  const response = await page.goto("/no-such-page");
  expect(response?.status()).toBe(404);
  await appReady(page);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Page not found");
  await page.getByRole("link", { name: "Back to the overview" }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await keepScreenshot(page, "not-found");
});

test("phone-width viewport keeps the navigation usable", async ({ page }) => {
  await page.setViewportSize({ width: 390, height: 844 });
  await page.goto("/");
  await appReady(page);
  const nav = page.getByRole("navigation", { name: "Primary" });
  await nav.getByRole("link", { name: "Connections", exact: true }).click();
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connections");
  const width = await page.evaluate(() => document.documentElement.scrollWidth);
  expect(width).toBeLessThanOrEqual(390);
  await keepScreenshot(page, "phone-connections");
});
