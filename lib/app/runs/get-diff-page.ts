/**
 * One page of a run's diff, filtered in the database (RunDiffRow), so a
 * 100,000-name run's diff is read a screenful at a time. Staff of the
 * transfer's organisation only.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import { issuesOf, type Deps } from "../use-case";
import { listDiffRows } from "../../db/run-evidence";
import { getRun } from "../../db/runs";
import { filterDiffRows, type DiffRow } from "./diff-rows";

/** The most rows one request returns (a screen shows ~10; the browser asks a page ahead). */
export const DIFF_PAGE_MAX = 500;

const flag = z.union([z.boolean(), z.enum(["true", "false", "1", "0"]).transform((v) => v === "true" || v === "1")]);

export const DiffPageInputSchema = z.object({
  transferId: z.string().min(1).max(64),
  runId: z.string().min(1).max(64),
  offset: z.coerce.number().int().min(0).max(10_000_000).default(0),
  limit: z.coerce.number().int().min(1).max(DIFF_PAGE_MAX).default(200),
  only: z.enum(["all", "missing", "different"]).default("all"),
  name: z.string().max(255).optional(),
  type: z.string().max(20).optional(),
  comparison: z.string().max(300).optional(),
  hideExplained: flag.default(false),
});

export type DiffPageInput = z.input<typeof DiffPageInputSchema>;

export interface DiffPage {
  offset: number;
  rows: DiffRow[];
  /** Rows matching the filter, and in the whole diff. */
  matching: number;
  total: number;
  /** The filter's choices: every type and comparison in the diff. */
  types: string[];
  comparisons: string[];
}

export async function getDiffPage(actor: Actor | null, input: unknown, deps: Deps = {}): Promise<DiffPage> {
  const p = DiffPageInputSchema.safeParse(input);
  if (!p.success) {
    const issues = issuesOf(p.error);
    throw new AppError("INVALID", issues.map((i) => `${i.path}: ${i.message}`).join("; "), { issues });
  }
  const q = p.data;
  const { db } = deps;
  await requireStaff(actor, q.transferId, db);
  const run = await getRun(q.runId, db);
  if (!run || run.transferId !== q.transferId) throw new AppError("NOT_FOUND", "no such run");
  const filter = {
    only: q.only,
    name: q.name || undefined,
    type: q.type || undefined,
    comparison: q.comparison || undefined,
    hideExplained: q.hideExplained,
  };
  const stored = await listDiffRows(run.id, { ...filter, offset: q.offset, limit: q.limit }, db);
  if (stored.total === 0 && run.diffJson) {
    // Runs stored before diff rows were rows: their one JSON value, filtered here.
    const all = JSON.parse(run.diffJson) as DiffRow[];
    const shown = filterDiffRows(all, filter);
    return {
      offset: q.offset,
      rows: shown.slice(q.offset, q.offset + q.limit),
      matching: shown.length,
      total: all.length,
      types: [...new Set(all.map((r) => r.type))].sort(),
      comparisons: [...new Set(all.map((r) => r.comparison))],
    };
  }
  return {
    offset: q.offset,
    rows: stored.rows.map((r) => JSON.parse(r.rowJson) as DiffRow),
    matching: stored.matching,
    total: stored.total,
    types: stored.types,
    comparisons: stored.comparisons,
  };
}
