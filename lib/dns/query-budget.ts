/**
 * The per-run DNS query cap (CUTOVER_MAX_QUERIES_PER_RUN): one
 * budget shared by every query session of a run (old snapshot, new
 * snapshot, probes). lib/dns caps each session's packets (LoadLimits.maxQueries);
 * `limits.maxQueries` here is a getter, read when each session builds its
 * Limiter, so a later session only gets what the earlier ones left. The
 * snapshot sessions' progress is counted as it happens; reaching the cap
 * aborts the run, so nothing more is sent.
 */
import type { ProgressEvent } from "./types";

export interface QueryBudget {
  readonly cap: number;
  /** Pass as the sessions' `limits` (spread copies the getter's current value). */
  readonly limits: { readonly maxQueries: number };
  /** Feed every progress event of phase "old"/"new"; returns true once the cap is reached. */
  note(phase: "old" | "new", e: ProgressEvent): boolean;
  readonly used: number;
  readonly exhausted: boolean;
  /** The run's recorded error once exhausted. */
  readonly message: string;
}

export function queryBudget(cap: number): QueryBudget {
  const sent = { old: 0, new: 0 };
  let exhausted = false;
  const used = () => sent.old + sent.new;
  return {
    cap,
    limits: {
      get maxQueries() {
        return Math.max(0, cap - used());
      },
    },
    note(phase, e) {
      sent[phase] = Math.max(sent[phase], e.totals.sent);
      const capped = e.type === "failed" && e.answer.error?.kind === "query-cap";
      if (used() >= cap || capped) exhausted = true;
      return exhausted;
    },
    get used() {
      return used();
    },
    get exhausted() {
      return exhausted;
    },
    get message() {
      return `stopped at the query cap: this run may send ${cap} DNS queries (CUTOVER_MAX_QUERIES_PER_RUN) and sent ${used()}; no further queries were sent and no verdict was reached`;
    },
  };
}

/**
 * The reason to abort a run with when its budget is spent: an Error (its message is the run's error) whose `kind`
 * tells the snapshot it stopped at the cap, not at a cancel (run-snapshot.ts, SnapshotPlan.stopCause).
 */
export function queryCapReason(message: string): Error & { kind: "query-cap" } {
  return Object.assign(new Error(message), { kind: "query-cap" as const });
}
