/**
 * What a revision freezes from the live checks (issue 4's store): the latest
 * finished run's findings, the transfer's finding states, the snapshot digest
 * and the measured timing.
 */
import type { CheckFindingLike } from "../checklist/finding";
import { sha256Hex } from "../checklist/canonical-json";
import { getDb, type Db } from "../db/client";
import { listFindingStates, type FindingStateRow } from "../db/finding-states";
import { listFindings } from "../db/findings";
import { getRun, listRuns } from "../db/runs";
import type { TimingInputs } from "../schedule/timing";
import { timingFromFindings } from "./timing-from-findings";

export interface ReviewInput {
  runId: string;
  finishedAt: string | null;
  snapshotDigest: string | null;
  findings: CheckFindingLike[];
  states: FindingStateRow[];
  timing: TimingInputs | null;
}

export async function loadReviewInput(transferId: string, db: Db = getDb()): Promise<ReviewInput | null> {
  const latest = (await listRuns(transferId, db)).find((r) => r.status === "done");
  if (latest === undefined) return null;
  const [run, rows, states] = await Promise.all([getRun(latest.id, db), listFindings(latest.id, db), listFindingStates(transferId, db)]);
  const findings: CheckFindingLike[] = rows.map((r) => ({
    id: r.checkId,
    key: r.key,
    severity: r.severity as CheckFindingLike["severity"],
    subject: r.subject,
    message: r.message,
    remediation: r.remediation,
    evidence: (JSON.parse(r.evidenceJson) as { kind: string; text: string }[]) ?? [],
  }));
  return {
    runId: latest.id,
    finishedAt: latest.finishedAt?.toISOString() ?? null,
    snapshotDigest: run?.snapshotJson ? sha256Hex(run.snapshotJson) : null,
    findings,
    states,
    timing: timingFromFindings(findings.map((f) => ({ checkId: f.id, message: f.message, evidence: f.evidence }))),
  };
}
