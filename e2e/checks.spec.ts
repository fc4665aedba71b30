/**
 * The check catalogue in the browser against the real DNS lab (BIND, NSD, Knot on
 * loopback, started here in the runner; the app server reaches it on
 * 127.0.0.x): upload → live check with a moving progress bar → NO-GO,
 * blocker evidence, a warning acknowledged, the diff filtered, the stale
 * secondary in the server matrix, and cancellation.
 */
import { randomBytes } from "node:crypto";
import { expect, test } from "./support/test";
import { startLab, type Lab } from "../lib/lab/lab";
import { ChecksPage } from "./pages/checks-page";
import { NewTransferPage } from "./pages/new-transfer-page";
import { TransferPage } from "./pages/transfer-page";

const EXPORT_INCOMPLETE = "lib/lab/zones/project.test.export-incomplete.zone";
const LIVE = "lib/lab/zones/project.test.live.zone";
const NEW_SERVERS = "ns1.newhost.test=127.0.0.5";
const parties = {
  losingRegistrar: "Old Registrar GmbH",
  gainingRegistrar: "New Registrar Ltd",
  currentDnsOperator: "Old Host DNS",
  futureDnsOperator: "New Host DNS",
};
const tag = () => randomBytes(3).toString("hex");

/** A transfer of the lab's project.test with one uploaded source; returns on its page. */
async function transferWith(page: import("@playwright/test").Page, file: string, label: string) {
  await new NewTransferPage(page).create({ domain: "project.test", ...parties, dnsHostingMoves: "yes" });
  await new TransferPage(page).uploadAndWait({ label, files: [file] });
}

