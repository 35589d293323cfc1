import { test, expect, appReady, keepScreenshot } from "./fixtures";

test("the overview's banners name the faulted disk and the resilver", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  const degraded = page.getByTestId("banner-pool").filter({ hasText: "demo-degraded" });
  await expect(degraded).toContainText("Pool tank on demo-degraded is DEGRADED", { timeout: 20_000 });
  await expect(degraded).toContainText("sdc");
  await expect(degraded.getByRole("link", { name: "See the pool" })).toHaveAttribute("href", /^\/storage\/pools\/[^/]+\/tank$/);
  const resilvering = page.getByTestId("banner-pool").filter({ hasText: "demo-resilvering" });
  await expect(resilvering).toContainText(/resilver/i);
  await expect(page.getByTestId("banner-pool").filter({ hasText: "demo-healthy" })).toHaveCount(0);

  const card = page.getByTestId("nas-card").filter({ has: page.getByRole("heading", { name: "demo-degraded", exact: true }) });
  await expect(card.locator('[data-pool="tank"] .pool-reasons')).toContainText("sdc");
  await expect(card.getByTestId("last-seen")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await expect(card.getByTestId("alert-counts")).not.toHaveText("");
  await expect(card.locator('[data-pool="tank"] meter.usage-meter')).toHaveCount(1);
});

test("dark mode follows the toggle and survives a reload", async ({ page }) => {
  await page.emulateMedia({ colorScheme: "light" });
  await page.goto("/");
  await appReady(page);
  const background = () => page.evaluate(() => getComputedStyle(document.body).backgroundColor);
  const light = await background();
  await page.getByTestId("theme").selectOption("dark");
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  const dark = await background();
  expect(dark).not.toBe(light);
  await page.reload();
  await appReady(page);
  await expect(page.locator("html")).toHaveAttribute("data-theme", "dark");
  await expect(page.getByTestId("theme")).toHaveValue("dark");
  expect(await background()).toBe(dark);
  await keepScreenshot(page, "overview-dark");
  await page.getByTestId("theme").selectOption("system");
  await expect(page.locator("html")).not.toHaveAttribute("data-theme", /./);
  expect(await background()).toBe(light);
});

test("keyboard: g-keys navigate, ? shows the help, / goes to search", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  await page.keyboard.press("g");
  await page.keyboard.press("c");
  await expect(page).toHaveURL(/\/connections$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Connections");
  await page.keyboard.press("g");
  await page.keyboard.press("a");
  await expect(page).toHaveURL(/\/alerts/);
  await page.keyboard.press("g");
  await page.keyboard.press("o");
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");

  await page.keyboard.press("Shift+?");
  const help = page.getByRole("dialog", { name: "Keyboard shortcuts" });
  await expect(help).toBeVisible();
  await expect(help.getByRole("button", { name: "Close" })).toBeFocused();
  await page.keyboard.press("Escape");
  await expect(help).toHaveCount(0);

  await page.keyboard.press("/");
  await expect(page).toHaveURL(/\/storage/);
});

test.describe("phone", () => {
  test.use({ viewport: { width: 390, height: 844 } });

  test("the overview fits a phone's width", async ({ page }) => {
    await page.goto("/");
    await appReady(page);
    await expect(page.getByTestId("nas-card")).toHaveCount(3, { timeout: 20_000 });
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    expect(overflow).toBeLessThanOrEqual(0);
    const box = await page.getByTestId("nas-card").first().boundingBox();
    expect(box!.width).toBeLessThanOrEqual(390);
    await keepScreenshot(page, "overview-phone");
  });
});
