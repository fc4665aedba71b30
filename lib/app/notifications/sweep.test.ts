/**
 * The notification sweep against a real SMTP server (smtp-server) and a real webhook receiver on loopback: window
 * reminders go out once each — not again on a second sweep, not twice from two sweeps at once —, a moved window
 * gets its own, an archived transfer none, and without SMTP only the webhooks go while the page says e-mail is off.
 * Webhook retries are durable: a due delivery whose timer died is sent by the sweep, one in flight is left alone.
 * On PostgreSQL the sweep is a pg-boss job a worker schedules every minute and works: sending the job by hand
 * (instead of waiting for the minute) shows the worker sends a due reminder, once, on a second job too.
 * The sweep also deletes Idempotency-Keys older than CUTOVER_IDEMPOTENCY_HOURS and keeps the others.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { SMTPServer } from "smtp-server";
import { afterAll, beforeAll, describe, expect, test, vi } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createDb, type Db } from "../../db/client";
import { insertIdempotencyKey } from "../../db/idempotency-keys";
import { createTestDb, testDialects, type TestDb } from "../../db/test-db";
import { listReminders } from "../reminders/list-reminders";
import { saveSchedule } from "../schedule/save-schedule";
import { staffOfTransfer } from "../testing/staff";
import { seedParties, seedRun, seedTransfer } from "../testing/seed";
import { archiveTransfer } from "../transfers/archive";
import { createWebhook } from "../webhooks/create";
import { verifySignature } from "../webhooks/signature";
import { closeQueues, NOTIFY_SWEEP_QUEUE, openQueue } from "../jobs/boss";
import { startRunWorker, type RunWorker } from "../jobs/run-worker";
import { startNotificationSweeper, sweepNotifications } from "./sweep";

const HOST = "127.0.44.1";
const staff: StaffActor = {
  kind: "staff",
  userId: "u-ann",
  name: "Ann",
  email: "ann@registrar-a.test",
  organisationId: "default-org",
};
const PARTIES = ["domain-owner", "gaining-registrar", "losing-registrar", "new-dns-operator", "old-dns-operator"]
  .map((r) => `${r}@example.test`)
  .sort();
const H = 3600_000;

/** The schedule page's save, by staff of the transfer's organisation. */
async function scheduleWindow(db: Db, o: { transferId: string; input: unknown }): Promise<void> {
  await saveSchedule(await staffOfTransfer(o.transferId, db), o, { db });
}

