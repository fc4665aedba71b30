/**
 * Liveness of runs across instances. The executing instance
 * beats every HEARTBEAT_MS and, at each beat, picks up a cancel requested by
 * any instance; a run without a beat for STALE_MS lost its instance and is
 * failed by whichever instance sweeps next (at start, then periodically).
 */
import { runHeartbeatMs, runStaleMs } from "../../config/run-liveness";
import type { Db } from "../../db/client";
import { beatRun } from "../../db/runs";
import { holdsRun } from "../../db/run-jobs";

/** Beat (and cancel-poll) interval: a cancel from another instance lands within this. */
export const HEARTBEAT_MS = runHeartbeatMs();
/** Many missed beats before a run counts as orphaned: a busy instance must not lose its run. */
export const STALE_MS = runStaleMs();

export interface RunHeartbeat {
  stop(): void;
  /** True once a later job attempt took the run over (then this one stops without writing). */
  lost(): boolean;
}

export function startRunHeartbeat(opts: {
  runId: string;
  controller: AbortController;
  db?: Db;
  now?: () => Date;
  claimToken?: string;
}): RunHeartbeat {
  const now = opts.now ?? (() => new Date());
  let busy = false;
  let lost = false;
  const beat = async () => {
    if (busy || lost) return;
    busy = true;
    try {
      if (opts.claimToken && !(await holdsRun(opts.runId, opts.claimToken, opts.db))) {
        lost = true;
        opts.controller.abort();
        return;
      }
      const r = await beatRun(opts.runId, now(), opts.db);
      if (r?.cancelRequested) opts.controller.abort();
    } catch {
      // A missed beat is harmless; STALE_MS allows many.
    } finally {
      busy = false;
    }
  };
  const timer = setInterval(() => void beat(), HEARTBEAT_MS);
  timer.unref?.();
  void beat();
  return { stop: () => clearInterval(timer), lost: () => lost };
}
