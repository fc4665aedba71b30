/** Portfolios, their members and their queued member checks. Plain rows out, never Prisma types. */
import type { Db } from "./client";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

export interface PortfolioRow {
  id: string;
  organisationId: string;
  name: string;
  losingRegistrar: string | null;
  gainingRegistrar: string | null;
  currentDnsOperator: string | null;
  futureDnsOperator: string | null;
  dnsHostingMoves: boolean | null;
  newNameServers: string;
  createKey: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface PortfolioMemberRow {
  transferId: string;
  position: number;
  newNameServers: string;
}

export interface PortfolioRunRow {
  id: string;
  portfolioId: string;
  transferId: string;
  status: string;
  operatorsJson: string;
  inputJson: string;
  runId: string | null;
  error: string | null;
  createdAt: Date;
  startedAt: Date | null;
}

export type NewPortfolio = Omit<PortfolioRow, "id" | "createdAt" | "updatedAt">;

/** The existing row when `createKey` was used already (a repeated submit), else a new one. */
export async function insertPortfolio(
  data: NewPortfolio,
  db: Db = getDb(),
): Promise<{ row: PortfolioRow; created: boolean }> {
  try {
    return { row: await db.portfolio.create({ data }), created: true };
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    const row = await db.portfolio.findUnique({ where: { createKey: data.createKey } });
    if (!row) throw e;
    return { row, created: false };
  }
}

export async function getPortfolioRow(id: string, db: Db = getDb()): Promise<PortfolioRow | null> {
  return db.portfolio.findUnique({ where: { id } });
}

export async function listPortfolioRows(
  organisationId: string,
  db: Db = getDb(),
): Promise<(PortfolioRow & { memberCount: number })[]> {
  const rows = await db.portfolio.findMany({
    where: { organisationId },
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { members: true } } },
  });
  return rows.map(({ _count, ...r }) => ({ ...r, memberCount: _count.members }));
}

export async function updatePortfolioFacts(
  id: string,
  data: Partial<
    Pick<
      PortfolioRow,
      | "losingRegistrar"
      | "gainingRegistrar"
      | "currentDnsOperator"
      | "futureDnsOperator"
      | "dnsHostingMoves"
      | "newNameServers"
    >
  >,
  db: Db = getDb(),
): Promise<void> {
  await db.portfolio.update({ where: { id }, data });
}

/** Idempotent: a member already in the portfolio stays as it is. */
export async function addPortfolioMember(
  portfolioId: string,
  member: PortfolioMemberRow,
  db: Db = getDb(),
): Promise<void> {
  await db.portfolioTransfer.upsert({
    where: { portfolioId_transferId: { portfolioId, transferId: member.transferId } },
    create: { portfolioId, ...member },
    update: {},
  });
}

export async function listPortfolioMembers(portfolioId: string, db: Db = getDb()): Promise<PortfolioMemberRow[]> {
  return db.portfolioTransfer.findMany({
    where: { portfolioId },
    orderBy: { position: "asc" },
    select: { transferId: true, position: true, newNameServers: true },
  });
}

/** Queue checks for members that have none waiting or running; returns how many were queued. */
export async function queuePortfolioRuns(
  portfolioId: string,
  runs: { transferId: string; operatorsJson: string; inputJson: string }[],
  db: Db = getDb(),
): Promise<number> {
  return db.$transaction(async (tx) => {
    // A member waiting for its turn, or whose check is still running, is not queued again.
    const waiting = await tx.portfolioRun.findMany({
      where: { portfolioId, status: { in: ["queued", "starting", "started"] } },
      select: { transferId: true, status: true, runId: true },
    });
    const runIds = waiting.flatMap((w) => (w.status === "started" && w.runId ? [w.runId] : []));
    const live = new Set(
      (
        await tx.run.findMany({
          where: { id: { in: runIds }, status: { in: ["queued", "running"] } },
          select: { id: true },
        })
      ).map((r) => r.id),
    );
    const skip = new Set(
      waiting.filter((w) => w.status !== "started" || (w.runId && live.has(w.runId))).map((w) => w.transferId),
    );
    const fresh = runs.filter((r) => !skip.has(r.transferId));
    if (fresh.length > 0)
      await tx.portfolioRun.createMany({ data: fresh.map((r) => ({ portfolioId, status: "queued", ...r })) });
    return fresh.length;
  });
}

