/** Idempotency keys of API POSTs (lib/app/transfers/create-transfer-idempotent.ts). */
import type { Db } from "./client";
import { getDb } from "./client";

export interface IdempotencyKeyRow {
  organisationId: string;
  operation: string;
  key: string;
  requestHash: string;
  resultJson: string | null;
  createdAt: Date;
}

/** Inserts the key; a unique violation (P2002) means another request holds it. */
export async function insertIdempotencyKey(row: IdempotencyKeyRow, db: Db = getDb()): Promise<void> {
  await db.idempotencyKey.create({ data: row });
}

/**
 * Takes over a key created before `cutoff` (expired) for a new request: overwrites its hash, result and creation
 * time. false: the key is not expired (any more) — another request took it over first — or is gone.
 */
export async function replaceExpiredIdempotencyKey(
  row: IdempotencyKeyRow,
  cutoff: Date,
  db: Db = getDb(),
): Promise<boolean> {
  const { organisationId, operation, key, ...data } = row;
  const r = await db.idempotencyKey.updateMany({
    where: { organisationId, operation, key, createdAt: { lt: cutoff } },
    data,
  });
  return r.count > 0;
}

export async function setIdempotencyResult(
  k: Pick<IdempotencyKeyRow, "organisationId" | "operation" | "key">,
  resultJson: string,
  db: Db = getDb(),
): Promise<void> {
  await db.idempotencyKey.update({ where: { organisationId_operation_key: k }, data: { resultJson } });
}

export async function getIdempotencyKey(
  k: Pick<IdempotencyKeyRow, "organisationId" | "operation" | "key">,
  db: Db = getDb(),
): Promise<IdempotencyKeyRow | null> {
  return db.idempotencyKey.findUnique({ where: { organisationId_operation_key: k } });
}

/** Deletes the keys created before `cutoff` (expired); returns how many. */
export async function deleteIdempotencyKeysBefore(cutoff: Date, db: Db = getDb()): Promise<number> {
  return (await db.idempotencyKey.deleteMany({ where: { createdAt: { lt: cutoff } } })).count;
}
