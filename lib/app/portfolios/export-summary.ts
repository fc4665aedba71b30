/** The portfolio table as a download: CSV (RFC 4180) for spreadsheets, JSON for tools; the same fields in both. */
import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import { requirePortfolio } from "./access";
import { memberSummaries } from "./get";
import { STAGE_LABELS, type MemberSummary } from "./summary";

export const SUMMARY_COLUMNS = [
  "domain",
  "stage",
  "verdict",
  "blockers",
  "warnings",
  "run status",
  "window start",
  "window end",
  "time zone",
  "current operator",
  "future operator",
  "error",
  "transfer id",
] as const;

function cells(m: MemberSummary): (string | number | null)[] {
  return [
    m.domain,
    m.stage,
    m.verdict,
    m.blockers,
    m.warnings,
    m.runStatus,
    m.window?.start ?? null,
    m.window?.end ?? null,
    m.window?.timeZone ?? null,
    m.currentDnsOperator,
    m.futureDnsOperator,
    m.error,
    m.transferId,
  ];
}

/** RFC 4180 §2: fields with commas, quotes or line breaks are quoted, quotes doubled; a leading =+-@ is defused for spreadsheets (OWASP CSV injection). */
function csvField(v: string | number | null): string {
  if (v === null) return "";
  let s = String(v);
  if (/^[=+\-@\t\r]/.test(s) && typeof v === "string") s = `'${s}`;
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
}

export function summaryCsv(members: readonly MemberSummary[]): string {
  return [SUMMARY_COLUMNS.join(","), ...members.map((m) => cells(m).map(csvField).join(","))].join("\r\n") + "\r\n";
}

export function summaryJson(
  portfolio: { id: string; name: string },
  members: readonly MemberSummary[],
  at: Date,
): string {
  return JSON.stringify(
    {
      portfolio: { id: portfolio.id, name: portfolio.name },
      generatedAt: at.toISOString(),
      members: members.map((m) => ({ ...m, stageLabel: STAGE_LABELS[m.stage] })),
    },
    null,
    2,
  );
}

export async function exportPortfolioSummary(
  actor: Actor | null,
  input: { portfolioId: string; format: "csv" | "json" },
  deps: Deps = {},
): Promise<{ body: string; fileName: string; contentType: string }> {
  const { db } = deps;
  const { portfolio } = await requirePortfolio(actor, input.portfolioId, db);
  const members = await memberSummaries(portfolio.id, db);
  const stem = `portfolio-${
    portfolio.name
      .toLowerCase()
      .replace(/[^a-z0-9]+/g, "-")
      .replace(/^-|-$/g, "") || portfolio.id
  }`;
  return input.format === "csv"
    ? { body: summaryCsv(members), fileName: `${stem}.csv`, contentType: "text/csv; charset=utf-8" }
    : {
        body: summaryJson(portfolio, members, deps.now ?? new Date()),
        fileName: `${stem}.json`,
        contentType: "application/json; charset=utf-8",
      };
}
