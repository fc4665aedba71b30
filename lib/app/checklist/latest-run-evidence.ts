/**
 * What a revision freezes from the live checks (the run store): the latest
 * finished run's findings, the transfer's finding states, the snapshot digest
 * and the timing the run measured and stored (Run.timingJson).
 */
import type { CheckFindingLike } from "../../checklist/finding";
import { sha256Hex } from "../../checklist/canonical-json";
import { getDb, type Db } from "../../db/client";
import { listFindingStates, type FindingStateRow } from "../../db/finding-states";
import { listFindings } from "../../db/findings";
import { getRun, listRuns } from "../../db/runs";
import { parseStoredTiming, scheduleTimingInputs, type Timing } from "../../checks/timing";
import type { TimingInputs } from "../../schedule/timing";

export interface ReviewInput {
  runId: string;
  finishedAt: string | null;
  snapshotDigest: string | null;
  findings: CheckFindingLike[];
  states: FindingStateRow[];
  /** The schedule's inputs from the run's stored timing; null when the run stored none. */
  timing: TimingInputs | null;
  /** The run's timing as measured (TTLs in, overlap/window/lead out). */
  measured: Timing | null;
}

export async function loadReviewInput(transferId: string, db: Db = getDb()): Promise<ReviewInput | null> {
  const latest = (await listRuns(transferId, db)).find((r) => r.status === "done");
  if (latest === undefined) return null;
  const [run, rows, states] = await Promise.all([
    getRun(latest.id, db),
    listFindings(latest.id, db),
    listFindingStates(transferId, db),
  ]);
  const findings: CheckFindingLike[] = rows.map((r) => ({
    id: r.checkId,
    key: r.key,
    severity: r.severity as CheckFindingLike["severity"],
    subject: r.subject,
    message: r.message,
    remediation: r.remediation,
    evidence: (JSON.parse(r.evidenceJson) as { kind: string; text: string }[]) ?? [],
  }));
  const measured = parseStoredTiming(run?.timingJson);
  return {
    runId: latest.id,
    finishedAt: latest.finishedAt?.toISOString() ?? null,
    snapshotDigest: run?.snapshotJson ? sha256Hex(run.snapshotJson) : null,
    findings,
    states,
    timing: measured && scheduleTimingInputs(measured.inputs),
    measured,
  };
}
