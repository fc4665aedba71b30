/**
 * One page of a run's findings of one severity, with their states and their
 * answers as dig text (only the answers the page cites are read). Staff of
 * the transfer's organisation only.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import { issuesOf, type Deps } from "../use-case";
import { listFindingStates } from "../../db/finding-states";
import { countFindings, listFindingsPage } from "../../db/findings";
import { getRun } from "../../db/runs";
import { findingViews, FINDINGS_PAGE, type FindingView } from "./get-run-view";
import { statesFromRows } from "../findings/finding-states";

export const FindingsPageInputSchema = z.object({
  transferId: z.string().min(1).max(64),
  runId: z.string().min(1).max(64),
  severity: z.enum(["blocker", "warning", "info"]),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(FINDINGS_PAGE).default(FINDINGS_PAGE),
});

export interface FindingsPage {
  severity: "blocker" | "warning" | "info";
  offset: number;
  findings: FindingView[];
  /** Findings of this severity in the run. */
  total: number;
}

export async function getFindingsPage(actor: Actor | null, input: unknown, deps: Deps = {}): Promise<FindingsPage> {
  const p = FindingsPageInputSchema.safeParse(input);
  if (!p.success) {
    const issues = issuesOf(p.error);
    throw new AppError("INVALID", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  const q = p.data;
  const { db } = deps;
  await requireStaff(actor, q.transferId, db);
  const run = await getRun(q.runId, db);
  if (!run || run.transferId !== q.transferId) throw new AppError("NOT_FOUND", "no such run");
  const [rows, counts, stateRows] = await Promise.all([
    listFindingsPage(run.id, { severity: q.severity, offset: q.offset, limit: q.limit }, db),
    countFindings(run.id, db),
    listFindingStates(run.transferId, db),
  ]);
  // Runs stored before answers were rows have no dig text on later pages (their first page has it).
  const findings = await findingViews(run.id, rows, statesFromRows(stateRows), null, db);
  return { severity: q.severity, offset: q.offset, findings, total: counts[q.severity] ?? 0 };
}
