/**
 * What the results page shows first for one run: verdict with counts (from
 * the run's findings and the transfer's current states), the first page of
 * findings of each severity with their state and evidence (answers as dig
 * text, decoded from the stored message), the per-server matrix, the plan
 * per priority class (also for a stopped run) and the first page of the
 * diff. The rest is read by page (lib/app/runs get-findings-page.ts,
 * get-diff-page.ts), so a 100,000-name run is never loaded whole.
 */
import type { Finding, Severity } from "../../checks/types";
import { computeVerdict, stateOf, type FindingState, type FindingStates } from "../../checks/verdict";
import type { Db } from "../../db/client";
import { listFindingStates } from "../../db/finding-states";
import { countFindings, listFindingKeys, listFindingsPage, type FindingRow } from "../../db/findings";
import { getRunAnswers, listDiffRows, listRunSnapshots, type Side } from "../../db/run-evidence";
import { getRun, type RunDetailRow, type RunRow } from "../../db/runs";
import type { EvidenceRef } from "../../diff/types";
import { classReport, classReportText, notAskedText, stopCauseOf, type ClassReportRow } from "../../dns/plan-report";
import type { SnapshotPlan, StopCause } from "../../dns/run-snapshot";
import { storedAnswer } from "./stored-answer";
import { digText, type StoredAnswer } from "./dig-text";
import type { DiffRow } from "./diff-rows";
import { serverMatrix, type MatrixRow, type StoredServerSummary } from "./matrix";
import { recoverRuns } from "./recover-runs";
import { statesFromRows } from "../findings/finding-states";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";

export interface EvidenceView extends EvidenceRef {
  /** The full answer as dig prints it, for answer references. */
  dig?: string;
}

export interface FindingView extends Omit<Finding, "evidence"> {
  state: FindingState;
  evidence: EvidenceView[];
}

/** Findings per page (the first page of each severity comes with the run page). */
export const FINDINGS_PAGE = 100;
/** Diff rows with the run page; the browser reads the rest by page. */
export const DIFF_FIRST_PAGE = 300;

export interface RunView {
  run: RunRow;
  verdict: "go" | "no-go" | null;
  finalisable: boolean;
  reasons: string[];
  counts: Record<Severity, number> & { open: number; waived: number; acknowledged: number };
  /** The first page of each severity, in catalogue order. */
  findings: FindingView[];
  /** Open blockers and warnings by key (bulk selection covers findings not loaded yet). */
  openKeys: { blocker: string[]; warning: string[] };
  matrix: MatrixRow[];
  /** The first page of the diff, unfiltered. */
  diff: DiffRow[];
  diffTotal: number;
  diffTypes: string[];
  diffComparisons: string[];
  /** Per snapshot: how it was planned and how much of each priority class it asked. */
  plans: RunPlanView[];
}

export interface RunPlanView {
  side: "old" | "new";
  incomplete: string | null;
  plan: SnapshotPlan;
  /** Why it stopped early (deadline, cap, cancelled), also for runs stored before the plan recorded it. */
  stopCause: StopCause | null;
  /** Per priority class, in priority order: asked of planned, and "70 not asked: deadline" when some were not. */
  classes: (ClassReportRow & { notAskedText: string })[];
  /** The same in one line: "apex 12/12 asked; zone cuts 40/40; mail & web 130/200 (70 not asked: deadline); …". */
  summary: string;
}

/** A stored snapshot's plan as the run page and the API show it (plan-report.ts). */
export function planView(side: "old" | "new", plan: SnapshotPlan, incomplete: string | null): RunPlanView {
  const counts = { classes: plan.classes, stopCause: plan.stopCause, incomplete };
  return {
    side,
    incomplete,
    plan,
    stopCause: stopCauseOf(counts),
    classes: classReport(counts).map((r) => ({ ...r, notAskedText: notAskedText(r) })),
    summary: classReportText(counts),
  };
}

interface StoredSnapshot {
  servers: StoredServerSummary[];
  /** Runs stored before answers were rows: the answers themselves. */
  answers?: StoredAnswer[];
  incomplete?: string | null;
  plan?: SnapshotPlan;
}

type Snapshots = { old: StoredSnapshot | null; new: StoredSnapshot | null };

/** The snapshots' summaries: rows (RunSnapshot), else the one JSON value older runs kept. */
async function loadSnapshots(run: RunDetailRow, db?: Db): Promise<Snapshots> {
  const rows = await listRunSnapshots(run.id, db);
  if (rows.length > 0) {
    const out: Snapshots = { old: null, new: null };
    for (const r of rows) out[r.side] = JSON.parse(r.summaryJson) as StoredSnapshot;
    return out;
  }
  const legacy = run.snapshotJson ? (JSON.parse(run.snapshotJson) as Partial<Snapshots>) : {};
  const pick = (x: unknown) => (x && typeof x === "object" && "servers" in x ? (x as StoredSnapshot) : null);
  return { old: pick(legacy.old), new: pick(legacy.new) };
}

export function findingOfRow(r: FindingRow): Finding {
  return {
    id: r.checkId,
    key: r.key,
    family: r.family as Finding["family"],
    severity: r.severity as Severity,
    subject: r.subject,
    message: r.message,
    remediation: r.remediation,
    evidence: JSON.parse(r.evidenceJson) as EvidenceRef[],
  };
}

