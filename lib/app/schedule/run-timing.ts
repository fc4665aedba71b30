/**
 * The schedule's timing inputs (lib/schedule/timing.ts) from the timing a
 * run stored (lib/checks/timing.ts computeTiming, measured TTLs). A TTL that
 * was not measured counts as 0 here (the run's own explanation says "?"),
 * except the parent NS TTL: it is the assumption the run itself used
 * (TIM-PARENT-TTL-UNMEASURED), never 0.
 */
import { effectiveParentNsTtl, type Timing } from "../../checks/timing";
import type { TimingInputs } from "../../schedule/timing";

export function scheduleTimingFromRun(t: Timing): TimingInputs {
  const i = t.inputs;
  return {
    parentNsTtl: effectiveParentNsTtl(i),
    childNsTtl: i.childNsTtl ?? 0,
    maxRecordTtl: i.maxRecordTtl ?? 0,
    negativeTtl: t.negativeTtlSeconds ?? 0,
    dsTtl: i.dsTtl,
    dsChanges: i.dnssecChange,
    ...(i.changingRecordsTtl != null ? { changingRecordsTtl: i.changingRecordsTtl } : {}),
    marginSeconds: i.marginSeconds,
  };
}