export async function listPortfolioRuns(
  portfolioId: string,
  statuses: readonly string[],
  db: Db = getDb(),
): Promise<PortfolioRunRow[]> {
  return db.portfolioRun.findMany({
    where: { portfolioId, status: { in: [...statuses] } },
    orderBy: { createdAt: "asc" },
  });
}

/** Claim a queued entry (only one caller wins), before its run is started. */
export async function claimPortfolioRun(id: string, at: Date, db: Db = getDb()): Promise<boolean> {
  const r = await db.portfolioRun.updateMany({
    where: { id, status: "queued" },
    data: { status: "starting", startedAt: at },
  });
  return r.count === 1;
}

export async function settlePortfolioRun(
  id: string,
  data: { status: "started"; runId: string } | { status: "failed"; error: string },
  db: Db = getDb(),
): Promise<void> {
  await db.portfolioRun.update({ where: { id }, data });
}

/** Status of runs by id (the Run rows the started entries point to). */
export async function runStatuses(runIds: readonly string[], db: Db = getDb()): Promise<Map<string, string>> {
  if (runIds.length === 0) return new Map();
  const rows = await db.run.findMany({ where: { id: { in: [...runIds] } }, select: { id: true, status: true } });
  return new Map(rows.map((r) => [r.id, r.status]));
}

export interface MemberStateRow {
  transferId: string;
  sources: number;
  runs: {
    id: string;
    status: string;
    verdict: string | null;
    blockers: number;
    warnings: number;
    createdAt: Date;
    finishedAt: Date | null;
    error: string | null;
  }[];
  window: { start: Date; end: Date; timeZone: string } | null;
  revisions: number;
}

/** What the portfolio table shows per member, in a few queries for all members together. */
export async function memberStates(
  transferIds: readonly string[],
  db: Db = getDb(),
): Promise<Map<string, MemberStateRow>> {
  const ids = [...transferIds];
  const [sources, runs, schedules, revisions] = await Promise.all([
    db.source.groupBy({ by: ["transferId"], where: { transferId: { in: ids } }, _count: { _all: true } }),
    db.run.findMany({
      where: { transferId: { in: ids } },
      orderBy: { createdAt: "desc" },
      select: {
        id: true,
        transferId: true,
        status: true,
        verdict: true,
        blockers: true,
        warnings: true,
        createdAt: true,
        finishedAt: true,
        error: true,
      },
    }),
    db.schedule.findMany({ where: { transferId: { in: ids } } }),
    db.checklistRevision.groupBy({ by: ["transferId"], where: { transferId: { in: ids } }, _count: { _all: true } }),
  ]);
  const out = new Map<string, MemberStateRow>(
    ids.map((id) => [id, { transferId: id, sources: 0, runs: [], window: null, revisions: 0 }]),
  );
  for (const s of sources) out.get(s.transferId)!.sources = s._count._all;
  for (const { transferId, ...r } of runs) out.get(transferId)?.runs.push(r);
  for (const s of schedules)
    out.get(s.transferId)!.window = { start: s.windowStart, end: s.windowEnd, timeZone: s.timeZone };
  for (const r of revisions) out.get(r.transferId)!.revisions = r._count._all;
  return out;
}

export async function getTransfersByIds(ids: readonly string[], db: Db = getDb()) {
  return db.transfer.findMany({ where: { id: { in: [...ids] } } });
}

/** The shared facts written onto one member transfer. */
export async function updateTransferFacts(
  transferId: string,
  data: Partial<{
    losingRegistrar: string;
    gainingRegistrar: string;
    currentDnsOperator: string;
    futureDnsOperator: string;
    dnsHostingMoves: boolean;
  }>,
  db: Db = getDb(),
): Promise<void> {
  await db.transfer.update({ where: { id: transferId }, data });
}

/** Run `f` in one interactive transaction (a whole portfolio is created, or nothing). */
export async function inTransaction<T>(f: (tx: Db) => Promise<T>, db: Db = getDb(), timeoutMs = 120_000): Promise<T> {
  return db.$transaction(async (txc) => f(txc as unknown as Db), { timeout: timeoutMs, maxWait: timeoutMs });
}

/** Give a claim back (its run could not be started by this caller). */
export async function requeuePortfolioRun(id: string, db: Db = getDb()): Promise<void> {
  await db.portfolioRun.updateMany({ where: { id, status: "starting" }, data: { status: "queued", startedAt: null } });
}
