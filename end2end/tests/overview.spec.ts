import { test, expect, appReady, keepScreenshot } from "./fixtures";

test("overview shows the server function's answer", async ({ page }) => {
  const version = process.env.POOLWATCH_VERSION;
  expect(version, "scripts/e2e.sh passes the binary's version").toBeTruthy();

  const rpc = page.waitForResponse((r) => r.url().includes("/rpc/server_status"));
  await page.goto("/");
  await appReady(page);
  expect((await rpc).status()).toBe(200);

  await expect(page.getByRole("heading", { level: 1 })).toHaveText("Overview");
  await expect(page.getByTestId("server-version")).toHaveText(version!);
  await expect(page.getByTestId("server-data-dir")).toContainText("writable");
  await expect(page.getByTestId("server-mode")).toContainText("demo");
  await expect(page.getByTestId("server-uptime")).toHaveText(/^\d+(s|m \d+s|h \d+m|d \d+h)$/);
  await expect(page.getByTestId("server-started")).toHaveText(/^\d{4}-\d{2}-\d{2} \d{2}:\d{2}:\d{2} UTC$/);
  await keepScreenshot(page, "overview");
});
