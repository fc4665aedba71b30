/**
 * A 100,000-name run page stays usable: the diff and the findings are read a
 * page at a time from the server and virtualised, so the DOM holds a
 * screenful whatever the run's size. Seeded through lib/ (the measurement
 * itself is bench:check's job, not the browser's).
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "./support/test";
import { ChecksPage } from "./pages/checks-page";

const NAMES = 100_000;

function seed(arg: object): { id: string; runId: string } {
  const dbUrl = `file:${join(process.env.CUTOVER_E2E_DATA_DIR!, "e2e.db")}`;
  const r = spawnSync(process.execPath, ["--import", "tsx", "--import", "./lib/node/server-only.mjs", "e2e/support/seed-large-run.ts", JSON.stringify(arg)], { env: { ...process.env, DATABASE_URL: dbUrl }, encoding: "utf8", maxBuffer: 1 << 24 });
  if (r.status !== 0) throw new Error(`seed failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as { id: string; runId: string };
}

test("a 100,000-name run: the diff and 3,000 blockers scroll and filter a page at a time", async ({ page }) => {
  test.setTimeout(300_000);
  const domain = `large-${randomBytes(4).toString("hex")}.test`;
  const { id, runId } = seed({ domain, names: NAMES, blockers: 3_000, warnings: 2 });
  const checks = new ChecksPage(page);
  await page.goto(`/transfers/${id}/checks/${runId}`);
  await expect(checks.verdict()).toHaveText("NO-GO");
  await expect(checks.count("blockers")).toHaveText("3000");
  await expect(page.getByTestId("findings-blocker")).toHaveAttribute("data-total", "3000");

  // The diff: 100,000 rows, only a screenful in the DOM.
  await expect(checks.diffCount()).toHaveText(`${NAMES} of ${NAMES} differences`);
  expect(await checks.diffRows().count()).toBeLessThan(60);
  // To the end: the last rows are read from the server when they come into view.
  await checks.scrollDiffToEnd();
  await expect(checks.diffRow(NAMES - 1)).toContainText(`host${NAMES - 1}.${domain}.`);
  expect(await checks.diffRows().count()).toBeLessThan(60);
  await page.getByTestId("diff-card").screenshot({ path: "e2e/artifacts/large-run-diff-end.png" });

  // Filters run in the database: only different (every tenth name), then a name.
  await page.getByTestId("diff-only").selectOption("different");
  await expect(checks.diffCount()).toHaveText(`${NAMES / 10} of ${NAMES} differences`);
  await expect(checks.diffRows().first()).toHaveAttribute("data-kind", "rdata");
  await page.getByTestId("diff-name").fill(`host9999${0}.`);
  await expect(checks.diffCount()).toHaveText(`1 of ${NAMES} differences`);
  await expect(checks.diffRows()).toHaveCount(1);
  await expect(checks.diffRows().first()).toContainText(`host99990.${domain}.`);
  await page.getByTestId("diff-name").fill("");
  await page.getByTestId("diff-only").selectOption("all");
  await page.getByTestId("diff-hide-explained").check();
  // Every seventh name's difference is explained (expected): 100,000 − 14,286.
  await expect(checks.diffCount()).toHaveText(`${NAMES - Math.ceil(NAMES / 7)} of ${NAMES} differences`);

  // The findings: the first page of blockers came with the page, the rest as they scroll into view.
  const blockers = checks.findingsScroll("blocker");
  expect(await blockers.getByTestId("finding").count()).toBeLessThan(60);
  await blockers.evaluate((el) => el.scrollTo({ top: el.scrollHeight }));
  const last = checks.finding("INV-MISSING-IN-SOURCE", `host2999.${domain}. A`);
  await expect(last).toBeVisible();
  expect(await blockers.getByTestId("finding").count()).toBeLessThan(60);
  // Its evidence is the stored answer, decoded and shown as dig prints it.
  await checks.expand(last);
  await expect(last.getByTestId("evidence-dig")).toContainText(`host2999.${domain}.\t3600\tIN\tA\t10.0.11.183`);
  await page.getByTestId("findings-card").screenshot({ path: "e2e/artifacts/large-run-findings.png" });
  // Select all open covers the blockers not loaded yet.
  await page.getByTestId("findings-blocker").getByTestId("select-all").check();
  await expect(checks.bulkForm("blocker").getByTestId("bulk-count")).toHaveText("3000 selected");
  await page.screenshot({ path: "e2e/artifacts/large-run.png", fullPage: false });
});
