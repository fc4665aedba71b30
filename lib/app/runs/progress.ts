/**
 * One progress line for a run made of two query sessions (old, then new
 * operator): counters add up across sessions (each session counts its own).
 * A question the run never sent (deadline, query cap, cancel) is not a
 * failure: it is taken out of "failed".
 */
import type { PipelineProgress as ReviewProgress } from "../../checks/pipeline";
import type { ProgressCounts } from "../../dns/types";

export interface RunProgress extends ProgressCounts {
  phase: string;
}

const UNSENT = new Set(["cancelled", "deadline", "query-cap"]);

export function progressTracker() {
  const zero = (): ProgressCounts => ({ planned: 0, sent: 0, answered: 0, failed: 0 });
  const totals: Record<"old" | "new", ProgressCounts> = { old: zero(), new: zero() };
  const unsent = { old: 0, new: 0 };
  let phase = "queued";
  return {
    update(p: ReviewProgress): void {
      phase = p.phase;
      if (p.phase === "old" || p.phase === "new") {
        totals[p.phase] = { ...p.event.totals };
        if (p.event.type === "failed" && p.event.answer.error && UNSENT.has(p.event.answer.error.kind))
          unsent[p.phase]++;
      }
    },
    current(): RunProgress {
      const sum = (k: keyof ProgressCounts) => totals.old[k] + totals.new[k];
      return {
        phase,
        planned: sum("planned"),
        sent: sum("sent"),
        answered: sum("answered"),
        failed: Math.max(0, sum("failed") - unsent.old - unsent.new),
      };
    },
  };
}

/**
 * Seconds left, from the pace so far: elapsed × (questions left ÷ questions
 * done). Null until a fiftieth of the plan is done (at least 10 questions):
 * the first second of a run is the import, the delegation walk and the zone
 * transfers, a dozen answers that say nothing of the pace of the thousands
 * after them. Null once nothing is left to ask.
 */
export function etaSeconds(p: {
  startedAt: Date | null;
  now: Date;
  planned: number;
  answered: number;
  failed: number;
}): number | null {
  const done = p.answered + p.failed;
  if (!p.startedAt || done < Math.max(10, p.planned / 50) || p.planned <= done) return null;
  const elapsed = (p.now.getTime() - p.startedAt.getTime()) / 1000;
  if (!(elapsed > 0)) return null;
  return Math.ceil((elapsed * (p.planned - done)) / done);
}

/** Where a run stands, as its row says. */
export interface RunActivity {
  status: string;
  phase: string | null;
  cancelRequestedAt: Date | null;
  /** A snapshot of the run stopped before asking all it planned (its deadline, the query cap). */
  stoppedEarly?: boolean;
}

/** The phases whose questions `planned` counts (progressTracker): the two snapshots. */
const QUERY_PHASES = new Set(["old", "new"]);

/**
 * Whether the run is still asking the questions its counters plan. A cancel
 * requested, a snapshot stopped early (deadline, cap) or a run ended leaves
 * planned questions that will never be asked: time left computed from them
 * would count down to nothing.
 */
export function activelyQuerying(a: RunActivity): boolean {
  return a.status === "running" && !a.cancelRequestedAt && !a.stoppedEarly && QUERY_PHASES.has(a.phase ?? "");
}

/** The ETA a run's progress shows: only while it is actively querying (activelyQuerying), else null. */
export function runEtaSeconds(
  run: RunActivity & { startedAt: Date | null; planned: number; answered: number; failed: number },
  now: Date,
): number | null {
  if (!activelyQuerying(run)) return null;
  return etaSeconds({
    startedAt: run.startedAt,
    now,
    planned: run.planned,
    answered: run.answered,
    failed: run.failed,
  });
}

/** Whether a stored snapshot summary (store-snapshot.ts) says it stopped before asking all it planned. */
export function summaryStoppedEarly(summaryJson: string): boolean {
  try {
    return !!(JSON.parse(summaryJson) as { incomplete?: unknown }).incomplete;
  } catch {
    return false;
  }
}
