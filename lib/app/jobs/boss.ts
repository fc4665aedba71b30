/**
 * The pg-boss instance of this process for one PostgreSQL database (one per
 * URL, on globalThis because Next.js may load this module more than once).
 * pg-boss keeps its tables in its own schema ("pgboss") of the same
 * database; it installs and migrates them itself at start.
 */
import { PgBoss } from "pg-boss";
import { queueConfig, type QueueConfig } from "../../config/queue-config";
import { readEnvironment, type Environment } from "../../config/environment";

/** Live checks waiting for a worker. */
export const RUN_QUEUE = "cutover-live-checks";
/** Runs whose every attempt ended with its worker gone (pg-boss copies them here). */
export const RUN_DEAD_QUEUE = "cutover-live-checks-dead";
/** The notification sweep (lib/app/notifications/sweep.ts), one job a minute from pg-boss's cron schedule. */
export const NOTIFY_SWEEP_QUEUE = "cutover-notification-sweep";

interface Held {
  boss: PgBoss;
  ready: Promise<PgBoss>;
}

const holder = globalThis as unknown as { __cutoverBoss?: Map<string, Held> };
const held = () => (holder.__cutoverBoss ??= new Map());

function create(url: string, cfg: QueueConfig): Held {
  const boss = new PgBoss({
    connectionString: url,
    application_name: "cutover-queue",
    max: 4,
    // Every process supervises: whichever gets there first finds jobs whose worker stopped beating.
    superviseIntervalSeconds: cfg.CUTOVER_QUEUE_MONITOR_SECONDS,
    monitorIntervalSeconds: cfg.CUTOVER_QUEUE_MONITOR_SECONDS,
    // Polling only (every second, see run-worker.ts): with LISTEN/NOTIFY pg-boss would poll a busy queue
    // only every 30 s between jobs, and the dedicated listening connection would buy nothing here.
    useListenNotify: false,
    // The cron schedule of the notification sweep: pg-boss sends its job once per minute whatever the number of
    // instances (the schedule's claim is in its tables).
    schedule: true,
  });
  // pg-boss reports connection trouble as events; the next poll retries, a run is never lost to it.
  boss.on("error", (e: unknown) => process.stderr.write(`cutover queue: ${(e as Error)?.message ?? e}\n`));
  const ready = (async () => {
    await boss.start();
    await boss.createQueue(RUN_DEAD_QUEUE, { policy: "standard", retryLimit: 5, retryBackoff: true });
    await boss.createQueue(RUN_QUEUE, {
      // At most one active job per run id (singletonKey), on top of the run's own claim (lib/db/run-jobs.ts).
      policy: "singleton",
      heartbeatSeconds: cfg.CUTOVER_QUEUE_HEARTBEAT_SECONDS,
      expireInSeconds: cfg.CUTOVER_QUEUE_EXPIRE_SECONDS,
      retryLimit: cfg.CUTOVER_QUEUE_RETRY_LIMIT,
      retryDelay: 1,
      deadLetter: RUN_DEAD_QUEUE,
    });
    await boss.createQueue(NOTIFY_SWEEP_QUEUE, {
      // One sweep waiting at a time; a sweep that fails is simply the next minute's to do.
      policy: "stately",
      retryLimit: 0,
      expireInSeconds: 600,
    });
    return boss;
  })();
  return { boss, ready };
}

/** This process's queue on `url`, started (and its queues created) once. */
export function openQueue(url: string, env: Environment = readEnvironment()): Promise<PgBoss> {
  const m = held();
  let h = m.get(url);
  if (!h) {
    h = create(url, queueConfig(env));
    m.set(url, h);
    // A failed start is not cached: the next call tries again.
    h.ready.catch(() => m.get(url) === h && m.delete(url));
  }
  return h.ready;
}

/** Stop every queue of this process; `graceful` waits (up to timeoutMs) for the runs it executes. */
export async function closeQueues(opts: { graceful?: boolean; timeoutMs?: number } = {}): Promise<void> {
  const m = held();
  const all = [...m.values()];
  m.clear();
  await Promise.all(
    all.map(async (h) => {
      await h.ready.catch(() => undefined);
      await h.boss
        .stop({ graceful: opts.graceful ?? true, timeout: opts.timeoutMs ?? 30_000, close: true })
        .catch(() => undefined);
    }),
  );
}
