import { test, expect, appReady, keepScreenshot } from "./fixtures";

// The demo NAS raise a CRITICAL VolumeStatus alert for each unhealthy tank
// (degraded, resilvering) and each has a dismissed INFO capacity notice.
test("alerts list TrueNAS alerts, filter by level in the URL and hide dismissed ones", async ({ page }) => {
  await page.goto("/alerts");
  await appReady(page);
  const rows = page.getByTestId("alert-row");
  await expect(rows.filter({ hasText: "demo-degraded" })).toHaveCount(1, { timeout: 20_000 });
  await expect(rows.filter({ hasText: "demo-resilvering" })).toHaveCount(1);
  await expect(page.locator('[data-testid="alert-row"].is-dismissed')).toHaveCount(0);
  const degraded = rows.filter({ hasText: "demo-degraded" });
  await expect(degraded).toContainText("CRITICAL");
  await expect(degraded).toContainText("Pool tank state is DEGRADED");

  await page.getByLabel("Show dismissed", { exact: true }).check();
  await expect(page).toHaveURL(/[?&]dismissed=shown/);
  await expect(page.locator('[data-testid="alert-row"].is-dismissed').first()).toBeVisible();
  await expect(page.locator('[data-testid="alert-row"][data-level="info"]').first()).toContainText("dismissed");

  await page.getByLabel("Level", { exact: true }).selectOption("critical");
  await expect(page).toHaveURL(/[?&]level=critical/);
  await expect(page.locator('[data-testid="alert-row"]:not([data-level="critical"])')).toHaveCount(0);
  await expect(rows).toHaveCount(2);
  await keepScreenshot(page, "alerts-critical");

  await page.reload();
  await appReady(page);
  await expect(page.getByLabel("Level", { exact: true })).toHaveValue("critical");
  await expect(rows).toHaveCount(2);

  await page.getByLabel("Level", { exact: true }).selectOption("info");
  await expect(rows.first()).toHaveAttribute("data-level", "info");
  await page.goBack();
  await expect(page).toHaveURL(/[?&]level=critical/);
  await expect(rows).toHaveCount(2);

  await degraded.getByRole("link", { name: "pool tank" }).click();
  await expect(page).toHaveURL(/\/storage\/pools\/[^/]+\/tank$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pool tank");
});
