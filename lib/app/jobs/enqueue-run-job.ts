/**
 * Where a new run executes: on PostgreSQL as a job of the queue (any worker
 * of any machine takes it), on SQLite in this process as before. The queue
 * belongs to the app's own database (DATABASE_URL); a caller passing its own
 * database client (tests, tools) executes in process unless it asks for the
 * queue explicitly.
 */
import type { Db } from "../../db/client";
import { dialectOfDb, getDb, urlOfDb } from "../../db/client";
import { dialectOf } from "../../db/dialect";
import { failUnfinishedRun, recordRunJob } from "../../db/run-jobs";
import { getRunProgress } from "../../db/runs";
import { databaseUrl } from "../../db/url";
import { openQueue, RUN_QUEUE } from "./boss";
import { ensureInlineWorker } from "./run-worker";

export type RunExecution = "process" | "queue";

export function defaultExecution(db?: Db): RunExecution {
  if (db) return "process";
  return dialectOf(databaseUrl()) === "postgres" ? "queue" : "process";
}

/** Put run `runId` (stored as queued) on the queue of `db`'s database. */
export async function enqueueRunJob(
  runId: string,
  opts: { db?: Db; env?: Record<string, string | undefined> } = {},
): Promise<void> {
  const db = opts.db ?? getDb();
  const url = opts.db ? urlOfDb(opts.db) : databaseUrl();
  if (!url || dialectOfDb(db) !== "postgres") throw new Error("the job queue needs PostgreSQL");
  // Marked as a queue run first, so no heartbeat sweep fails it while it waits for a worker.
  await recordRunJob(runId, null, db);
  try {
    const boss = await openQueue(url, opts.env);
    const jobId = await boss.send(RUN_QUEUE, { runId }, { singletonKey: runId });
    await recordRunJob(runId, jobId, db);
  } catch (e) {
    await failUnfinishedRun(runId, `could not queue the run: ${(e as Error).message}`, new Date(), db);
    throw e;
  }
  // A single instance works its own queue unless told not to (CUTOVER_WORKER=off).
  void ensureInlineWorker(url, db, opts.env).catch(() => undefined);
}

const FINAL = new Set(["done", "failed", "cancelled"]);

/** Resolves once the run is final (whichever worker executes it). */
export async function waitForRunEnd(runId: string, db?: Db, pollMs = 250): Promise<void> {
  for (;;) {
    const r = await getRunProgress(runId, db);
    if (!r || FINAL.has(r.status)) return;
    await new Promise((res) => setTimeout(res, pollMs));
  }
}
