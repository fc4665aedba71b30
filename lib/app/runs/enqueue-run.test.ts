import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { MaintainerActor, StaffActor } from "../../auth/actor";
import { createStaffUser } from "../accounts/staff-users";
import { getRun } from "../../db/runs";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { createTransfer } from "../transfers/create-transfer";
import { requestCancel } from "./request-cancel";
import { closeQueues } from "../jobs/boss";
import { waitForRunEnd } from "../jobs/enqueue-run-job";
import { processRunJob } from "../jobs/run-worker";
import { memorySharedRate } from "../../dns/shared-rate";
import { enqueueRun } from "./enqueue-run";

describe.each(testDialects())("enqueueRun on %s", (dialect) => {
  let t: TestDb;
  let staff: StaffActor;
  let transferId: string;
  // Nothing listens on port 9 of loopback: the run only needs to exist, not to succeed.
  const run = { oldServers: "ns1.enqueue.test=127.0.0.1", allowPrivate: true, port: 9, deadlineSeconds: 5 };
  const env = { CUTOVER_ALLOW_PRIVATE: "loopback", CUTOVER_WORKER: "off" };

  beforeAll(async () => {
    t = await createTestDb(dialect);
    const u = await createStaffUser(
      { email: "q@example.net", password: "long enough password", organisation: "Queue" },
      { db: t.db },
    );
    staff = { kind: "staff", userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId };
    const r = await createTransfer(
      staff,
      {
        domain: "enqueue.test",
        losingRegistrar: "a",
        gainingRegistrar: "b",
        currentDnsOperator: "c",
        futureDnsOperator: "d",
        dnsHostingMoves: "yes",
      },
      { db: t.db },
    );
    transferId = r.id;
  }, 60_000);
  afterAll(async () => {
    await closeQueues({ graceful: false, timeoutMs: 2_000 });
    await t?.dispose();
  });

  it("refuses other roles, unknown transfers and bad settings", async () => {
    const maintainer: MaintainerActor = {
      kind: "maintainer",
      inviteId: "i",
      transferId,
      label: "m",
    } as MaintainerActor;
    await expect(enqueueRun(maintainer, { transferId, run }, { db: t.db, env })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(enqueueRun(staff, { transferId: "nope", run }, { db: t.db, env })).rejects.toMatchObject({
      status: 404,
    });
    await expect(
      enqueueRun(staff, { transferId, run: { newServers: "ns1=nope" } }, { db: t.db, env }),
    ).rejects.toMatchObject({
      code: "INVALID",
      details: { issues: [{ path: "newServers", message: expect.any(String) }] },
    });
  });

  it(
    dialect === "postgres"
      ? "puts the run on the queue; cancelled while waiting, its job leaves it alone"
      : "executes the run in this process",
    async () => {
      const r = await enqueueRun(
        staff,
        { transferId, run },
        { db: t.db, env, execution: dialect === "postgres" ? "queue" : undefined },
      );
      expect(r.queued).toBe(dialect === "postgres");
      if (dialect === "postgres") {
        expect((await getRun(r.runId, t.db))?.status).toBe("queued");
        expect(await requestCancel(staff, { transferId, runId: r.runId }, { db: t.db })).toBe(true);
        expect(await getRun(r.runId, t.db)).toMatchObject({ status: "cancelled", error: "cancelled by the user" });
        const outcome = await processRunJob(
          { data: { runId: r.runId }, retryCount: 0 },
          { db: t.db, workerId: "test", sharedRate: memorySharedRate() },
        );
        expect(outcome.claim).toEqual({ claimed: false, reason: "final" });
      } else {
        await waitForRunEnd(r.runId, t.db);
        expect((await getRun(r.runId, t.db))?.status).toMatch(/^(done|failed)$/);
      }
    },
    60_000,
  );
});
