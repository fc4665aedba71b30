/** Everything the schedule page shows, in one call. */
import type { Timing } from "../../checks/timing";
import { getDb, type Db } from "../../db/client";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import type { Deps } from "../use-case";
import type { TransferRow } from "../../db/rows";
import { listPartyRows, type PartyRow } from "../../db/checklist-schedule";
import { formatDuration } from "../../schedule/duration";
import { computeTiming, type TimingInputs, type TimingPlan } from "../../schedule/timing";
import { checkSchedule, planSchedule, type MaintenanceWindow, type ScheduleWarning } from "../../schedule/window";
import { partyProblems, type PartyProblem } from "../../schedule/parties";
import { loadReviewInput } from "../checklist/latest-run-evidence";
import { loadScheduleState } from "./schedule-state";
import { loadOperationsPlan } from "./operations-plan";
import type { OperationsPlan } from "../../checks/facts";

export interface SchedulePageData {
  transfer: TransferRow;
  window: MaintenanceWindow | null;
  /** Stored rows, complete or not, for the form. */
  partyRows: PartyRow[];
  /** Timing inputs from the latest finished run (its stored timing); null when none. */
  timing: TimingInputs | null;
  /** The latest run's timing as measured (parent/child NS TTL, DS TTL, largest TTL, negative TTL…). */
  measured: Timing | null;
  plan: TimingPlan | null;
  minimumWindow: string | null;
  requiredOverlap: string | null;
  ttlLoweringLead: string | null;
  overlapEnd: string | null;
  latestTtlLowering: string | null;
  warnings: ScheduleWarning[];
  partyProblems: PartyProblem[];
  /** Monitoring, rollback, old zone kept until, DNSSEC plan (the OPS facts the next run judges). */
  operations: OperationsPlan;
}

/** Staff of the owning organisation. */
export async function getSchedulePage(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<SchedulePageData> {
  const db: Db = deps.db ?? getDb();
  const { transferId } = input;
  const { transfer } = await requireStaff(actor, transferId, db);
  const [state, partyRows, review, operations] = await Promise.all([
    loadScheduleState(transferId, db),
    listPartyRows(transferId, db),
    loadReviewInput(transferId, db),
    loadOperationsPlan(transferId, db),
  ]);
  const timing = review?.timing ?? null;
  const plan = timing === null ? null : computeTiming(timing);
  const scheduled = state.window !== null && timing !== null ? planSchedule(state.window, timing) : null;
  const warnings: ScheduleWarning[] = [];
  if (timing === null)
    warnings.push({
      code: "window-too-short",
      severity: "warning",
      message: "no live check has measured the TTLs yet: the minimum window and overlap are unknown",
    });
  if (state.window !== null) {
    // Without measurements, weekend/holiday/contacts still apply; the length check needs the real TTLs.
    const t = timing ?? {
      parentNsTtl: 0,
      childNsTtl: 0,
      maxRecordTtl: 0,
      negativeTtl: 0,
      dsTtl: null,
      dsChanges: false,
      marginSeconds: 0,
    };
    warnings.push(
      ...checkSchedule({ window: state.window, timing: t, parties: state.parties }).filter(
        (w) => timing !== null || (w.code !== "window-too-short" && !w.code.startsWith("ttl-lowering")),
      ),
    );
  } else {
    warnings.push({ code: "window-invalid", severity: "warning", message: "no maintenance window is scheduled" });
    warnings.push(
      ...partyProblems(state.parties).map((p) => ({ code: p.code, severity: "warning" as const, message: p.message })),
    );
  }
  return {
    transfer,
    window: state.window,
    partyRows,
    timing,
    measured: review?.measured ?? null,
    plan,
    minimumWindow: plan ? formatDuration(plan.minimumWindowSeconds) : null,
    requiredOverlap: plan ? formatDuration(plan.requiredOverlapSeconds) : null,
    ttlLoweringLead: plan ? formatDuration(plan.ttlLoweringLeadSeconds) : null,
    overlapEnd: scheduled?.overlapEnd.toISOString() ?? null,
    latestTtlLowering: scheduled?.latestTtlLowering.toISOString() ?? null,
    warnings,
    partyProblems: partyProblems(state.parties),
    operations,
  };
}
