/**
 * The dashboard's data for a set of an organisation's transfers in a fixed number of queries (one per table, never one
 * per transfer): the transfers, their newest runs, the findings and states of their last finished runs, schedules,
 * revisions, sign-offs and party edits. lib/app/transfers/list.ts turns these into rows.
 */
import type { Db } from "./client";
import { getDb } from "./client";
import type { TransferRow } from "./rows";
import { isUniqueViolation } from "./unique-violation";

export interface DashboardQuery {
  organisationId: string;
  /** Lowercase fragment of the domain (A-label or Unicode). */
  q?: string;
  registrar?: string;
}

export interface DashboardData {
  transfers: (TransferRow & {
    archivedAt: Date | null;
    sourceCount: number;
    failedSources: number;
    lastSourceAt: Date | null;
    lastRemovalAt: Date | null;
  })[];
  runs: {
    id: string;
    transferId: string;
    status: string;
    createdAt: Date;
    finishedAt: Date | null;
    verdict: string | null;
    blockers: number;
    warnings: number;
  }[];
  findings: { runId: string; key: string; severity: string }[];
  states: { transferId: string; key: string; status: string; updatedAt: Date }[];
  schedules: { transferId: string; windowStart: Date; windowEnd: Date; updatedAt: Date }[];
  revisions: { transferId: string; number: number; digest: string; createdAt: Date }[];
  signoffs: { transferId: string; role: string; decision: string; revisionDigest: string; signedAt: Date }[];
  parties: { transferId: string; updatedAt: Date }[];
}

export async function listDashboard(query: DashboardQuery, db: Db = getDb()): Promise<DashboardData> {
  const q = query.q?.trim().toLowerCase();
  const rows = await db.transfer.findMany({
    where: {
      organisationId: query.organisationId,
      ...(q ? { OR: [{ domainAscii: { contains: q } }, { domainUnicode: { contains: q } }] } : {}),
      ...(query.registrar
        ? { AND: [{ OR: [{ losingRegistrar: query.registrar }, { gainingRegistrar: query.registrar }] }] }
        : {}),
    },
    orderBy: { createdAt: "desc" },
    include: {
      archive: { select: { archivedAt: true } },
      sources: { select: { ok: true, createdAt: true, removal: { select: { removedAt: true } } } },
    },
  });
  const ids = rows.map((r) => r.id);
  const inIds = { transferId: { in: ids } };
  const [runs, schedules, revisions, signoffs, parties, states] = await Promise.all([
    db.run.findMany({
      where: inIds,
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        transferId: true,
        status: true,
        createdAt: true,
        finishedAt: true,
        verdict: true,
        blockers: true,
        warnings: true,
      },
    }),
    db.schedule.findMany({
      where: inIds,
      select: { transferId: true, windowStart: true, windowEnd: true, updatedAt: true },
    }),
    db.checklistRevision.findMany({
      where: inIds,
      orderBy: { number: "desc" },
      select: { transferId: true, number: true, digest: true, createdAt: true },
    }),
    db.signoff.findMany({
      where: inIds,
      select: { transferId: true, role: true, decision: true, revisionDigest: true, signedAt: true },
    }),
    db.party.findMany({ where: inIds, select: { transferId: true, updatedAt: true } }),
    db.findingState.findMany({ where: inIds, select: { transferId: true, key: true, status: true, updatedAt: true } }),
  ]);
  const lastDone = new Map<string, string>();
  for (const r of runs) if (r.status === "done" && !lastDone.has(r.transferId)) lastDone.set(r.transferId, r.id);
  const findings = await db.finding.findMany({
    where: { runId: { in: [...lastDone.values()] } },
    select: { runId: true, key: true, severity: true },
  });
  const max = (ds: (Date | null | undefined)[]) => ds.reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);
  return {
    transfers: rows.map(({ archive, sources, ...t }) => {
      const kept = sources.filter((s) => s.removal === null);
      return {
        ...t,
        archivedAt: archive?.archivedAt ?? null,
        sourceCount: kept.length,
        failedSources: kept.filter((s) => !s.ok).length,
        lastSourceAt: max(kept.map((s) => s.createdAt)),
        lastRemovalAt: max(sources.map((s) => s.removal?.removedAt)),
      };
    }),
    runs,
    findings,
    states,
    schedules,
    revisions,
    signoffs,
    parties,
  };
}

/** How many transfers an organisation has, and the registrars they name (either side) for the filter's choices. */
export async function organisationFacets(
  organisationId: string,
  db: Db = getDb(),
): Promise<{ total: number; registrars: string[] }> {
  const rows = await db.transfer.findMany({
    where: { organisationId },
    select: { losingRegistrar: true, gainingRegistrar: true },
  });
  return {
    total: rows.length,
    registrars: [...new Set(rows.flatMap((r) => [r.losingRegistrar, r.gainingRegistrar]))].sort((a, b) =>
      a.localeCompare(b),
    ),
  };
}

export async function setTransferArchived(
  transferId: string,
  archived: { at: Date; by: string } | null,
  db: Db = getDb(),
): Promise<boolean> {
  if (archived === null) return (await db.transferArchive.deleteMany({ where: { transferId } })).count > 0;
  const existing = await db.transferArchive.findUnique({ where: { transferId } });
  if (existing) return false;
  try {
    await db.transferArchive.create({ data: { transferId, archivedAt: archived.at, archivedBy: archived.by } });
    return true;
  } catch (e) {
    // A concurrent archive (double submit) took the primary key: already archived.
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}
