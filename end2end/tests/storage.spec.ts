import { test, expect, appReady, keepScreenshot } from "./fixtures";

// scripts/e2e.sh runs poolwatch --demo: demo-healthy, demo-degraded (sdc
// FAULTED in tank's raidz1, 3 read and 12 checksum errors) and
// demo-resilvering (tank resilvering at 42.7%), polled every second.

test("storage filters by source and health live in the URL: reload, back and forward", async ({ page }) => {
  await page.goto("/storage");
  await appReady(page);
  const rows = page.getByTestId("storage-row");
  const table = page.getByTestId("storage-table");
  await expect(table).toContainText("demo-healthy", { timeout: 20_000 });
  await expect(table).toContainText("demo-degraded");
  await expect(rows.first().getByText("TrueNAS", { exact: true })).toBeVisible();

  await page.getByLabel("Source", { exact: true }).selectOption("truenas");
  await expect(page).toHaveURL(/[?&]source=truenas/);
  await page.getByLabel("Health", { exact: true }).selectOption("attention");
  await expect(page).toHaveURL(/[?&]health=attention/);
  // The two tanks that need attention, and nothing healthy.
  await expect(rows).toHaveCount(2, { timeout: 20_000 });
  await expect(table.locator('[data-status="online"]')).toHaveCount(0);
  await expect(table).toContainText("demo-degraded");
  await expect(table).toContainText("demo-resilvering");
  await expect(page.getByTestId("result-count")).toHaveText("Showing 1–2 of 2 pools");

  await page.reload();
  await appReady(page);
  await expect(page.getByLabel("Health", { exact: true })).toHaveValue("attention");
  await expect(page.getByLabel("Source", { exact: true })).toHaveValue("truenas");
  await expect(rows).toHaveCount(2, { timeout: 20_000 });

  await page.goBack();
  await expect(page).not.toHaveURL(/health=/);
  await expect(page.getByLabel("Health", { exact: true })).toHaveValue("all");
  await expect(table).toContainText("demo-healthy");
  await page.goForward();
  await expect(page).toHaveURL(/[?&]health=attention/);
  await expect(rows).toHaveCount(2);

  await page.getByLabel("Search", { exact: true }).fill("resilver");
  await expect(page).toHaveURL(/[?&]q=resilver/);
  await expect(rows).toHaveCount(1);
  await expect(rows.first()).toContainText("demo-resilvering");
  await keepScreenshot(page, "storage-filtered");
});

test("a deep link to the disks that need attention names the faulted disk", async ({ page }) => {
  await page.goto("/storage?source=truenas&health=attention&tab=disks");
  await appReady(page);
  await expect(page.getByRole("tab", { name: "Disks" })).toHaveAttribute("aria-selected", "true");
  const sdc = page.locator('[data-testid="storage-row"][data-name="sdc"]').filter({ hasText: "demo-degraded" });
  await expect(sdc).toBeVisible({ timeout: 20_000 });
  await expect(sdc).toContainText("FAULTED");
  await expect(sdc).toContainText("3 read, 0 write, 12 checksum errors");
  await expect(page.getByTestId("storage-table").locator('[data-status="online"]')).toHaveCount(0);
  await page.getByRole("tab", { name: "Datasets" }).click();
  await expect(page).toHaveURL(/[?&]tab=datasets/);
  await expect(page).toHaveURL(/[?&]health=attention/);
});

test("the degraded pool's detail shows warning badges, the faulted disk and its counters", async ({ page }) => {
  await page.goto("/storage?q=tank");
  await appReady(page);
  const row = page.getByTestId("storage-row").filter({ hasText: "demo-degraded" });
  await expect(row.locator("[data-status]").first()).toHaveText("Attention", { timeout: 20_000 });
  await row.getByRole("link", { name: "tank", exact: true }).click();
  await expect(page).toHaveURL(/\/storage\/pools\/[^/]+\/tank$/);
  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pool tank");
  await expect(page.locator(".page-header [data-status]")).toHaveText("Attention");
  const sdc = page.locator('[data-testid="vdev"][data-device="sdc"]');
  await expect(sdc).toContainText("FAULTED");
  await expect(sdc.locator("td.num")).toHaveText(["3", "0", "12"]);
  await expect(page.getByTestId("vdev-tree")).toContainText("raidz1");
  await expect(page.getByTestId("scan")).toContainText("12 errors");
  await expect(page.getByTestId("alert-table")).toContainText("CRITICAL");
  await expect(page.getByTestId("pool-datasets")).toContainText("tank/media");
  await keepScreenshot(page, "pool-degraded");

  // The detail page is a deep link too.
  await page.reload();
  await appReady(page);
  await expect(page.locator('[data-testid="vdev"][data-device="sdc"]')).toContainText("FAULTED");
});

test("the resilvering pool shows its progress", async ({ page }) => {
  await page.goto("/storage?q=tank");
  await appReady(page);
  const row = page.getByTestId("storage-row").filter({ hasText: "demo-resilvering" });
  await expect(row).toContainText("resilver running 42.7%", { timeout: 20_000 });
  await row.getByRole("link", { name: "tank", exact: true }).click();
  const scan = page.getByTestId("scan");
  await expect(scan.locator("progress")).toHaveAttribute("value", "42.7");
  await expect(scan).toContainText("resilver running 42.7%");
  await expect(page.getByTestId("vdev-tree")).toContainText("replacing");
  await keepScreenshot(page, "pool-resilvering");
});

test("datasets say which pool they are in; a pool's root dataset links to the pool", async ({ page }) => {
  await page.goto("/storage?tab=datasets&q=demo-degraded");
  await appReady(page);
  const rows = page.getByTestId("storage-row");
  const root = rows.and(page.locator('[data-name="tank"]'));
  await expect(root).toHaveCount(1, { timeout: 20_000 });
  await expect(root.locator(".in-pool")).toHaveCount(0);
  await expect(root.getByRole("link", { name: "tank", exact: true })).toHaveAttribute("href", /^\/storage\/pools\/[^/]+\/tank$/);
  const child = rows.and(page.locator('[data-name^="tank/"]')).first();
  await expect(child.locator(".in-pool")).toHaveText("in tank");
  await expect(child.locator(".in-pool").getByRole("link", { name: "tank" })).toHaveAttribute("href", /^\/storage\/pools\/[^/]+\/tank$/);
});
