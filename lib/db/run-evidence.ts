/**
 * A run's evidence as rows: one summary per snapshot, one row per server
 * answer (the message bytes as received), one per zone-transfer message and
 * one per diff row. Written in bounded batches and read by page, so neither
 * a 100,000-name run's write nor the run page holds it all at once.
 * Plain row shapes out, never Prisma types.
 */
import type { Db } from "./client";
import { getDb } from "./client";

/** Rows per INSERT: bounded memory per batch, and well under PostgreSQL's 65,535 bind parameters. */
export const EVIDENCE_BATCH = 500;

export type Side = "old" | "new";

/**
 * After each batch, back to the event loop. The SQLite driver runs an INSERT
 * synchronously, so awaiting batch after batch is a chain of microtasks that
 * never reaches the poll phase: the snapshot still querying while the last
 * one is written (execute-run.ts) would get no answer read and no timer
 * fired until every row is in — and Node runs timers before the poll phase,
 * so a query deadline checked after the stall expires answers already
 * waiting in the socket.
 */
const nextTurn = () => new Promise<void>((resolve) => setImmediate(resolve));

export interface RunSnapshotRow {
  side: Side;
  summaryJson: string;
  answers: number;
  answersSha256: string;
}

export interface RunAnswerRow {
  seq: number;
  metaJson: string;
  wire: Uint8Array | null;
  recordsJson: string | null;
}

export interface RunDiffRowData {
  seq: number;
  comparison: string;
  kind: string;
  owner: string;
  type: string;
  explained: boolean;
  rowJson: string;
}

/** Forget what an earlier attempt at this snapshot wrote (a retried write is then the same as one). */
export async function clearRunSide(runId: string, side: Side, db: Db = getDb()): Promise<void> {
  await db.$transaction([
    db.runAnswer.deleteMany({ where: { runId, side } }),
    db.runTransferMessage.deleteMany({ where: { runId, side } }),
    db.runSnapshot.deleteMany({ where: { runId, side } }),
  ]);
}

export async function insertRunAnswers(
  runId: string,
  side: Side,
  rows: readonly RunAnswerRow[],
  db: Db = getDb(),
): Promise<void> {
  if (rows.length === 0) return;
  await db.runAnswer.createMany({
    data: rows.map((r) => ({
      runId,
      side,
      seq: r.seq,
      metaJson: r.metaJson,
      wire: r.wire ? Uint8Array.from(r.wire) : null,
      recordsJson: r.recordsJson,
    })),
  });
  await nextTurn();
}

export async function insertTransferMessages(
  runId: string,
  side: Side,
  rows: readonly { transfer: number; seq: number; wire: Uint8Array }[],
  db: Db = getDb(),
): Promise<void> {
  if (rows.length === 0) return;
  await db.runTransferMessage.createMany({
    data: rows.map((r) => ({ runId, side, transfer: r.transfer, seq: r.seq, wire: Uint8Array.from(r.wire) })),
  });
  await nextTurn();
}

export async function saveRunSnapshot(runId: string, row: RunSnapshotRow, db: Db = getDb()): Promise<void> {
  await db.runSnapshot.upsert({
    where: { runId_side: { runId, side: row.side } },
    create: { runId, ...row },
    update: { summaryJson: row.summaryJson, answers: row.answers, answersSha256: row.answersSha256 },
  });
}

export async function listRunSnapshots(runId: string, db: Db = getDb()): Promise<RunSnapshotRow[]> {
  const rows = await db.runSnapshot.findMany({
    where: { runId },
    orderBy: { side: "desc" },
    select: { side: true, summaryJson: true, answers: true, answersSha256: true },
  });
  return rows.map((r) => ({ ...r, side: r.side as Side }));
}

/** The answers with these indexes (the ones a page of findings cites). */
export async function getRunAnswers(
  runId: string,
  side: Side,
  seqs: readonly number[],
  db: Db = getDb(),
): Promise<RunAnswerRow[]> {
  if (seqs.length === 0) return [];
  const rows = await db.runAnswer.findMany({
    where: { runId, side, seq: { in: [...new Set(seqs)] } },
    select: { seq: true, metaJson: true, wire: true, recordsJson: true },
  });
  return rows.map((r) => ({ ...r, wire: r.wire ? new Uint8Array(r.wire) : null }));
}

/** Every answer of one side in order, a batch at a time (for checks re-reading a stored run). */
export async function* streamRunAnswers(
  runId: string,
  side: Side,
  db: Db = getDb(),
  batch = EVIDENCE_BATCH,
): AsyncGenerator<RunAnswerRow> {
  let after = -1;
  for (;;) {
    const rows = await db.runAnswer.findMany({
      where: { runId, side, seq: { gt: after } },
      orderBy: { seq: "asc" },
      take: batch,
      select: { seq: true, metaJson: true, wire: true, recordsJson: true },
    });
    for (const r of rows) yield { ...r, wire: r.wire ? new Uint8Array(r.wire) : null };
    if (rows.length < batch) return;
    after = rows[rows.length - 1].seq;
  }
}

export async function insertDiffRows(runId: string, rows: readonly RunDiffRowData[], db: Db = getDb()): Promise<void> {
  if (rows.length === 0) return;
  await db.runDiffRow.createMany({ data: rows.map((r) => ({ runId, ...r })) });
  await nextTurn();
}

export async function clearDiffRows(runId: string, db: Db = getDb()): Promise<void> {
  await db.runDiffRow.deleteMany({ where: { runId } });
}

export interface DiffRowQuery {
  only?: "all" | "missing" | "different";
  /** Part of the owner name (matched lowercase). */
  name?: string;
  type?: string;
  comparison?: string;
  hideExplained?: boolean;
  offset: number;
  limit: number;
}

function diffWhere(runId: string, q: Omit<DiffRowQuery, "offset" | "limit">) {
  const name = q.name?.trim().toLowerCase();
  return {
    runId,
    ...(q.only === "missing"
      ? { kind: "missing" }
      : q.only === "different"
        ? { kind: { in: ["rdata", "ttl", "servers"] } }
        : {}),
    ...(name ? { owner: { contains: name } } : {}),
    ...(q.type ? { type: q.type } : {}),
    ...(q.comparison ? { comparison: q.comparison } : {}),
    ...(q.hideExplained ? { explained: false } : {}),
  };
}

/** One page of the diff with the filter applied, the number matching, the run's total and the filter's choices. */
export async function listDiffRows(
  runId: string,
  q: DiffRowQuery,
  db: Db = getDb(),
): Promise<{
  rows: { seq: number; rowJson: string }[];
  matching: number;
  total: number;
  types: string[];
  comparisons: string[];
}> {
  const where = diffWhere(runId, q);
  const [rows, matching, total, types, comparisons] = await Promise.all([
    db.runDiffRow.findMany({
      where,
      orderBy: { seq: "asc" },
      skip: q.offset,
      take: q.limit,
      select: { seq: true, rowJson: true },
    }),
    db.runDiffRow.count({ where }),
    db.runDiffRow.count({ where: { runId } }),
    // GROUP BY in the database: the choices without reading every row.
    db.runDiffRow.groupBy({ by: ["type"], where: { runId } }),
    db.runDiffRow.groupBy({ by: ["comparison"], where: { runId }, _min: { seq: true } }),
  ]);
  return {
    rows,
    matching,
    total,
    types: types.map((t) => t.type).sort(),
    comparisons: comparisons.sort((a, b) => (a._min.seq ?? 0) - (b._min.seq ?? 0)).map((c) => c.comparison),
  };
}
