/**
 * Start one live check for a transfer, for callers that start many (a
 * portfolio's "check all"): on PostgreSQL the run becomes a job of the
 * queue and the call returns at once (workers pick it up, at most
 * CUTOVER_WORKER_CONCURRENCY per process, the per-server rate shared by all);
 * on SQLite it executes in this process as a run started from the checks
 * page does. Staff of the transfer's organisation only; the organisation's
 * hourly query quota applies.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { RunExecution } from "../jobs/enqueue-run-job";
import { parseInput, type Deps } from "../use-case";
import { startRun } from "./start-run";

export const EnqueueRunInputSchema = z.object({
  transferId: z.string().min(1).max(100),
  /** The checks page's form fields (lib/app/runs/run-input.ts StartRunInputSchema); {} = its defaults. */
  run: z.record(z.string(), z.unknown()).default({}),
});

export type EnqueueRunInput = z.input<typeof EnqueueRunInputSchema>;

export interface EnqueuedRun {
  runId: string;
  /** True when a worker of the queue executes it; false when this process does (SQLite). */
  queued: boolean;
}

export async function enqueueRun(
  actor: Actor | null,
  input: EnqueueRunInput,
  deps: Deps & { execution?: RunExecution } = {},
): Promise<EnqueuedRun> {
  const p = parseInput(EnqueueRunInputSchema, input);
  const r = await startRun(actor, { transferId: p.transferId, input: p.run }, deps);
  const queued = r.queued === true;
  // Failures end up in the run row; nothing to await here.
  if (!queued) r.done.catch(() => undefined);
  return { runId: r.runId, queued };
}
