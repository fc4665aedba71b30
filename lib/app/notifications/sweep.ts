/**
 * The periodic notification sweep: window reminders that are due (lib/app/reminders) and webhook deliveries whose
 * attempt is due (lib/app/webhooks/deliver.ts); it also deletes expired Idempotency-Keys (CUTOVER_IDEMPOTENCY_HOURS,
 * lib/config/idempotency.ts), which would otherwise pile up — an expired key already counts as unused. Where it
 * runs: on PostgreSQL as a pg-boss job scheduled every minute and worked by the queue's workers
 * (lib/app/jobs/run-worker.ts); on SQLite in the app process on an interval (startNotificationSweeper, from
 * instrumentation.ts). Sweeps overlapping each other are harmless: each reminder and each attempt is claimed by one
 * of them.
 *   CUTOVER_NOTIFY_SWEEP_SECONDS   the SQLite interval (default 60)
 *   CUTOVER_IDEMPOTENCY_HOURS      keys older than this are deleted (default 24)
 */
import { readEnvironment } from "../../config/environment";
import { idempotencyCutoff } from "../../config/idempotency";
import type { Db } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { deleteIdempotencyKeysBefore } from "../../db/idempotency-keys";
import { databaseUrl } from "../../db/url";
import { sweepReminders, type SentReminder } from "../reminders/sweep-reminders";
import { sendDueDeliveries } from "../webhooks/deliver";

type Env = Record<string, string | undefined>;

/**
 * `now` places the reminders and the idempotency-key cutoff (tests); webhook attempts are due by the clock, as their
 * claims' leases are.
 */
export async function sweepNotifications(
  options: { db?: Db; env?: Env; now?: Date } = {},
): Promise<{ reminders: SentReminder[]; webhookAttempts: number; idempotencyKeysDeleted: number }> {
  const reminders = await sweepReminders(options);
  const webhookAttempts = await sendDueDeliveries({ db: options.db, env: options.env });
  const idempotencyKeysDeleted = await deleteIdempotencyKeysBefore(
    idempotencyCutoff(options.now ?? new Date(), options.env),
    options.db,
  );
  return { reminders, webhookAttempts, idempotencyKeysDeleted };
}

export function sweepIntervalMs(env: Env = readEnvironment()): number {
  const n = Number(env.CUTOVER_NOTIFY_SWEEP_SECONDS);
  return (Number.isFinite(n) && n >= 1 ? Math.floor(n) : 60) * 1000;
}

const holder = globalThis as unknown as { __cutoverNotifySweeper?: () => void };

/**
 * On SQLite (one process serves everything): sweep now and every interval in this process. On PostgreSQL the
 * queue's scheduled job does it, so this does nothing unless `force` (tests).
 */
export function startNotificationSweeper(options: { db?: Db; env?: Env; force?: boolean } = {}): () => void {
  holder.__cutoverNotifySweeper?.();
  if (!options.force && dialectOf(databaseUrl()) === "postgres") return () => undefined;
  let running = false;
  const tick = () => {
    // One sweep at a time in this process: a slow SMTP server must not pile sweeps up.
    if (running) return;
    running = true;
    void sweepNotifications(options)
      .catch((e: unknown) => process.stderr.write(`cutover: notification sweep: ${(e as Error)?.message ?? e}\n`))
      .finally(() => (running = false));
  };
  tick();
  const timer = setInterval(tick, sweepIntervalMs(options.env));
  timer.unref?.();
  const stop = () => {
    clearInterval(timer);
    if (holder.__cutoverNotifySweeper === stop) holder.__cutoverNotifySweeper = undefined;
  };
  holder.__cutoverNotifySweeper = stop;
  return stop;
}
