/**
 * Crash recovery across instances: a queued/running run whose
 * heartbeat is older than STALE_MS lost the instance executing it (crash,
 * kill, stop); mark it failed. Runs executing in this process are never
 * touched. Swept before runs are listed or started (throttled to one sweep
 * per SWEEP_MS per process) and by a background timer, so an orphan is
 * failed even when nobody looks at it. Marking every running run failed at
 * start would be wrong here: another instance may be executing it.
 */
import type { Db } from "../../db/client";
import { failStaleRuns } from "../../db/runs";
import { queueConfig } from "../../config/queue-config";
import { registry } from "./registry";
import { STALE_MS } from "./run-heartbeat";

const SWEEP_MS = Math.max(1_000, Math.floor(STALE_MS / 3));

export function sweepStaleRuns(db?: Db, now: Date = new Date()): Promise<number> {
  // Queue runs (lib/app/jobs) get longer: pg-boss first hands a dead worker's job to another worker.
  const queueStale = queueConfig().CUTOVER_QUEUE_RUN_STALE_MS;
  return failStaleRuns(
    new Date(now.getTime() - STALE_MS),
    [...registry().controllers.keys()],
    now,
    db,
    new Date(now.getTime() - queueStale),
  );
}

export function recoverRuns(db?: Db): Promise<void> {
  const r = registry();
  if (r.recovered && Date.now() - (r.recoveredAt ?? 0) > SWEEP_MS) r.recovered = null;
  if (!r.recovered) {
    r.recoveredAt = Date.now();
    r.recovered = sweepStaleRuns(db).then(
      () => undefined,
      () => {
        r.recovered = null; // retry on the next call
      },
    );
  }
  if (!r.sweeper) {
    r.sweeper = setInterval(() => void sweepStaleRuns(db).catch(() => undefined), SWEEP_MS);
    r.sweeper.unref?.();
  }
  return r.recovered;
}

/** Start this process's periodic sweep at server start (instrumentation.ts), before any request. */
export function startRunSweeper(db?: Db): Promise<void> {
  return recoverRuns(db);
}
