/**
 * On PostgreSQL the notification sweep is a pg-boss job: a worker schedules it every minute and works it. Sending
 * the job by hand (instead of waiting for the minute) shows the worker sends a due reminder, once, on a second
 * job too. Runs only with CUTOVER_TEST_PG_URL.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { saveSchedule } from "../schedule/save-schedule";
import { seedParties, seedTransfer } from "../testing/seed";
import { closeQueues, NOTIFY_SWEEP_QUEUE, openQueue } from "./boss";
import { startRunWorker, type RunWorker } from "./run-worker";

describe.each(testDialects().filter((d) => d === "postgres"))(
  "the notification sweep as a queue job on %s",
  (dialect) => {
    let t: TestDb;
    let worker: RunWorker;
    const env = { CUTOVER_WORKER: "off", CUTOVER_QUEUE_MONITOR_SECONDS: "2" };
    beforeAll(async () => {
      t = await createTestDb(dialect);
      worker = await startRunWorker({ url: t.url, db: t.db, concurrency: 1, env });
    }, 60_000);
    afterAll(async () => {
      await worker?.stop({ graceful: false });
      await closeQueues({ graceful: false, timeoutMs: 2_000 });
      await t?.dispose();
    });

    it("is scheduled every minute; a sweep job sends the due reminder once, with e-mail off", async () => {
      const boss = await openQueue(t.url, env);
      expect((await boss.getSchedules(NOTIFY_SWEEP_QUEUE)).map((s) => s.cron)).toEqual(["* * * * *"]);
      const transferId = await seedTransfer({ domain: "queued.test", db: t.db });
      await seedParties({ transferId, db: t.db });
      const start = new Date(Date.now() - 60_000);
      const input = {
        start: start.toISOString(),
        end: new Date(start.getTime() + 3600_000).toISOString(),
        timeZone: "UTC",
        holidayRegion: "",
        ttlLoweringAt: "",
      };
      expect(await saveSchedule({ transferId, db: t.db, input })).toEqual({ ok: true });
      for (let i = 0; i < 2; i++) {
        const id = await boss.send(NOTIFY_SWEEP_QUEUE, {});
        await expect
          .poll(async () => (id ? (await boss.getJobById(NOTIFY_SWEEP_QUEUE, id))?.state : "none"), {
            timeout: 20_000,
            interval: 250,
          })
          .toBe("completed");
      }
      const rows = await t.db.reminderDelivery.findMany({ where: { transferId } });
      expect(rows.map((r) => [r.kind, r.mailStatus])).toEqual([["window-start", "off"]]);
    }, 60_000);
  },
);
