import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTransfer } from "../app/transfers/create-transfer";
import { seedStaff } from "../app/testing/staff";
import { databaseSharedRate } from "./rate-slices";
import { cancelQueuedRun, claimRun, holdsRun, recordRunJob } from "./run-jobs";
import { createRun, failStaleRuns, getRun, updateRun } from "./runs";
import { createTestDb, testDialects, type TestDb } from "./test-db";
import { createDb } from "./client";

describe.each(testDialects())("queue runs on %s", (dialect) => {
  let t: TestDb;
  let transferId: string;
  beforeAll(async () => {
    t = await createTestDb(dialect);
    const tr = await createTransfer(
      await seedStaff({ email: "run-jobs@example.net", db: t.db }),
      {
        domain: "queue.test",
        losingRegistrar: "A",
        gainingRegistrar: "B",
        currentDnsOperator: "C",
        futureDnsOperator: "D",
        dnsHostingMoves: "yes",
      },
      { db: t.db },
    );
    transferId = tr.id;
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  const queuedRun = async () => {
    const r = await createRun({ transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, t.db);
    await recordRunJob(r.id, "job-1", t.db);
    return r.id;
  };
  const at = new Date("2026-12-02T10:00:00Z");

  it("lets one attempt hold a run; only a later attempt takes it over, and the earlier one loses its claim", async () => {
    const runId = await queuedRun();
    expect(await claimRun({ runId, attempt: 0, token: "a", workerId: "w1", at }, t.db)).toEqual({
      claimed: true,
      takeover: false,
    });
    expect(await claimRun({ runId, attempt: 0, token: "b", workerId: "w2", at }, t.db)).toEqual({
      claimed: false,
      reason: "held",
    });
    await updateRun(runId, { sent: 12, phase: "old" }, t.db);
    expect(await claimRun({ runId, attempt: 1, token: "c", workerId: "w2", at }, t.db)).toEqual({
      claimed: true,
      takeover: true,
    });
    expect(await holdsRun(runId, "a", t.db)).toBe(false);
    expect(await holdsRun(runId, "c", t.db)).toBe(true);
    // The takeover starts the run over.
    expect(await getRun(runId, t.db)).toMatchObject({ status: "running", sent: 0, phase: "import" });
    await updateRun(runId, { status: "done" }, t.db);
    expect(await claimRun({ runId, attempt: 2, token: "d", workerId: "w3", at }, t.db)).toEqual({
      claimed: false,
      reason: "final",
    });
  });

  it("cancels a run still waiting in the queue at once, and its job then leaves it alone", async () => {
    const runId = await queuedRun();
    expect(await cancelQueuedRun(transferId, runId, at, t.db)).toBe(true);
    expect(await getRun(runId, t.db)).toMatchObject({ status: "cancelled", error: "cancelled by the user" });
    expect(await claimRun({ runId, attempt: 0, token: "a", workerId: "w1", at }, t.db)).toEqual({
      claimed: false,
      reason: "final",
    });
  });

  it("never fails a queued job run for want of a heartbeat, and fails a running one only after the queue's grace", async () => {
    const waiting = await queuedRun();
    const running = await queuedRun();
    await claimRun({ runId: running, attempt: 0, token: "a", workerId: "w1", at }, t.db);
    const later = new Date(at.getTime() + 60_000);
    await failStaleRuns(new Date(later.getTime() - 30_000), [], later, t.db, new Date(later.getTime() - 120_000));
    expect((await getRun(waiting, t.db))?.status).toBe("queued");
    expect((await getRun(running, t.db))?.status).toBe("running");
    const muchLater = new Date(at.getTime() + 200_000);
    await failStaleRuns(
      new Date(muchLater.getTime() - 30_000),
      [],
      muchLater,
      t.db,
      new Date(muchLater.getTime() - 120_000),
    );
    expect(await getRun(running, t.db)).toMatchObject({
      status: "failed",
      error: expect.stringMatching(/^interrupted: the worker/),
    });
    expect((await getRun(waiting, t.db))?.status).toBe("queued");
  });

  it("grants one server's slice budget once across clients racing for it", async () => {
    // Two clients on PostgreSQL, as two worker processes would be (SQLite serves one process: one client).
    const other = dialect === "postgres" ? createDb(t.url) : t.db;
    try {
      const a = databaseSharedRate(t.db);
      const b = databaseSharedRate(other);
      const grants = await Promise.all(
        Array.from({ length: 20 }, (_, i) => (i % 2 ? a : b).take("192.0.2.53:53", 3, 30)),
      );
      const total = grants.reduce((n, g) => n + g.granted, 0);
      // Within one second (or across a slice boundary at most twice the slice).
      expect(total).toBeGreaterThan(0);
      expect(total).toBeLessThanOrEqual(60);
      for (const g of grants) expect(g.granted).toBeLessThanOrEqual(3);
      const sameSlice = await Promise.all([a.take("192.0.2.54:53", 100, 30), b.take("192.0.2.54:53", 100, 30)]);
      expect(sameSlice.map((g) => g.granted).reduce((x, y) => x + y)).toBeLessThanOrEqual(30);
    } finally {
      if (other !== t.db) await other.$disconnect();
    }
  });
});
