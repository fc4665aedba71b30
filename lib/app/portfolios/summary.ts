/**
 * One portfolio member as the table shows it and the exports carry it: its
 * stage in the transfer's life (ARCHITECTURE.md "The question Cutover
 * answers"), the latest finished check's verdict and blockers, and the
 * scheduled window. Pure, so the stage rules are tested without a database.
 */
import type { MemberStateRow } from "../../db/portfolios";

export const STAGES = ["sources", "ready", "queued", "checking", "checked", "checklist"] as const;
export type Stage = (typeof STAGES)[number];

export const STAGE_LABELS: Record<Stage, string> = {
  sources: "waiting for exports",
  ready: "ready to check",
  queued: "check queued",
  checking: "checking",
  checked: "checked",
  checklist: "checklist issued",
};

export const VERDICT_FILTERS = ["go", "no-go", "none"] as const;
export type VerdictFilter = (typeof VERDICT_FILTERS)[number];

export interface MemberSummary {
  transferId: string;
  domain: string;
  domainAscii: string;
  stage: Stage;
  /** The latest finished check's verdict; null before one finished. */
  verdict: "go" | "no-go" | null;
  blockers: number | null;
  warnings: number | null;
  /** The latest run's status (queued, running, done, failed, cancelled), or "queued" while waiting for its operator's turn. */
  runStatus: string | null;
  runId: string | null;
  /** Why the last check could not finish, or why it could not start. */
  error: string | null;
  window: { start: string; end: string; timeZone: string } | null;
  currentDnsOperator: string;
  futureDnsOperator: string;
}

export function summariseMember(
  transfer: {
    id: string;
    domainUnicode: string;
    domainAscii: string;
    currentDnsOperator: string;
    futureDnsOperator: string;
  },
  state: MemberStateRow,
  waiting: { status: string; error: string | null } | null,
): MemberSummary {
  const latest = state.runs[0] ?? null;
  const done = state.runs.find((r) => r.status === "done") ?? null;
  const active = latest && (latest.status === "queued" || latest.status === "running");
  let stage: Stage;
  if (waiting?.status === "queued" || waiting?.status === "starting") stage = "queued";
  else if (active) stage = "checking";
  else if (state.revisions > 0) stage = "checklist";
  else if (latest) stage = "checked";
  else stage = state.sources > 0 ? "ready" : "sources";
  const verdict = done?.verdict === "go" || done?.verdict === "no-go" ? done.verdict : null;
  const failedStart = waiting?.status === "failed" ? waiting.error : null;
  return {
    transferId: transfer.id,
    domain: transfer.domainUnicode,
    domainAscii: transfer.domainAscii,
    stage,
    verdict,
    blockers: done ? done.blockers : null,
    warnings: done ? done.warnings : null,
    runStatus: stage === "queued" ? "queued" : (latest?.status ?? null),
    runId: latest?.id ?? null,
    error: failedStart ?? (latest && latest.status !== "done" ? latest.error : null),
    window: state.window
      ? {
          start: state.window.start.toISOString(),
          end: state.window.end.toISOString(),
          timeZone: state.window.timeZone,
        }
      : null,
    currentDnsOperator: transfer.currentDnsOperator,
    futureDnsOperator: transfer.futureDnsOperator,
  };
}

export function matchesFilters(m: MemberSummary, filters: { stage?: Stage; verdict?: VerdictFilter }): boolean {
  if (filters.stage && m.stage !== filters.stage) return false;
  if (filters.verdict === "none") return m.verdict === null;
  if (filters.verdict && m.verdict !== filters.verdict) return false;
  return true;
}
