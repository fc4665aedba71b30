/**
 * One progress line for a run made of two query sessions (old, then new
 * operator): counters add up across sessions (each session counts its own).
 */
import type { ReviewProgress } from "../checks/review";
import type { ProgressCounts } from "../dns/types";

export interface RunProgress extends ProgressCounts {
  phase: string;
}

export function progressTracker() {
  const totals: Record<"old" | "new", ProgressCounts> = { old: { planned: 0, sent: 0, answered: 0, failed: 0 }, new: { planned: 0, sent: 0, answered: 0, failed: 0 } };
  let phase = "queued";
  return {
    update(p: ReviewProgress): void {
      phase = p.phase;
      if (p.phase === "old" || p.phase === "new") totals[p.phase] = { ...p.event.totals };
    },
    current(): RunProgress {
      const sum = (k: keyof ProgressCounts) => totals.old[k] + totals.new[k];
      return { phase, planned: sum("planned"), sent: sum("sent"), answered: sum("answered"), failed: sum("failed") };
    },
  };
}
