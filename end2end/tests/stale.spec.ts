import { test, expect, appReady, keepScreenshot, logIn, LOGGED_OUT } from "./fixtures";
import { SIM_KEY, demoNas } from "./sim";

// A server of its own (scripts/e2e.sh: E2E_STALE_URL, --demo, polls every
// second, data stale after 3 s), so breaking its NAS disturbs no other spec.
const staleURL = process.env.E2E_STALE_URL;
test.skip(!staleURL, "E2E_STALE_URL is not set");
test.use({ baseURL: staleURL, storageState: LOGGED_OUT });

test.beforeEach(async ({ page }) => {
  await page.goto("/login");
  await logIn(page);
  await appReady(page);
});

test("a NAS that stops answering gets a banner and a stale card, and recovers", async ({
  page,
  playwright,
  allowConsole,
}) => {
  allowConsole(/Failed to load resource/);
  const nas = await demoNas(page.request, "demo-healthy");
  const sim = await playwright.request.newContext({
    baseURL: `https://${nas.host}:${nas.port}`,
    ignoreHTTPSErrors: true,
  });
  const card = page.getByTestId("nas-card").filter({ has: page.getByRole("heading", { name: "demo-healthy", exact: true }) });
  await page.goto("/");
  await expect(card.locator(".nas-card-head [data-status]")).toHaveText("Healthy", { timeout: 20_000 });
  try {
    expect((await sim.post("/_sim/scenario", { data: { scenario: "malformed" } })).ok()).toBe(true);
    const banner = page.getByTestId("banner-connection").filter({ hasText: "demo-healthy" });
    await expect(banner).toBeVisible({ timeout: 15_000 });
    await expect(banner).toHaveAttribute("data-category", /^(malformed|api)$/);
    await expect(banner).toContainText("last good answer");
    await expect(card.getByTestId("stale-note")).toContainText(/Stale since|Not answering since/, { timeout: 15_000 });
    await expect(card).toHaveClass(/is-stale/);
    await keepScreenshot(page, "overview-stale");
  } finally {
    await sim.post("/_sim/scenario", { data: { scenario: "healthy" } });
    await sim.dispose();
  }
  await expect(page.getByTestId("banner-connection").filter({ hasText: "demo-healthy" })).toHaveCount(0, { timeout: 15_000 });
  await expect(card.getByTestId("stale-note")).toHaveCount(0);
  await expect(card).not.toHaveClass(/is-stale/);
});

test("two NAS with the same hostname and pool names stay apart", async ({ page }) => {
  const nas = await demoNas(page.request, "demo-degraded");
  const stamp = Date.now();
  const names = [`twin-a-${stamp}`, `twin-b-${stamp}`];
  const ids: string[] = [];
  const detail = await page.request.get("/api/truenas/connections");
  const fingerprint = ((await detail.json()) as { name: string; fingerprint: string }[]).find(
    (c) => c.name === "demo-degraded",
  )!.fingerprint;
  try {
    for (const name of names) {
      const saved = await page.request.post("/api/truenas/connections", {
        data: { name, host: nas.host, port: nas.port, apiKey: SIM_KEY, tlsMode: "pin", fingerprint, pollIntervalSeconds: 10 },
      });
      expect(saved.status(), await saved.text()).toBe(201);
      ids.push((await saved.json()).id);
    }
    await page.goto("/");
    for (const name of names) {
      const card = page.getByTestId("nas-card").filter({ has: page.getByRole("heading", { name, exact: true }) });
      await expect(card.locator('[data-testid="pool-row"][data-pool="tank"]')).toContainText("DEGRADED", { timeout: 20_000 });
    }
    const cards = page.getByTestId("nas-card");
    const connections = await cards.evaluateAll((els) => els.map((e) => e.getAttribute("data-connection")));
    expect(new Set(connections).size).toBe(connections.length);
    // Each twin's tank is its own resource.
    const pools = await page.request.get("/api/v2/resources?type=pool&q=tank");
    const ownIds = ((await pools.json()).data as { id: string; connectionId: string }[])
      .filter((p) => ids.includes(p.connectionId))
      .map((p) => p.id);
    expect(new Set(ownIds).size).toBe(2);
  } finally {
    for (const id of ids) await page.request.delete(`/api/truenas/connections/${id}`);
  }
});
