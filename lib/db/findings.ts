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
    select: {
      key: true,
      checkId: true,
      family: true,
      severity: true,
      subject: true,
      message: true,
      remediation: true,
      evidenceJson: true,
    },
  });
}

const SELECT = {
  key: true,
  checkId: true,
  family: true,
  severity: true,
  subject: true,
  message: true,
  remediation: true,
  evidenceJson: true,
} as const;

/** One page of a run's findings of one severity, in catalogue order. */
export async function listFindingsPage(
  runId: string,
  q: { severity: string; offset: number; limit: number },
  db: Db = getDb(),
): Promise<FindingRow[]> {
  return db.finding.findMany({
    where: { runId, severity: q.severity },
    orderBy: { position: "asc" },
    skip: q.offset,
    take: q.limit,
    select: SELECT,
  });
}

/** Findings per severity (GROUP BY in the database). */
export async function countFindings(runId: string, db: Db = getDb()): Promise<Record<string, number>> {
  const rows = await db.finding.groupBy({ by: ["severity"], where: { runId }, _count: { _all: true } });
  return Object.fromEntries(rows.map((r) => [r.severity, r._count._all]));
}

/** Key, family and severity of every finding (no messages or evidence): verdict counts and bulk selection. */
export async function listFindingKeys(
  runId: string,
  db: Db = getDb(),
): Promise<{ key: string; checkId: string; family: string; severity: string; subject: string }[]> {
  return db.finding.findMany({
    where: { runId },
    orderBy: { position: "asc" },
    select: { key: true, checkId: true, family: true, severity: true, subject: true },
  });
}
