/**
 * Cancel a run from any instance: set the run's cancel flag,
 * which the executing instance polls at its heartbeat, and abort at once
 * when the run executes here. false when the run is not queued/running.
 */
import type { Db } from "../../db/client";
import { requestRunCancel } from "../../db/runs";
import { cancelQueuedRun } from "../../db/run-jobs";
import { cancelRun } from "./cancel-run";

export async function requestCancel(opts: { transferId: string; runId: string; db?: Db; now?: Date }): Promise<boolean> {
  const at = opts.now ?? new Date();
  const flagged = await requestRunCancel(opts.transferId, opts.runId, at, opts.db);
  if (flagged) cancelRun(opts.runId);
  // Still waiting in the job queue: cancelled at once (the worker that gets the job leaves it alone).
  if (flagged) await cancelQueuedRun(opts.transferId, opts.runId, at, opts.db);
  return flagged;
}