test.describe("incomplete export", () => {
  test.describe.configure({ timeout: 180_000 });
  let lab: Lab;
  test.beforeAll(async () => {
    lab = await startLab({ scenario: "incomplete-export" });
  });
  test.afterAll(async () => {
    await lab?.stop();
  });

  test("upload to NO-GO: progress moves, a blocker shows its evidence, a warning is acknowledged, the diff filters", async ({
    page,
    staff,
  }) => {
    const label = `registrar export ${tag()}`;
    await transferWith(page, EXPORT_INCOMPLETE, label);
    const checks = new ChecksPage(page);
    await checks.openFromTransfer();
    // A modest per-server rate keeps the run going long enough to watch it (no sleeps needed).
    await checks.start({
      newServers: NEW_SERVERS,
      allowPrivate: true,
      port: lab.port,
      rootHints: lab.rootHints,
      ratePerServer: 40,
    });

    // The bar moves: an intermediate reading while the run is still running.
    await expect(async () => {
      const p = await checks.progress();
      expect(p.status).toBe("running");
      expect(p.sent).toBeGreaterThan(0);
      expect(p.answered).toBeGreaterThan(0);
      expect(p.percent).not.toBe("100%");
    }).toPass({ timeout: 30_000, intervals: [50] });
    const early = await checks.progress();
    await page.screenshot({ path: "e2e/artifacts/checks-progress.png", fullPage: true });
    await expect
      .poll(async () => (await checks.progress()).answered, { timeout: 30_000, intervals: [100] })
      .toBeGreaterThan(early.answered);

    await checks.waitForResult();
    await expect(checks.verdict()).toHaveText("NO-GO");
    await expect(checks.count("blockers")).toHaveText("17");
    // --strict parity: the pipeline's exit status, shown in the browser.
    await expect(page.getByTestId("strict-status")).toHaveAttribute("data-finalisable", "false");
    await expect(page.getByTestId("strict-status")).toContainText("not finalisable — exit 1");
    await checks.view("severity");
    await expect(page.getByTestId("findings-blocker").getByTestId("finding-family")).toHaveCount(3);
    await page.screenshot({ path: "e2e/artifacts/checks-no-go.png", fullPage: true });

    // A blocker expanded to its evidence: the old servers' referral, as dig prints it.
    const blocker = checks.finding("INV-MISSING-IN-SOURCE", "release.project.test. NS");
    await expect(blocker).toHaveCount(1);
    await checks.expand(blocker);
    const dig = blocker.getByTestId("evidence-dig").first();
    await expect(dig).toContainText(";; AUTHORITY SECTION:");
    await expect(dig).toContainText("ns-101.awsdns-12.com.");
    await expect(blocker.getByTestId("waive-form")).toBeVisible();
    await blocker.screenshot({ path: "e2e/artifacts/checks-blocker-evidence.png" });

    // A warning acknowledged inline (reason; the decider is the signed-in account).
    const warning = page.locator('[data-testid="finding"][data-severity="warning"][data-state="open"]').first();
    const key = await warning.getAttribute("data-key");
    await checks.expand(warning);
    await checks.setState(warning, "known and planned for the window");
    const acked = page.locator(`[data-testid="finding"][data-key="${key}"]`);
    await expect(acked).toHaveAttribute("data-state", "acknowledged");
    await expect(acked.getByTestId("finding-state")).toHaveText(
      `acknowledged by E2E staff <${staff.email}>: known and planned for the window`,
    );
    await expect(checks.count("acknowledged")).toHaveText("1");
    await expect(checks.verdict()).toHaveText("NO-GO");
    await page.screenshot({ path: "e2e/artifacts/checks-acknowledged.png", fullPage: true });

    // The diff: only missing, from the upload, by name.
    await page.getByTestId("diff-only").selectOption("missing");
    await page.getByTestId("diff-source").selectOption(`source ${label}`);
    await page.getByTestId("diff-name").fill("release");
    await expect(page.getByTestId("diff-row")).toHaveCount(1);
    await expect(page.getByTestId("diff-row")).toContainText("release.project.test.");
    await page.getByTestId("diff-name").fill("");
    await page.getByTestId("diff-type").selectOption("CNAME");
    await expect(page.getByTestId("diff-row").filter({ hasText: "www.project.test." })).toHaveCount(1);
    await page.getByTestId("diff-card").screenshot({ path: "e2e/artifacts/checks-diff.png" });

    // The history keeps the run.
    await page.getByTestId("back-to-checks").click();
    const row = page.getByTestId("run-row").first();
    await expect(row).toHaveAttribute("data-status", "done");
    await expect(row.getByTestId("verdict-badge")).toHaveText("NO-GO");
    await expect(row).toContainText("17");
  });

  test("a running check is cancelled promptly", async ({ page }) => {
    await transferWith(page, EXPORT_INCOMPLETE, `registrar export ${tag()}`);
    const checks = new ChecksPage(page);
    await checks.openFromTransfer();
    await checks.start({
      newServers: NEW_SERVERS,
      allowPrivate: true,
      port: lab.port,
      rootHints: lab.rootHints,
      ratePerServer: 5,
    });
    await expect
      .poll(async () => (await checks.progress()).sent, { timeout: 30_000, intervals: [50] })
      .toBeGreaterThan(0);
    await page.getByTestId("cancel-run").click();
    await expect(page.getByTestId("run-progress")).toHaveAttribute("data-status", "cancelled", { timeout: 5_000 });
    const p = await checks.progress();
    expect(p.sent).toBeGreaterThan(0);
    expect(p.answered + p.failed).toBeLessThan(p.planned);
    // Questions the cancelled run never sent are "not sent", not failures.
    expect(p.failed).toBeLessThanOrEqual(p.sent);
    await expect(page.getByTestId("progress-unsent")).toHaveText(String(p.planned - p.sent));
    await expect(page.getByTestId("run-phase")).toHaveText("cancelled: cancelled by the user");
    await page.screenshot({ path: "e2e/artifacts/checks-cancelled.png", fullPage: true });
    await page.getByTestId("back-to-checks").click();
    await expect(page.getByTestId("run-row").first()).toHaveAttribute("data-status", "cancelled");
    // The form starts the next run the way the last one ran: new servers, port and root hints are remembered.
    // Remembered as the run stored it: the name absolute (RFC 1035 §5.1), the same server.
    await expect(page.getByLabel("New operator's servers")).toHaveValue(/^ns1\.newhost\.test\.?=127\.0\.0\.5$/);
    await expect(page.getByLabel("Port")).toHaveValue(String(lab.port));
    expect((await page.getByLabel("Root hints").inputValue()).trim()).toBe(lab.rootHints.trim());
  });
});

test.describe("stale secondary", () => {
  test.describe.configure({ timeout: 180_000 });
  let lab: Lab;
  test.beforeAll(async () => {
    lab = await startLab({ scenario: "stale-secondary" });
  });
  test.afterAll(async () => {
    await lab?.stop();
  });

  test("the per-server matrix shows the stale secondary on each of its addresses", async ({ page }) => {
    await transferWith(page, LIVE, `live export ${tag()}`);
    const checks = new ChecksPage(page);
    await checks.openFromTransfer();
    await checks.start({ newServers: NEW_SERVERS, allowPrivate: true, port: lab.port, rootHints: lab.rootHints });
    await checks.waitForResult();
    await expect(checks.verdict()).toHaveText("NO-GO");
    const stale = checks.matrixRows("ns2.oldhost.test.");
    await expect(stale).toHaveCount(2);
    for (const r of await stale.all()) {
      await expect(r).toHaveAttribute("data-status", "stale");
      await expect(r.getByTestId("matrix-status")).toContainText("STALE");
    }
    const primary = checks.matrixRows("ns1.oldhost.test.");
    await expect(primary).toHaveAttribute("data-status", "ok");
    const top = await primary.getByTestId("matrix-serial").textContent();
    await expect(stale.first().getByTestId("matrix-status")).toContainText(`behind ${top}`);
    await expect(checks.finding("DEL-SOA-SERIAL")).toHaveCount(2);
    await page.getByTestId("matrix-card").screenshot({ path: "e2e/artifacts/checks-matrix-stale.png" });
  });
});
