/** Findings of a run, in catalogue order. */
import type { Db } from "./client";
import { getDb } from "./client";

export interface FindingRow {
  key: string;
  checkId: string;
  family: string;
  severity: string;
  subject: string;
  message: string;
  remediation: string;
  evidenceJson: string;
}

/** Store the result of a run in one transaction: findings plus the run's final fields. */
export async function saveFindings(runId: string, findings: readonly FindingRow[], db: Db = getDb()): Promise<void> {
  await db.$transaction([
    db.finding.deleteMany({ where: { runId } }),
    db.finding.createMany({ data: findings.map((f, position) => ({ ...f, runId, position })) }),
  ]);
}

export async function listFindings(runId: string, db: Db = getDb()): Promise<FindingRow[]> {
  return db.finding.findMany({
    where: { runId },
    orderBy: { position: "asc" },
    select: { key: true, checkId: true, family: true, severity: true, subject: true, message: true, remediation: true, evidenceJson: true },
  });
}
