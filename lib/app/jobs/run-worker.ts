/**
 * Working the live-check queue: any number of processes (`cutover worker`,
 * or a web process with CUTOVER_WORKER=inline) on any machines sharing the
 * database. Per job: claim the run for this attempt (lib/db/run-jobs.ts), run
 * it with the per-server budget every worker shares (lib/db/rate-slices.ts),
 * complete the job. A run that fails for DNS reasons is a finished job (its
 * row says why); only a worker that dies mid-run leaves its job to pg-boss,
 * which retries it once the heartbeat stops, up to the retry limit, and then
 * hands it to the dead-letter queue, whose handler fails the run visibly.
 */
import { randomUUID } from "node:crypto";
import { hostname } from "node:os";
import type { Db } from "../../db/client";
import { getDb } from "../../db/client";
import { databaseSharedRate } from "../../db/rate-slices";
import { claimRun, failUnfinishedRun, type ClaimResult } from "../../db/run-jobs";
import { getRun } from "../../db/runs";
import { executeRun } from "../runs/execute-run";
import { registry } from "../runs/registry";
import type { RunOptions } from "../runs/run-input";
import { abuseLimits } from "../../config/abuse-limits";
import type { SharedRateLimit } from "../../dns/shared-rate";
import { sweepNotifications } from "../notifications/sweep";
import { NOTIFY_SWEEP_QUEUE, openQueue, RUN_DEAD_QUEUE, RUN_QUEUE } from "./boss";
import { queueConfig } from "../../config/queue-config";
import { readEnvironment, type Environment } from "../../config/environment";

export interface RunJobData {
  runId: string;
}

export interface RunJobOutcome {
  runId: string;
  attempt: number;
  claim: ClaimResult;
  status?: string;
}

/** Execute one delivered job: claim, run, report. Never throws for a run's own failure. */
export async function processRunJob(
  job: { data: RunJobData; retryCount: number },
  ctx: { db: Db; workerId: string; sharedRate: SharedRateLimit },
): Promise<RunJobOutcome> {
  const { runId } = job.data;
  const token = randomUUID();
  const claim = await claimRun(
    { runId, attempt: job.retryCount, token, workerId: ctx.workerId, at: new Date() },
    ctx.db,
  );
  if (!claim.claimed) return { runId, attempt: job.retryCount, claim };
  // Not tied to the job's signal: when pg-boss gives a job up (expiry, heartbeat) it hands it to a later
  // attempt, whose claim makes this one stop without writing; aborting here would record "cancelled".
  const controller = new AbortController();
  registry().controllers.set(runId, controller);
  const run = await getRun(runId, ctx.db);
  const options = run ? (JSON.parse(run.optionsJson) as RunOptions) : null;
  const cap = abuseLimits().maxQueriesPerRun;
  await executeRun({
    runId,
    controller,
    db: ctx.db,
    claimToken: token,
    sharedRate: ctx.sharedRate,
    maxQueries: options?.maxQueries ? Math.min(options.maxQueries, cap) : cap,
  });
  return { runId, attempt: job.retryCount, claim, status: (await getRun(runId, ctx.db))?.status };
}

export interface RunWorker {
  workerId: string;
  stop(opts?: { graceful?: boolean; timeoutMs?: number }): Promise<void>;
}

/**
 * Start working the queue of the database at `url` in this process with
 * `concurrency` runs at once. Progress and cancel go through the run rows as
 * for every run, so any web instance shows and stops them.
 */
export async function startRunWorker(opts: {
  url: string;
  db?: Db;
  concurrency?: number;
  env?: Record<string, string | undefined>;
  onOutcome?: (o: RunJobOutcome) => void;
}): Promise<RunWorker> {
  const cfg = queueConfig(opts.env);
  const db = opts.db ?? getDb();
  const boss = await openQueue(opts.url, opts.env);
  const workerId = `${hostname()}:${process.pid}:${randomUUID().slice(0, 8)}`;
  const ctx = { db, workerId, sharedRate: databaseSharedRate(db) };
  const concurrency = opts.concurrency ?? cfg.CUTOVER_WORKER_CONCURRENCY;
  const ids: [string, string][] = [
    [
      RUN_QUEUE,
      await boss.work<RunJobData>(
        RUN_QUEUE,
        { localConcurrency: concurrency, batchSize: 1, pollingIntervalSeconds: 1 },
        async ([job]) => {
          const outcome = await processRunJob(job!, ctx);
          opts.onOutcome?.(outcome);
          return { status: outcome.status ?? outcome.claim };
        },
      ),
    ],
    // Every attempt's worker died: the run ends failed, with the reason on its page.
    [
      RUN_DEAD_QUEUE,
      await boss.work<RunJobData>(RUN_DEAD_QUEUE, { batchSize: 1, pollingIntervalSeconds: 2 }, async ([job]) => {
        await failUnfinishedRun(
          job!.data.runId,
          `interrupted: the workers executing the run stopped ${cfg.CUTOVER_QUEUE_RETRY_LIMIT + 1} times`,
          new Date(),
          db,
        );
      }),
    ],
    // Window reminders, due webhook retries and expired idempotency keys, every minute, by whichever worker takes it.
    [
      NOTIFY_SWEEP_QUEUE,
      await boss.work(NOTIFY_SWEEP_QUEUE, { batchSize: 1, pollingIntervalSeconds: 5 }, async () => {
        const r = await sweepNotifications({ db, env: opts.env });
        return {
          reminders: r.reminders.length,
          webhookAttempts: r.webhookAttempts,
          idempotencyKeysDeleted: r.idempotencyKeysDeleted,
        };
      }),
    ],
  ];
  await boss.schedule(NOTIFY_SWEEP_QUEUE, "* * * * *");
  return {
    workerId,
    async stop(s = {}) {
      await Promise.all(
        ids.map(([name, id]) => boss.offWork(name, { id, wait: s.graceful ?? true }).catch(() => undefined)),
      );
    },
  };
}

const inline = globalThis as unknown as { __cutoverInlineWorkers?: Map<string, Promise<RunWorker | null>> };

/**
 * The web process's own worker (CUTOVER_WORKER=inline, the default), once per
 * database: a single PostgreSQL instance then needs no separate worker.
 */
export function ensureInlineWorker(
  url: string,
  db?: Db,
  env: Environment = readEnvironment(),
): Promise<RunWorker | null> {
  if (queueConfig(env).CUTOVER_WORKER !== "inline") return Promise.resolve(null);
  const m = (inline.__cutoverInlineWorkers ??= new Map());
  let w = m.get(url);
  if (!w) {
    w = startRunWorker({ url, db, env });
    m.set(url, w);
    w.catch(() => m.get(url) === w && m.delete(url));
  }
  return w;
}
