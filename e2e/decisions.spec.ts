/**
 * Decisions in the cockpit bound to the account,
 * through the run page: three blockers from one missing CAA policy waived in
 * one action with one reason, a warning acknowledged with a double click,
 * one waiver undone so its blocker is open in the verdict again, and the
 * audit log holding exactly one entry per decision, all naming the account.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { expect, test } from "./support/test";
import { ChecksPage } from "./pages/checks-page";

function seed(command: string, arg: object): Record<string, unknown> {
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
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as Record<string, unknown>;
}

type Event = { type: string; findingId?: string; actor: { kind: string; email?: string }; onBehalfOf?: string };

test("bulk waive with one reason, acknowledge on a double click, undo: the verdict follows and the log names the account once per decision", async ({
  page,
  staff,
}) => {
  const domain = `cockpit-${randomBytes(4).toString("hex")}.test`;
  const { id, runId } = seed("cockpit", { domain }) as { id: string; runId: string };
  await page.goto(`/transfers/${id}/checks/${runId}`);
  const checks = new ChecksPage(page);
  await expect(checks.verdict()).toHaveText("NO-GO");
  await expect(checks.count("open")).toHaveText("4");
  const caa = checks.finding("SVC-CAA-MISSING");
  await expect(caa).toHaveCount(3);

  // Three blockers, one action, one reason; "on behalf of" is only a label beside the account.
  await expect(checks.bulkForm("blocker")).toHaveCount(0);
  await checks.select(caa.nth(0), caa.nth(1), caa.nth(2));
  await expect(checks.bulkForm("blocker").getByTestId("bulk-count")).toHaveText("3 selected");
  await page.screenshot({ path: "e2e/artifacts/decisions-bulk-selected.png", fullPage: true });
  await checks.bulkDecide("blocker", "the new operator publishes CAA at cut-over", "Mallory Impersonated CEO");
  for (let i = 0; i < 3; i++) {
    await expect(caa.nth(i)).toHaveAttribute("data-state", "waived");
    await expect(caa.nth(i).getByTestId("finding-state")).toHaveText(
      `waived by E2E staff <${staff.email}> on behalf of Mallory Impersonated CEO (self-declared): the new operator publishes CAA at cut-over`,
    );
  }
  await expect(checks.count("waived")).toHaveText("3");
  await expect(checks.verdict()).toHaveText("GO");

  // A double click on Acknowledge records one decision.
  const warning = checks.finding("SVC-DMARC");
  await checks.expand(warning);
  await warning.getByTestId("state-reason").fill("monitoring after the move");
  await warning.getByTestId("acknowledge-submit").dblclick();
  await expect(warning).toHaveAttribute("data-state", "acknowledged");
  await expect(checks.count("acknowledged")).toHaveText("1");

  // Undo one waiver: its blocker is open again and the verdict is NO-GO.
  // By key: the subject view orders groups by what is still open, so positions move as decisions land.
  const undoneKey = (await caa.nth(1).getAttribute("data-key"))!;
  const undone = page.locator(`[data-testid="finding"][data-key="${undoneKey}"]`);
  await checks.expand(undone);
  await checks.revoke(undone);
  await expect(undone).toHaveAttribute("data-state", "open");
  await expect(checks.count("waived")).toHaveText("2");
  await expect(checks.verdict()).toHaveText("NO-GO");
  await page.screenshot({ path: "e2e/artifacts/decisions-after-undo.png", fullPage: true });

  // The log: one entry per decision, each naming the signed-in account.
  const events = (seed("audit", { transferId: id }).events as Event[]).filter((e) => e.type.startsWith("finding."));
  expect(events.map((e) => e.type).sort()).toEqual([
    "finding.acknowledged",
    "finding.revoked",
    "finding.waived",
    "finding.waived",
    "finding.waived",
  ]);
  for (const e of events) expect(e.actor).toMatchObject({ kind: "staff", email: staff.email });
  expect(
    events.filter((e) => e.type === "finding.waived").every((e) => e.onBehalfOf === "Mallory Impersonated CEO"),
  ).toBe(true);
  expect(events.find((e) => e.type === "finding.revoked")!.findingId).toBe(undoneKey);
});