describe.each(testDialects())("notification sweep on %s", (dialect) => {
  let t: TestDb;
  let other: Db | null = null;
  let smtp: SMTPServer;
  let receiver: Server;
  let dir = "";
  let env: Record<string, string> = {};
  let secret = "";
  const inbox: { to: string[]; raw: string }[] = [];
  const received: { body: string; signature: string }[] = [];
  const answers: number[] = [];
  let transferId = "";
  // SEED_TIMING: largest TTL 1 d, parent NS TTL 2 d, margin 1 h → lower 25 h before the start, restore 49 h after the end.
  const start = new Date("2026-12-10T08:00:00.000Z");
  const end = new Date(start.getTime() + 4 * H);
  const at = (d: Date, ms: number) => new Date(d.getTime() + ms);
  const hooks = (type: string) =>
    received
      .map(
        (r) =>
          JSON.parse(r.body) as { id: string; type: string; transfer: { id: string }; data: Record<string, string> },
      )
      .filter((e) => e.type === type);
  const mails = (re: RegExp) => inbox.filter((m) => re.test(m.raw));
  const sweep = (now: Date, e = env, db: Db = t.db) => sweepNotifications({ db, env: e, now });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), "cutover-sweep-"));
    process.env.CUTOVER_DATA_DIR = dir;
    t = await createTestDb(dialect);
    smtp = new SMTPServer({
      authOptional: true,
      disabledCommands: ["STARTTLS"],
      logger: false,
      onData(stream, session, callback) {
        const chunks: Buffer[] = [];
        stream.on("data", (c: Buffer) => chunks.push(c));
        stream.on("end", () => {
          inbox.push({
            to: session.envelope.rcptTo.map((r) => r.address),
            raw: Buffer.concat(chunks).toString("utf8"),
          });
          callback();
        });
      },
    });
    await new Promise<void>((r) => smtp.listen(0, HOST, () => r()));
    receiver = createServer((req, res) => {
      const chunks: Buffer[] = [];
      req.on("data", (c: Buffer) => chunks.push(c));
      req.on("end", () => {
        received.push({
          body: Buffer.concat(chunks).toString("utf8"),
          signature: String(req.headers["x-cutover-signature"]),
        });
        res.writeHead(answers.shift() ?? 200).end("ok");
      });
    });
    await new Promise<void>((r) => receiver.listen(0, HOST, r));
    env = {
      CUTOVER_SMTP_URL: `smtp://${HOST}:${(smtp.server.address() as AddressInfo).port}`,
      CUTOVER_MAIL_FROM: "Cutover <cutover@registrar-a.test>",
      CUTOVER_ALLOW_PRIVATE: "loopback",
      // Long enough that only the sweep, never this process's timer, sends a retry within the test.
      CUTOVER_WEBHOOK_BACKOFF_MS: "600000",
    };
    secret = (
      await createWebhook(
        staff,
        { url: `http://${HOST}:${(receiver.address() as AddressInfo).port}/hook` },
        { db: t.db },
      )
    ).secret;
    transferId = await seedTransfer({ domain: "project.test", db: t.db });
    await seedParties({ transferId, db: t.db });
    await seedRun({ transferId, withBlocker: false, at: new Date("2026-12-01T00:00:00Z"), db: t.db });
    await scheduleWindow(t.db, {
      transferId,
      input: {
        start: start.toISOString(),
        end: end.toISOString(),
        timeZone: "Europe/Berlin",
        holidayRegion: "",
        ttlLoweringAt: "",
      },
    });
  }, 60_000);

  afterAll(async () => {
    await other?.$disconnect();
    await new Promise<void>((r) => smtp.close(() => r()));
    await new Promise((r) => receiver.close(r));
    await t.dispose();
    rmSync(dir, { recursive: true, force: true });
  });

  test("nothing before its time; at the lead time one e-mail to every party and one signed webhook event; a second sweep sends nothing", async () => {
    expect((await sweep(at(start, -26 * H))).reminders).toEqual([]);
    const r = await sweep(at(start, -24 * H));
    expect(r.reminders).toEqual([{ transferId, kind: "lower-ttls", mail: "sent", webhooks: 1 }]);
    const m = mails(/^Subject: project\.test: lower the TTLs now/m);
    expect(m).toHaveLength(1);
    expect(m[0]!.to.sort()).toEqual(PARTIES);
    expect(m[0]!.raw.replace(/=\r?\n/g, "")).toMatch(/2026-12-10 08:00 UTC to 2026-12-10 12:00 UTC/);
    await vi.waitFor(() => expect(hooks("reminder.lower-ttls")).toHaveLength(1), { timeout: 5000, interval: 20 });
    const e = hooks("reminder.lower-ttls")[0]!;
    expect(e.transfer.id).toBe(transferId);
    expect(e.data).toMatchObject({
      kind: "lower-ttls",
      dueAt: "2026-12-09T07:00:00.000Z",
      windowStart: start.toISOString(),
    });
    expect(verifySignature(secret, received.at(-1)!.body, received.at(-1)!.signature)).toBe(true);

    expect((await sweep(at(start, -23 * H))).reminders).toEqual([]);
    await new Promise((r) => setTimeout(r, 100));
    expect(mails(/lower the TTLs/)).toHaveLength(1);
    expect(hooks("reminder.lower-ttls")).toHaveLength(1);
  });

  test("two sweeps at once (two database clients, as two instances): the window-start reminder goes out once", async () => {
    other = dialect === "sqlite" ? t.db : createDb(t.url);
    const [a, b] = await Promise.all([sweep(at(start, H)), sweep(at(start, H), env, other)]);
    expect([...a.reminders, ...b.reminders]).toEqual([{ transferId, kind: "window-start", mail: "sent", webhooks: 1 }]);
    await vi.waitFor(() => expect(hooks("reminder.window-start")).toHaveLength(1), { timeout: 5000, interval: 20 });
    expect(mails(/the maintenance window starts now/)).toHaveLength(1);
    const page = await listReminders(staff, { transferId }, { db: t.db, env, now: at(start, H) });
    expect(page.mail).toBe(true);
    expect(page.reminders.map((x) => [x.kind, x.status, x.mailStatus, x.webhooks])).toEqual([
      ["lower-ttls", "sent", "sent", 1],
      ["window-start", "sent", "sent", 1],
      ["restore-ttls", "planned", null, 0],
    ]);
  });

  test("a moved window gets its own reminders; the restore reminder comes once the overlap is over", async () => {
    const start2 = at(start, 7 * 24 * H);
    const end2 = at(start2, 4 * H);
    await scheduleWindow(t.db, {
      transferId,
      input: {
        start: start2.toISOString(),
        end: end2.toISOString(),
        timeZone: "Europe/Berlin",
        holidayRegion: "",
        ttlLoweringAt: "",
      },
    });
    expect((await sweep(at(start2, -24 * H))).reminders.map((r) => r.kind)).toEqual(["lower-ttls"]);
    expect(mails(/lower the TTLs now/)).toHaveLength(2);
    expect((await sweep(at(end2, 48 * H))).reminders).toEqual([]);
    expect((await sweep(at(end2, 49 * H))).reminders.map((r) => r.kind)).toEqual(["restore-ttls"]);
    expect(mails(/^Subject: project\.test: restore the TTLs/m)).toHaveLength(1);
  });

  test("an archived transfer gets no reminders; without SMTP only the webhook goes and the page says e-mail is off", async () => {
    const archived = await seedTransfer({ domain: "archived.test", db: t.db });
    const kept = await seedTransfer({ domain: "kept.test", db: t.db });
    const s2 = new Date("2027-01-05T08:00:00.000Z");
    for (const id of [archived, kept]) {
      await seedParties({ transferId: id, db: t.db });
      await scheduleWindow(t.db, {
        transferId: id,
        input: {
          start: s2.toISOString(),
          end: at(s2, 2 * H).toISOString(),
          timeZone: "UTC",
          holidayRegion: "",
          ttlLoweringAt: "",
        },
      });
    }
    await archiveTransfer(staff, { transferId: archived, archived: true }, { db: t.db });
    const before = inbox.length;
    const { CUTOVER_SMTP_URL: _off, ...noMail } = env;
    const r = await sweep(at(s2, 30 * 60_000), noMail);
    expect(r.reminders).toEqual([{ transferId: kept, kind: "window-start", mail: "off", webhooks: 1 }]);
    await vi.waitFor(
      () => expect(hooks("reminder.window-start").filter((e) => e.transfer.id === kept)).toHaveLength(1),
      { timeout: 5000, interval: 20 },
    );
    expect(hooks("reminder.window-start").filter((e) => e.transfer.id === archived)).toEqual([]);
    expect(inbox.length).toBe(before);
    const page = await listReminders(staff, { transferId: kept }, { db: t.db, env: noMail, now: at(s2, H) });
    expect(page.mail).toBe(false);
    expect(page.reminders.find((x) => x.kind === "window-start")).toMatchObject({
      status: "sent",
      mailStatus: "off",
      webhooks: 1,
    });
    expect(
      (await listReminders(staff, { transferId: archived }, { db: t.db, env: noMail, now: at(s2, H) })).reminders.find(
        (x) => x.kind === "window-start",
      ),
    ).toMatchObject({ status: "missed" });
    await expect(
      listReminders({ ...staff, organisationId: "org-b" }, { transferId: kept }, { db: t.db }),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("webhook retries are durable: a failed attempt's retry is stored as due and sent by the sweep, not before, and once", async () => {
    answers.push(503);
    const s3 = new Date("2027-02-01T08:00:00.000Z");
    const id = await seedTransfer({ domain: "retry.test", db: t.db });
    await scheduleWindow(t.db, {
      transferId: id,
      input: {
        start: s3.toISOString(),
        end: at(s3, 2 * H).toISOString(),
        timeZone: "UTC",
        holidayRegion: "",
        ttlLoweringAt: "",
      },
    });
    await sweep(at(s3, 60_000));
    const forThis = () =>
      received.filter((r) => (JSON.parse(r.body) as { transfer: { id: string } }).transfer.id === id);
    await vi.waitFor(
      async () => {
        const d = await t.db.webhookDelivery.findFirstOrThrow({
          where: { eventType: "reminder.window-start", lastStatus: 503 },
        });
        expect(d).toMatchObject({ status: "pending", attempts: 1 });
      },
      { timeout: 5000, interval: 20 },
    );
    const d = await t.db.webhookDelivery.findFirstOrThrow({
      where: { eventType: "reminder.window-start", lastStatus: 503 },
    });
    // The retry is due in 10 min (the backoff): this process's timer would fire then; a restart kills that timer.
    expect(d.nextAttemptAt!.getTime() - Date.now()).toBeGreaterThan(9 * 60_000);
    expect((await sweepNotifications({ db: t.db, env })).webhookAttempts).toBe(0);
    expect(forThis()).toHaveLength(1);
    // Its time comes (as after a restart): the sweep sends it, and a second sweep at once has nothing left to send.
    await t.db.webhookDelivery.update({ where: { id: d.id }, data: { nextAttemptAt: new Date(Date.now() - 1000) } });
    const sweeps = await Promise.all([sweepNotifications({ db: t.db, env }), sweepNotifications({ db: t.db, env })]);
    expect(sweeps.map((s) => s.webhookAttempts).reduce((a, b) => a + b)).toBeGreaterThanOrEqual(1);
    expect(forThis()).toHaveLength(2);
    expect(await t.db.webhookDelivery.findUniqueOrThrow({ where: { id: d.id } })).toMatchObject({
      status: "delivered",
      attempts: 2,
      lastStatus: 200,
    });
    expect(forThis()[1]!.body).toBe(forThis()[0]!.body);
  });
  test("the in-process sweeper (SQLite's runner) sends a reminder due now at start, and again nothing on its next ticks", async () => {
    const id = await seedTransfer({ domain: "interval.test", db: t.db });
    const s4 = new Date(Date.now() - 60_000);
    const input = {
      start: s4.toISOString(),
      end: at(s4, H).toISOString(),
      timeZone: "UTC",
      holidayRegion: "",
      ttlLoweringAt: "",
    };
    await scheduleWindow(t.db, { transferId: id, input });
    const stop = startNotificationSweeper({
      db: t.db,
      env: { ...env, CUTOVER_NOTIFY_SWEEP_SECONDS: "1" },
      force: true,
    });
    try {
      await vi.waitFor(
        () => expect(hooks("reminder.window-start").filter((e) => e.transfer.id === id)).toHaveLength(1),
        {
          timeout: 5000,
          interval: 20,
        },
      );
      await new Promise((r) => setTimeout(r, 2500));
    } finally {
      stop();
    }
    expect(hooks("reminder.window-start").filter((e) => e.transfer.id === id)).toHaveLength(1);
    expect(await t.db.reminderDelivery.count({ where: { transferId: id } })).toBe(1);
  });
});

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

    test("is scheduled every minute; a sweep job sends the due reminder once, with e-mail off", async () => {
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
      await scheduleWindow(t.db, { transferId, input });
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

describe.each(testDialects())("the notification sweep deletes expired idempotency keys on %s", (dialect) => {
  let t: TestDb;
  beforeAll(async () => {
    t = await createTestDb(dialect);
  }, 60_000);
  afterAll(async () => {
    await t?.dispose();
  });

  test("keys older than CUTOVER_IDEMPOTENCY_HOURS (24 h) go, of every organisation; younger ones stay", async () => {
    const now = new Date("2026-06-01T12:00:00.000Z");
    const key = async (organisationId: string, name: string, ageMs: number) =>
      insertIdempotencyKey(
        {
          organisationId,
          operation: "createTransfer",
          key: name,
          requestHash: "0".repeat(64),
          resultJson: JSON.stringify({ transferId: "t" }),
          createdAt: new Date(now.getTime() - ageMs),
        },
        t.db,
      );
    await key("org-a", "old", 25 * H);
    await key("org-b", "old", 30 * 24 * H);
    await key("org-a", "day", 24 * H);
    await key("org-a", "fresh", H);
    const left = async () =>
      (await t.db.idempotencyKey.findMany({ orderBy: [{ organisationId: "asc" }, { key: "asc" }] })).map(
        (k) => `${k.organisationId}/${k.key}`,
      );
    expect((await sweepNotifications({ db: t.db, env: {}, now })).idempotencyKeysDeleted).toBe(2);
    expect(await left()).toEqual(["org-a/day", "org-a/fresh"]);
    expect((await sweepNotifications({ db: t.db, env: {}, now })).idempotencyKeysDeleted).toBe(0);
    // A shorter lifetime from the environment: the day-old key goes too, the hour-old one is not older than 1 h.
    const r = await sweepNotifications({ db: t.db, env: { CUTOVER_IDEMPOTENCY_HOURS: "1" }, now });
    expect(r.idempotencyKeysDeleted).toBe(1);
    expect(await left()).toEqual(["org-a/fresh"]);
  });
});
