/**
 * How far a snapshot got through its plan, per priority class (query-plan.ts): asked of planned, and for a
 * snapshot stopped early how many were not asked and why. A question not asked is unknown, never absent
 * (ARCHITECTURE.md, "Server answer"), so the report says which classes the missing evidence is in.
 */
import { PRIORITY_CLASSES, type PriorityClass } from "./query-plan";
import type { StopCause } from "./run-snapshot";

export const CLASS_LABELS: Readonly<Record<PriorityClass, string>> = {
  apex: "apex",
  cuts: "zone cuts",
  services: "mail & web",
  rest: "rest",
};

const CAUSE_TEXT: Readonly<Record<StopCause, string>> = {
  deadline: "deadline",
  cap: "query cap",
  cancelled: "cancelled",
};

export interface ClassReportRow {
  cls: PriorityClass;
  label: string;
  planned: number;
  asked: number;
  notAsked: number;
  /** Why the questions not asked were not (null: the snapshot was not stopped, or a run stored without it says not). */
  cause: StopCause | null;
}

/** A plan as a snapshot, the run page or the API holds it. */
export interface PlanCounts {
  classes: Partial<Record<string, { planned: number; asked: number }>>;
  /** Absent in runs stored before it was recorded: then read from `incomplete`. */
  stopCause?: StopCause | null;
  incomplete?: string | null;
}

/**
 * The stop cause, or for a run stored before the plan recorded it, what its `incomplete` text says
 * (run-snapshot.ts stopReason, capped; query-budget.ts); null where that text does not tell.
 */
export function stopCauseOf(p: Pick<PlanCounts, "stopCause" | "incomplete">): StopCause | null {
  if (p.stopCause !== undefined) return p.stopCause;
  const t = p.incomplete?.toLowerCase() ?? "";
  if (!t) return null;
  if (t.includes("deadline")) return "deadline";
  // The older text for any caller's stop could not tell a cancel from the web run's query budget.
  if (t.includes("cancelled or at its query cap")) return null;
  if (t.includes("query cap")) return "cap";
  if (t.includes("cancel")) return "cancelled";
  return null;
}

export function classReport(p: PlanCounts): ClassReportRow[] {
  const cause = stopCauseOf(p);
  return PRIORITY_CLASSES.map((cls) => {
    const planned = p.classes[cls]?.planned ?? 0;
    const asked = p.classes[cls]?.asked ?? 0;
    const notAsked = Math.max(0, planned - asked);
    return { cls, label: CLASS_LABELS[cls], planned, asked, notAsked, cause: notAsked > 0 ? cause : null };
  });
}

const n = (x: number) => x.toLocaleString("en-US");

/** "70 not asked: deadline", or "" when all were asked. */
export function notAskedText(r: ClassReportRow): string {
  if (r.notAsked === 0) return "";
  return `${n(r.notAsked)} not asked${r.cause ? `: ${CAUSE_TEXT[r.cause]}` : ""}`;
}

/** "apex 12/12 asked; zone cuts 40/40; mail & web 130/200 (70 not asked: deadline); rest 0/4,000 (4,000 not asked: deadline)". */
export function classReportText(p: PlanCounts): string {
  return classReport(p)
    .map((r, i) => {
      const why = notAskedText(r);
      return `${r.label} ${n(r.asked)}/${n(r.planned)}${i === 0 ? " asked" : ""}${why ? ` (${why})` : ""}`;
    })
    .join("; ");
}
