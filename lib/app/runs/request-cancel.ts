/**
 * Cancel a run from any instance: set the run's cancel flag,
 * which the executing instance polls at its heartbeat, and abort at once
 * when the run executes here. false when the run is not queued/running.
 */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import type { Deps } from "../use-case";
import { requestRunCancel } from "../../db/runs";
import { cancelQueuedRun } from "../../db/run-jobs";
import { cancelRun } from "./cancel-run";

export async function requestCancel(
  actor: Actor | null,
  input: { transferId: string; runId: string },
  deps: Deps = {},
): Promise<boolean> {
  await requireStaff(actor, input.transferId, deps.db);
  const at = deps.now ?? new Date();
  const flagged = await requestRunCancel(input.transferId, input.runId, at, deps.db);
  if (flagged) cancelRun(input.runId);
  // Still waiting in the job queue: cancelled at once (the worker that gets the job leaves it alone).
  if (flagged) await cancelQueuedRun(input.transferId, input.runId, at, deps.db);
  return flagged;
}
