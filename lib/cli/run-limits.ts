/**
 * `--rate`, `--deadline` and `--max-queries`, shared by
 * `cutover check` and `cutover query`, and the per-class report of what a
 * snapshot asked (printed when a run stopped early, and in every summary).
 */
import { DEFAULT_LOAD_LIMITS, type LoadLimits } from "../dns/limiter";
import { classReportText, stopCauseOf } from "../dns/plan-report";
import type { Snapshot, StopCause } from "../dns/run-snapshot";

export const RUN_LIMIT_OPTIONS = {
  rate: { type: "string" },
  deadline: { type: "string" },
  "max-queries": { type: "string" },
} as const;

export const RUN_LIMIT_HELP = `  --rate N                  queries per second per server address (default ${DEFAULT_LOAD_LIMITS.ratePerServer})
  --deadline S              seconds each snapshot may take (default: derived from its plan, queries ÷ rate + margin)
  --max-queries N           DNS queries the run may send in all (default ${DEFAULT_LOAD_LIMITS.maxQueries})
`;

export interface RunLimits {
  limits?: Partial<LoadLimits>;
  deadlineMs?: number;
}

export function parseRunLimits(v: {
  rate?: string;
  deadline?: string;
  "max-queries"?: string;
}): { ok: true; value: RunLimits } | { ok: false; message: string } {
  const num = (flag: string, s: string | undefined, integer: boolean): number | undefined | string => {
    if (s === undefined) return undefined;
    const n = Number(s);
    if (!Number.isFinite(n) || n <= 0 || (integer && !Number.isInteger(n)))
      return `--${flag} must be a positive ${integer ? "integer" : "number"}`;
    return n;
  };
  const rate = num("rate", v.rate, false);
  const deadline = num("deadline", v.deadline, false);
  const max = num("max-queries", v["max-queries"], true);
  for (const x of [rate, deadline, max]) if (typeof x === "string") return { ok: false, message: x };
  const limits: Partial<LoadLimits> = {};
  if (typeof rate === "number") limits.ratePerServer = rate;
  if (typeof max === "number") limits.maxQueries = max;
  return {
    ok: true,
    value: {
      ...(Object.keys(limits).length ? { limits } : {}),
      ...(typeof deadline === "number" ? { deadlineMs: Math.round(deadline * 1000) } : {}),
    },
  };
}

/** A snapshot's plan as plain data: what a local run measured, or what a server's run reports (lib/app/runs/get-findings.ts). */
export interface PlanSummary {
  ratePerServer: number;
  deadlineSeconds: number;
  deadlineDerived: boolean;
  transferred: string[];
  classes: Record<string, { planned: number; asked: number }>;
  unsent: number;
  incomplete: string | null;
  /** Why it stopped early; absent from servers that do not report it (then read from `incomplete`). */
  stopCause?: StopCause | null;
}

export function planSummary(s: Snapshot): PlanSummary | null {
  if (!s.plan) return null;
  const p = s.plan;
  return {
    ratePerServer: p.ratePerServer,
    deadlineSeconds: Math.round(p.deadlineMs / 1000),
    deadlineDerived: p.deadlineDerived,
    transferred: p.transferred,
    classes: p.classes,
    unsent: p.unsent,
    incomplete: s.incomplete ?? null,
    stopCause: stopCauseOf({ stopCause: p.stopCause, incomplete: s.incomplete }),
  };
}

/** Lines describing how a snapshot was planned and how far it got (per priority class: plan-report.ts). */
export function planLines(side: string, s: Snapshot | PlanSummary): string[] {
  const p = "classes" in s ? s : planSummary(s);
  if (!p) return [];
  const lines = [
    `${side}: rate ${p.ratePerServer} q/s per server, deadline ${p.deadlineSeconds} s (${p.deadlineDerived ? "derived from the plan" : "set by the operator"}); ` +
      `transferred: ${p.transferred.length ? p.transferred.join(", ") : "none"}`,
    `${side}: ${classReportText(p)}`,
  ];
  if (p.incomplete)
    lines.push(
      `${side}: STOPPED EARLY (${p.incomplete}): ${p.unsent} planned question(s) never sent — unknown, not absent`,
    );
  return lines;
}
