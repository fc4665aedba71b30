/**
 * A stored run end to end against the lab (real BIND/NSD/Knot): a transfer
 * with the incomplete registrar export, a run executed in the background,
 * progress in the run row, findings/states/verdict persisted, acknowledge
 * and waive, cancellation, crash recovery.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lab/lab";
import { beatRun, createRun, getRun, requestRunCancel, updateRun } from "../../db/runs";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { createTransfer } from "../transfers/create-transfer";
import { seedStaff } from "../testing/staff";
import { seedSource } from "../testing/seed";
import type { StaffActor } from "../../auth/actor";
import { cancelRun } from "./cancel-run";
import { getRunView } from "./get-run-view";
import { listRunHistory } from "./list-run-history";
import { sweepStaleRuns } from "./recover-runs";
import { registry } from "./registry";
import { requestCancel } from "./request-cancel";
import { STALE_MS } from "./run-heartbeat";
import { decideFindings } from "../findings/decide-findings";
import { startRun } from "./start-run";

const here = new URL(".", import.meta.url).pathname;
const EXPORT = readFileSync(join(here, "../../lab/zones/project.test.export-incomplete.zone"));

let lab: Lab;

beforeAll(async () => {
  lab = await startLab({ scenario: "incomplete-export" });
}, 90_000);

afterAll(async () => {
  await lab?.stop();
}, 30_000);

const labInput = (extra: Record<string, unknown> = {}) => ({
  newServers: "ns1.newhost.test=127.0.0.5",
  allowPrivate: true,
  port: lab.port,
  rootHints: lab.rootHints,
  ...extra,
});

// The same run lifecycle on every database the suite covers (SQLite; PostgreSQL when CUTOVER_TEST_PG_URL is set).
describe.each(testDialects())("a stored live check on %s", (dialect) => {
  let t: TestDb;
  let transferId: string;
  let staff: StaffActor;

  beforeAll(async () => {
    t = await createTestDb(dialect);
    staff = await seedStaff({ email: "run-" + crypto.randomUUID() + "@example.net", db: t.db });
    const tr = await createTransfer(
      staff,
      {
        domain: "project.test",
        losingRegistrar: "Old Reg",
        gainingRegistrar: "New Reg",
        currentDnsOperator: "Old Host",
        futureDnsOperator: "New Host",
        dnsHostingMoves: "yes",
      },
      { db: t.db },
    );
    transferId = tr.id;
    await seedSource({
      actor: staff,
      transferId,
      label: "registrar export",
      files: [{ name: "export.zone", bytes: EXPORT }],
      db: t.db,
    });
  }, 90_000);

  afterAll(async () => {
    await t?.dispose();
  }, 30_000);

  let runId: string;
  it("runs in the background and stores NO-GO with the blockers, matrix and diff", async () => {
    const r = await startRun(staff, { transferId, input: labInput() }, { db: t.db });
    runId = r.runId;
    await r.done;
    const v = (await getRunView(staff, { transferId, runId }, { db: t.db }))!;
    expect(v.run.status).toBe("done");
    expect(v.run.error).toBeNull();
    expect(v.verdict).toBe("no-go");
    expect(v.run.sent).toBeGreaterThan(50);
    expect(v.run.answered).toBeGreaterThan(50);
    expect(v.run.phase).toBe("done");
    const blockerIds = [...new Set(v.findings.filter((f) => f.severity === "blocker").map((f) => f.id))].sort();
    expect(blockerIds).toEqual([
      "DEL-SUBZONE-CUT",
      "INV-EXPORT-INCOMPLETE",
      "INV-MISSING-AT-NEW",
      "INV-MISSING-IN-SOURCE",
      "SVC-ACME-CHALLENGE",
      "SVC-CAA",
    ]);
    expect(v.counts.blocker).toBe(17);
    expect(v.counts.open).toBe(v.counts.blocker + v.counts.warning);
    // Evidence: the referral for release.project.test as dig text.
    const rel = v.findings.find((f) => f.id === "INV-MISSING-IN-SOURCE" && f.subject === "release.project.test. NS")!;
    const dig = rel.evidence.find((e) => e.dig)!.dig!;
    expect(dig).toContain(";; AUTHORITY SECTION:");
    expect(dig).toContain("release.project.test.\t3600\tIN\tNS\tns-101.awsdns-12.com.");
    // Matrix: three old server addresses (walked) and the new operator.
    expect(v.matrix.map((m) => `${m.operator} ${m.server} ${m.status}`)).toEqual([
      expect.stringMatching(/^old ns[12]\.oldhost\.test\. ok$/),
      expect.stringMatching(/^old ns[12]\.oldhost\.test\. ok$/),
      expect.stringMatching(/^old ns[12]\.oldhost\.test\. ok$/),
      "new ns1.newhost.test. ok",
    ]);
    expect(
      v.diff
        .filter((d) => d.comparison === "source registrar export" && d.kind === "missing")
        .map((d) => `${d.owner} ${d.type}`)
        .sort(),
    ).toContain("release.project.test. NS");
    const history = await listRunHistory(transferId, t.db);
    expect(history.map((h) => [h.id, h.status, h.verdict, h.blockers])).toEqual([[runId, "done", "no-go", 17]]);
  }, 90_000);

  it("acknowledges a warning and waives a blocker with a named person and reason; refuses the wrong severity", async () => {
    const v = (await getRunView(staff, { transferId, runId }, { db: t.db }))!;
    const w = v.findings.find((f) => f.severity === "warning")!;
    const b = v.findings.find((f) => f.severity === "blocker")!;
    const ada = { ...staff, userId: "u-ada", name: "Ada Operator", email: "ada@registrar-a.test" };
    const bo = { ...ada, userId: "u-bo", name: "Bo Lead", email: "bo@registrar-a.test" };
    await expect(
      decideFindings(
        ada,
        { transferId, runId, input: { action: "waive", key: w.key, reason: "not a blocker" } },
        { db: t.db },
      ),
    ).rejects.toMatchObject({ code: "CONFLICT", details: { reason: "not-a-blocker" } });
    await expect(
      decideFindings(ada, { transferId, runId, input: { action: "waive", key: b.key, reason: " " } }, { db: t.db }),
    ).rejects.toMatchObject({ code: "INVALID" });
    expect(
      await decideFindings(
        ada,
        { transferId, runId, input: { action: "acknowledge", key: w.key, reason: "known and planned" } },
        { db: t.db },
      ),
    ).toEqual({ verdict: "no-go", changed: [w.key], unchanged: [] });
    expect(
      await decideFindings(
        bo,
        { transferId, runId, input: { action: "waive", key: b.key, reason: "accepted risk" } },
        { db: t.db },
      ),
    ).toEqual({ verdict: "no-go", changed: [b.key], unchanged: [] });
    const after = (await getRunView(staff, { transferId, runId }, { db: t.db }))!;
    expect(after.findings.find((f) => f.key === w.key)!.state).toMatchObject({
      status: "acknowledged",
      by: "Ada Operator",
      reason: "known and planned",
      account: { userId: "u-ada", email: "ada@registrar-a.test" },
    });
    expect(after.findings.find((f) => f.key === b.key)!.state).toMatchObject({
      status: "waived",
      by: "Bo Lead",
      account: { userId: "u-bo" },
    });
    expect(after.counts.waived).toBe(1);
    expect(after.counts.acknowledged).toBe(1);
    expect(after.counts.open).toBe(v.counts.open - 2);
  });

  it("cancels a slow run promptly and keeps its counters", async () => {
    const r = await startRun(staff, { transferId, input: labInput({ ratePerServer: 5 }) }, { db: t.db });
    // Wait until queries are going out (progress written to the row), then cancel.
    for (let i = 0; i < 200; i++) {
      const row = await getRun(r.runId, t.db);
      if (row && row.sent > 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    const t0 = Date.now();
    expect(cancelRun(r.runId)).toBe(true);
    await r.done;
    expect(Date.now() - t0).toBeLessThan(3000);
    const row = (await getRun(r.runId, t.db))!;
    expect(row.status).toBe("cancelled");
    expect(row.sent).toBeGreaterThan(0);
    expect(row.sent).toBeLessThan(row.planned);
    expect(registry().controllers.has(r.runId)).toBe(false);
    expect(cancelRun(r.runId)).toBe(false);
  }, 60_000);

  it("a run cancelled while asking name by name keeps its plan: how much of each priority class was asked", async () => {
    const r = await startRun(staff, { transferId, input: labInput({ ratePerServer: 5 }) }, { db: t.db });
    // Past the summary queries and transfers: the per-name plan is counted in `planned`.
    for (let i = 0; i < 400; i++) {
      const row = await getRun(r.runId, t.db);
      if (row && row.planned > 20 && row.sent > 8) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    expect(cancelRun(r.runId)).toBe(true);
    await r.done;
    const v = (await getRunView(staff, { transferId, runId: r.runId }, { db: t.db }))!;
    expect(v.run.status).toBe("cancelled");
    const old = v.plans.find((p) => p.side === "old")!;
    expect(old.incomplete).toMatch(/stopped|cancel/);
    const classes = Object.values(old.plan.classes);
    expect(old.plan.classes.apex.planned).toBeGreaterThan(0);
    expect(classes.reduce((n, c) => n + c.asked, 0)).toBeLessThan(classes.reduce((n, c) => n + c.planned, 0));
    expect(old.plan.unsent).toBeGreaterThan(0);
  }, 60_000);

  it("cancels from another instance: the executing one polls the run's cancel flag at its heartbeat", async () => {
    const r = await startRun(staff, { transferId, input: labInput({ ratePerServer: 5 }) }, { db: t.db });
    for (let i = 0; i < 200; i++) {
      const row = await getRun(r.runId, t.db);
      if (row && row.sent > 0) break;
      await new Promise((res) => setTimeout(res, 50));
    }
    // Only the database flag, as another instance would set it; no local abort.
    expect(await requestRunCancel(transferId, r.runId, new Date(), t.db)).toBe(true);
    expect(await requestRunCancel("another-transfer", r.runId, new Date(), t.db)).toBe(false);
    await r.done;
    const row = (await getRun(r.runId, t.db))!;
    expect(row.status).toBe("cancelled");
    expect(row.cancelRequestedAt).toBeInstanceOf(Date);
    expect(row.sent).toBeLessThan(row.planned);
    expect(await requestCancel(staff, { transferId, runId: r.runId }, { db: t.db })).toBe(false);
  }, 60_000);

  it("marks a run whose instance stopped beating failed, and leaves a run another instance is beating alone", async () => {
    const orphan = await createRun({ transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, t.db);
    const alive = await createRun({ transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, t.db);
    await updateRun(orphan.id, { status: "running", heartbeatAt: new Date(Date.now() - STALE_MS - 1_000) }, t.db);
    await updateRun(alive.id, { status: "running", heartbeatAt: new Date() }, t.db);
    registry().recovered = null; // as in a fresh process
    await listRunHistory(transferId, t.db);
    const row = (await getRun(orphan.id, t.db))!;
    expect(row.status).toBe("failed");
    expect(row.error).toMatch(/^interrupted/);
    expect((await getRun(alive.id, t.db))!.status).toBe("running");
    // The other instance dies too: the next sweep fails it, and a late beat finds nothing to refresh.
    expect(await sweepStaleRuns(t.db, new Date(Date.now() + STALE_MS + 1_000))).toBe(1);
    expect((await getRun(alive.id, t.db))!.status).toBe("failed");
    expect(await beatRun(alive.id, new Date(), t.db)).toBeNull();
  });

  it("refuses invalid input with field errors", async () => {
    await expect(
      startRun(staff, { transferId, input: { newServers: "ns1=nope" } }, { db: t.db }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { issues: [{ path: "newServers", message: '"nope" is not an IPv4 or IPv6 address' }] },
    });
    await expect(startRun(staff, { transferId: "missing", input: {} }, { db: t.db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
  });
});
