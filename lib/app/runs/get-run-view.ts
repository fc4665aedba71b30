/**
 * Everything the results page shows for one run, in one call: verdict with
 * counts (from the run's findings and the transfer's current states),
 * findings with their state and evidence (answers also as dig text), the
 * per-server matrix and the diff rows.
 */
import type { Finding, Severity } from "../../checks/types";
import { computeVerdict, stateOf, type FindingState } from "../../checks/verdict";
import type { Db } from "../../db/client";
import { listFindingStates } from "../../db/finding-states";
import { listFindings } from "../../db/findings";
import { getRun, type RunRow } from "../../db/runs";
import type { EvidenceRef } from "../../diff/types";
import { digText, type StoredAnswer } from "./dig-text";
import type { DiffRow } from "./diff-rows";
import { serverMatrix, type MatrixRow, type StoredServerSummary } from "./matrix";
import { recoverRuns } from "./recover-runs";
import { statesFromRows } from "../findings/finding-states";

export interface EvidenceView extends EvidenceRef {
  /** The full answer as dig prints it, for answer references. */
  dig?: string;
}

export interface FindingView extends Omit<Finding, "evidence"> {
  state: FindingState;
  evidence: EvidenceView[];
}

import type { SnapshotPlan } from "../../dns/run-snapshot";

export interface RunView {
  run: RunRow;
  verdict: "go" | "no-go" | null;
  finalisable: boolean;
  reasons: string[];
  counts: Record<Severity, number> & { open: number; waived: number; acknowledged: number };
  findings: FindingView[];
  matrix: MatrixRow[];
  diff: DiffRow[];
  /** Per snapshot: how it was planned and how much of each priority class it asked (issue 9 §2). */
  plans: { side: "old" | "new"; incomplete: string | null; plan: SnapshotPlan }[];
}

interface StoredSnapshot {
  servers: StoredServerSummary[];
  answers: StoredAnswer[];
  incomplete?: string | null;
  plan?: SnapshotPlan;
}

export async function getRunView(opts: { transferId: string; runId: string; db?: Db }): Promise<RunView | null> {
  await recoverRuns(opts.db);
  const run = await getRun(opts.runId, opts.db);
  if (!run || run.transferId !== opts.transferId) return null;
  const { snapshotJson, diffJson, timingJson: _timing, ...summary } = run;
  if (run.status !== "done") {
    return { run: summary, verdict: null, finalisable: false, reasons: [], counts: { blocker: 0, warning: 0, info: 0, open: 0, waived: 0, acknowledged: 0 }, findings: [], matrix: [], diff: [], plans: [] };
  }
  const [rows, stateRows] = await Promise.all([listFindings(run.id, opts.db), listFindingStates(run.transferId, opts.db)]);
  const states = statesFromRows(stateRows);
  const snap = (snapshotJson ? JSON.parse(snapshotJson) : { old: null, new: null }) as { old: StoredSnapshot | null; new: StoredSnapshot | null };
  const findings: Finding[] = rows.map((r) => ({
    id: r.checkId, key: r.key, family: r.family as Finding["family"], severity: r.severity as Severity,
    subject: r.subject, message: r.message, remediation: r.remediation, evidence: JSON.parse(r.evidenceJson) as EvidenceRef[],
  }));
  const v = computeVerdict(findings, states);
  const dig = (e: EvidenceRef): string | undefined => {
    if (e.kind !== "answer" || e.answer === undefined || !e.snapshot) return undefined;
    const a = snap[e.snapshot]?.answers[e.answer];
    return a ? digText(a) : undefined;
  };
  const views: FindingView[] = findings.map((f) => ({ ...f, state: stateOf(states, f.key), evidence: f.evidence.map((e) => ({ ...e, dig: dig(e) })) }));
  const count = (s: FindingState["status"]) => views.filter((f) => f.severity !== "info" && f.state.status === s).length;
  return {
    run: summary,
    verdict: v.verdict,
    finalisable: v.finalisable,
    reasons: v.reasons,
    counts: { ...v.counts, open: count("open"), waived: count("waived"), acknowledged: count("acknowledged") },
    findings: views,
    matrix: serverMatrix(snap.old?.servers ?? null, snap.new?.servers ?? null),
    diff: diffJson ? (JSON.parse(diffJson) as DiffRow[]) : [],
    plans: (["old", "new"] as const).flatMap((side) => {
      const x = snap[side];
      return x?.plan ? [{ side, incomplete: x.incomplete ?? null, plan: x.plan }] : [];
    }),
  };
}
