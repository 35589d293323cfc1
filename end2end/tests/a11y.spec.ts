import AxeBuilder from "@axe-core/playwright";
import type { Page } from "@playwright/test";
import { test, expect, appReady, logIn, LOGGED_OUT } from "./fixtures";

// Every view, populated by the demo NAS, checked by axe-core against WCAG 2.1
// A and AA (names and labels, roles, contrast, landmarks, ...) in both
// colour schemes. A violation fails the spec with what and where.

type View = { name: string; open: (page: Page) => Promise<void> };

const loaded = async (page: Page) => {
  await appReady(page);
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0, { timeout: 20_000 });
};

/** A storage page, once its first row is in. */
const storage = (name: string, path: string): View => ({
  name,
  open: async (page) => {
    await page.goto(path);
    await loaded(page);
    await expect(page.getByTestId("storage-row").first()).toBeVisible({ timeout: 20_000 });
  },
});

const VIEWS: View[] = [
  {
    name: "overview",
    open: async (page) => {
      await page.goto("/");
      await loaded(page);
      await expect(page.getByTestId("nas-card")).toHaveCount(3, { timeout: 20_000 });
    },
  },
  storage("storage, pools", "/storage"),
  storage("storage, datasets", "/storage?tab=datasets"),
  storage("storage, disks that need attention", "/storage?tab=disks&health=attention"),
  {
    name: "pool detail",
    open: async (page) => {
      await page.goto("/");
      await loaded(page);
      const banner = page.getByTestId("banner-pool").filter({ hasText: "demo-degraded" });
      await banner.getByRole("link", { name: "See the pool" }).click();
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Pool tank");
      await loaded(page);
    },
  },
  {
    name: "alerts, dismissed shown",
    open: async (page) => {
      await page.goto("/alerts?dismissed=shown");
      await loaded(page);
      await expect(page.getByTestId("alert-row").first()).toBeVisible({ timeout: 20_000 });
    },
  },
  {
    name: "connections with the wizard open",
    open: async (page) => {
      await page.goto("/connections");
      await loaded(page);
      await page.getByRole("button", { name: "Add connection" }).click();
      await expect(page.getByTestId("wizard")).toBeVisible();
    },
  },
  {
    name: "settings",
    open: async (page) => {
      await page.goto("/settings");
      await loaded(page);
    },
  },
  {
    name: "keyboard help",
    open: async (page) => {
      await page.goto("/");
      await loaded(page);
      await page.keyboard.press("Shift+?");
      await expect(page.getByRole("dialog", { name: "Keyboard shortcuts" })).toBeVisible();
    },
  },
];

async function violations(page: Page) {
  const results = await new AxeBuilder({ page })
    .withTags(["wcag2a", "wcag2aa", "wcag21a", "wcag21aa"])
    .analyze();
  return results.violations.map((v) => ({
    rule: v.id,
    impact: v.impact,
    help: v.help,
    where: v.nodes.slice(0, 5).map((n) => `${n.target.join(" ")}: ${n.failureSummary ?? ""}`),
  }));
}

for (const scheme of ["light", "dark"] as const) {
  test.describe(`${scheme} mode`, () => {
    test.use({ colorScheme: scheme });

    for (const view of VIEWS) {
      test(`${view.name} passes axe (WCAG 2.1 A/AA)`, async ({ page }) => {
        await view.open(page);
        expect(await violations(page)).toEqual([]);
      });
    }
  });

  test.describe(`${scheme} mode, logged out`, () => {
    test.use({ colorScheme: scheme, storageState: LOGGED_OUT });

    test("the login page passes axe (WCAG 2.1 A/AA)", async ({ page, allowConsole }) => {
      allowConsole(/status of 401/); // the failed attempt below
      await page.goto("/login");
      await expect(page.getByRole("heading", { level: 1 })).toHaveText("Log in");
      expect(await violations(page)).toEqual([]);
      // A failed attempt's message too.
      await logIn(page, "nobody", "wrong password");
      await expect(page.getByRole("alert")).toBeVisible();
      expect(await violations(page)).toEqual([]);
    });
  });
}

// The check can fail: an image without a text alternative and grey-on-grey
// text planted in the overview are reported.
test("axe reports what it should", async ({ page }) => {
  await VIEWS[0].open(page);
  await page.evaluate(() => {
    const img = document.createElement("img");
    img.src = "data:image/svg+xml,<svg xmlns='http://www.w3.org/2000/svg' width='8' height='8'/>";
    const faint = document.createElement("p");
    faint.textContent = "hard to read";
    faint.style.color = "#bbb";
    faint.style.background = "#ccc";
    document.querySelector("main")?.append(img, faint);
  });
  const rules = (await violations(page)).map((v) => v.rule);
  expect(rules).toEqual(expect.arrayContaining(["image-alt", "color-contrast"]));
});
