import { test, expect, appReady, keepScreenshot } from "./fixtures";

// scripts/e2e.sh starts poolwatch with --demo (three simulated NAS) and polls
// every second (POOLWATCH_POLL_EVERY_MS), so health settles in seconds.
test("the demo populates the overview with three NAS and their health", async ({ page }) => {
  await page.goto("/");
  await appReady(page);
  const cards = page.getByTestId("nas-card");
  await expect(cards).toHaveCount(3, { timeout: 20_000 });

  const card = (name: string) => cards.filter({ has: page.getByRole("heading", { name, exact: true }) });
  const healthy = card("demo-healthy");
  const degraded = card("demo-degraded");
  const resilvering = card("demo-resilvering");

  await expect(healthy.locator(".nas-card-head [data-status]")).toHaveText("Healthy", { timeout: 20_000 });
  await expect(degraded.locator(".nas-card-head [data-status]")).toHaveText("Attention", { timeout: 20_000 });
  await expect(resilvering.locator(".nas-card-head [data-status]")).toHaveText("Attention", { timeout: 20_000 });

  for (const c of [healthy, degraded, resilvering]) {
    await expect(c.getByText("TrueNAS", { exact: true })).toBeVisible();
    await expect(c.getByTestId("pool-row").first()).toBeVisible();
  }
  const degradedTank = degraded.locator('[data-testid="pool-row"][data-pool="tank"]');
  await expect(degradedTank).toContainText("DEGRADED");
  await expect(degradedTank.locator(".pool-reasons")).not.toBeEmpty();
  await expect(resilvering.locator('[data-pool="tank"] .pool-reasons')).toContainText(/resilver/i);
  await expect(page.getByTestId("health-summary")).toContainText("3 NAS");
  await keepScreenshot(page, "overview-demo");
});
