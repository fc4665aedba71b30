/**
 * The schedule timeline's labels never overlap, whatever the window's length:
 * every text drawn in the picture is measured in the browser.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import type { Page } from "@playwright/test";
import { expect, test } from "./support/test";

function seed(command: string, arg: object): { id: string } {
  const dbUrl = `file:${join(process.env.CUTOVER_E2E_DATA_DIR!, "e2e.db")}`;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./lib/node/server-only.mjs",
      "e2e/support/seed-checklist.ts",
      command,
      JSON.stringify(arg),
    ],
    { env: { ...process.env, DATABASE_URL: dbUrl }, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`seed ${command} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!);
}

const VIEWER_ZONE = "Europe/Berlin";
test.use({ timezoneId: VIEWER_ZONE });

/** datetime-local value `days` (may be fractional) after today's midnight in the viewer's zone. */
function localInput(days: number): string {
  const today = new Intl.DateTimeFormat("en-CA", { timeZone: VIEWER_ZONE }).format(new Date());
  return new Date(Date.parse(`${today}T00:00:00Z`) + days * 86_400_000).toISOString().slice(0, 16);
}

/** Pairs of drawn labels whose boxes intersect (1 px tolerance), as "text A" × "text B". */
async function overlappingLabels(page: Page): Promise<string[]> {
  return page
    .getByTestId("timeline-card")
    .locator("svg[role=img]")
    .evaluate((svg) => {
      const boxes = [...svg.querySelectorAll("text")]
        .map((t) => ({ text: t.textContent ?? "", r: t.getBoundingClientRect() }))
        .filter((b) => b.text.trim() !== "" && b.r.width > 0);
      const out: string[] = [];
      for (let i = 0; i < boxes.length; i++)
        for (let j = i + 1; j < boxes.length; j++) {
          const a = boxes[i].r;
          const b = boxes[j].r;
          if (a.left < b.right - 1 && b.left < a.right - 1 && a.top < b.bottom - 1 && b.top < a.bottom - 1)
            out.push(`${boxes[i].text} × ${boxes[j].text}`);
        }
      return out;
    });
}

for (const [name, startDay, endDay, loweringDay] of [
  ["short (3 h)", 1.375, 1.5, 0.5],
  ["two days", 2.375, 4.5, 0.375],
  ["long (13 days)", 1.375, 14.5, 0.5],
  ["very long (40 days)", 3, 43, 1],
] as const) {
  test(`timeline labels do not overlap: ${name} window`, async ({ page }) => {
    const { id } = seed("transfer", { domain: `labels-${randomBytes(4).toString("hex")}.test` });
    await page.setViewportSize({ width: 1366, height: 900 });
    await page.goto(`/transfers/${id}/schedule`);
    await page.getByLabel("Window start").fill(localInput(startDay));
    await page.getByLabel("Window end").fill(localInput(endDay));
    await page.getByLabel("TTL lowering planned at").fill(localInput(loweringDay));
    await page.getByLabel("Owner's time zone").fill(VIEWER_ZONE);
    await page.getByTestId("save-window").click();
    await expect(page.getByTestId("window-status")).toHaveText("Window saved");
    await expect(page.getByTestId("timeline-card").getByTestId("timeline-window")).toBeVisible();
    await page.getByTestId("timeline-card").screenshot({ path: `test-results/timeline-${name.split(" ")[0]}.png` });
    expect(await overlappingLabels(page)).toEqual([]);
  });
}