/** Findings with their state and, for answer evidence, the answer as dig text (only the answers these cite are read). */
export async function findingViews(
  runId: string,
  rows: readonly FindingRow[],
  states: FindingStates,
  legacy: Snapshots | null,
  db?: Db,
): Promise<FindingView[]> {
  const findings = rows.map(findingOfRow);
  const wanted: Record<Side, number[]> = { old: [], new: [] };
  for (const f of findings)
    for (const e of f.evidence)
      if (e.kind === "answer" && e.answer !== undefined && e.snapshot) wanted[e.snapshot].push(e.answer);
  const texts = new Map<string, string>();
  for (const side of ["old", "new"] as const) {
    for (const row of await getRunAnswers(runId, side, wanted[side], db))
      texts.set(`${side}:${row.seq}`, digText(storedAnswer(row)));
  }
  const dig = (e: EvidenceRef): string | undefined => {
    if (e.kind !== "answer" || e.answer === undefined || !e.snapshot) return undefined;
    const t = texts.get(`${e.snapshot}:${e.answer}`);
    if (t !== undefined) return t;
    const a = legacy?.[e.snapshot]?.answers?.[e.answer];
    return a ? digText(a) : undefined;
  };
  return findings.map((f) => ({
    ...f,
    state: stateOf(states, f.key),
    evidence: f.evidence.map((e) => ({ ...e, dig: dig(e) })),
  }));
}

/** The verdict from every finding's key, severity and subject (not their messages and evidence). */
export async function runVerdict(runId: string, states: FindingStates, db?: Db) {
  const light = await listFindingKeys(runId, db);
  const findings: Finding[] = light.map((r) => ({
    id: r.checkId,
    key: r.key,
    family: r.family as Finding["family"],
    severity: r.severity as Severity,
    subject: r.subject,
    message: "",
    remediation: "",
    evidence: [],
  }));
  return { findings, verdict: computeVerdict(findings, states) };
}

/** Staff of the owning organisation; another transfer's run is NOT_FOUND like a missing one. */
export async function getRunView(
  actor: Actor | null,
  input: { transferId: string; runId: string },
  deps: Deps = {},
): Promise<RunView> {
  await requireStaff(actor, input.transferId, deps.db);
  const v = await loadRunView({ ...input, db: deps.db });
  if (!v) throw new AppError("NOT_FOUND", "no such run");
  return v;
}

async function loadRunView(opts: { transferId: string; runId: string; db?: Db }): Promise<RunView | null> {
  await recoverRuns(opts.db);
  const run = await getRun(opts.runId, opts.db);
  if (!run || run.transferId !== opts.transferId) return null;
  const { snapshotJson: _s, diffJson: _d, timingJson: _timing, ...summary } = run;
  const snap = await loadSnapshots(run, opts.db);
  const plans = (["old", "new"] as const).flatMap((side) => {
    const x = snap[side];
    return x?.plan ? [planView(side, x.plan, x.incomplete ?? null)] : [];
  });
  if (run.status !== "done") {
    return {
      run: summary,
      verdict: null,
      finalisable: false,
      reasons: [],
      counts: { blocker: 0, warning: 0, info: 0, open: 0, waived: 0, acknowledged: 0 },
      findings: [],
      openKeys: { blocker: [], warning: [] },
      matrix: [],
      diff: [],
      diffTotal: 0,
      diffTypes: [],
      diffComparisons: [],
      plans,
    };
  }
  const states = statesFromRows(await listFindingStates(run.transferId, opts.db));
  const { findings: all, verdict: v } = await runVerdict(run.id, states, opts.db);
  const perSeverity = await countFindings(run.id, opts.db);
  const firstRows: FindingRow[] = [];
  for (const severity of ["blocker", "warning", "info"] as const) {
    if (perSeverity[severity])
      firstRows.push(...(await listFindingsPage(run.id, { severity, offset: 0, limit: FINDINGS_PAGE }, opts.db)));
  }
  const legacy = run.snapshotJson && (snap.old?.answers || snap.new?.answers) ? snap : null;
  const views = await findingViews(run.id, firstRows, states, legacy, opts.db);
  const count = (s: FindingState["status"]) =>
    all.filter((f) => f.severity !== "info" && stateOf(states, f.key).status === s).length;
  const openOf = (sev: Severity) =>
    all.filter((f) => f.severity === sev && stateOf(states, f.key).status === "open").map((f) => f.key);
  let diff: DiffRow[];
  let diffTotal: number;
  let diffTypes: string[];
  let diffComparisons: string[];
  const page = await listDiffRows(run.id, { offset: 0, limit: DIFF_FIRST_PAGE }, opts.db);
  if (page.total === 0 && run.diffJson) {
    const rows = JSON.parse(run.diffJson) as DiffRow[];
    diff = rows.slice(0, DIFF_FIRST_PAGE);
    diffTotal = rows.length;
    diffTypes = [...new Set(rows.map((r) => r.type))].sort();
    diffComparisons = [...new Set(rows.map((r) => r.comparison))];
  } else {
    diff = page.rows.map((r) => JSON.parse(r.rowJson) as DiffRow);
    diffTotal = page.total;
    diffTypes = page.types;
    diffComparisons = page.comparisons;
  }
  return {
    run: summary,
    verdict: v.verdict,
    finalisable: v.finalisable,
    reasons: v.reasons,
    counts: { ...v.counts, open: count("open"), waived: count("waived"), acknowledged: count("acknowledged") },
    findings: views,
    openKeys: { blocker: openOf("blocker"), warning: openOf("warning") },
    matrix: serverMatrix(snap.old?.servers ?? null, snap.new?.servers ?? null),
    diff,
    diffTotal,
    diffTypes,
    diffComparisons,
    plans,
  };
}
