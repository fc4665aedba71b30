/**
 * The strict status of a finished run (`cutover check --strict` parity):
 * finalisable only when GO and every warning is acknowledged, with the
 * current finding states of the transfer.
 */
import type { Finding, Severity } from "../../checks/types";
import { computeVerdict } from "../../checks/verdict";
import type { Db } from "../../db/client";
import { listFindingStates } from "../../db/finding-states";
import { listFindings } from "../../db/findings";
import { statesFromRows } from "../findings/finding-states";

export interface StrictStatus {
  runId: string;
  verdict: "go" | "no-go";
  /** What --strict would exit 0 on. */
  finalisable: boolean;
  openBlockers: number;
  pendingAcknowledgements: number;
}

export function strictOf(
  runId: string,
  findings: readonly Finding[],
  states: Parameters<typeof computeVerdict>[1],
): StrictStatus {
  const v = computeVerdict(findings, states);
  return {
    runId,
    verdict: v.verdict,
    finalisable: v.finalisable,
    openBlockers: v.openBlockers.length,
    pendingAcknowledgements: v.pendingAcknowledgements.length,
  };
}

export async function strictStatus(transferId: string, runId: string, db?: Db): Promise<StrictStatus> {
  const [rows, stateRows] = await Promise.all([listFindings(runId, db), listFindingStates(transferId, db)]);
  const findings: Finding[] = rows.map((r) => ({
    id: r.checkId,
    key: r.key,
    family: r.family as Finding["family"],
    severity: r.severity as Severity,
    subject: r.subject,
    message: r.message,
    remediation: r.remediation,
    evidence: [],
  }));
  return strictOf(runId, findings, statesFromRows(stateRows));
}
