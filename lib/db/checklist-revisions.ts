/** Signed checklist revisions: insert-only. */
import type { Db } from "./client";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

export interface RevisionRow {
  transferId: string;
  number: number;
  canonicalJson: string;
  digest: string;
  createdAt: Date;
  signature: string;
  keyId: string;
}

const select = {
  transferId: true,
  number: true,
  canonicalJson: true,
  digest: true,
  createdAt: true,
  signature: true,
  keyId: true,
} as const;

/**
 * Insert a revision; `alsoWrite` (its audit entry) runs in the same
 * transaction, so a process killed between the two leaves neither. false when the number is already taken (a concurrent writer won; the
 * caller rebuilds on the new head) or the audit sequence moved under us
 * (the caller's retry re-reads both).
 */
export async function insertRevisionRow(
  row: RevisionRow,
  db: Db = getDb(),
  alsoWrite?: (tx: Db) => Promise<unknown>,
): Promise<boolean> {
  try {
    await db.$transaction(async (tx) => {
      await tx.checklistRevision.create({ data: row });
      // The transaction client has the model API of Db (lib/db/client.ts).
      if (alsoWrite) await alsoWrite(tx as unknown as Db);
    });
    return true;
  } catch (e) {
    if (isUniqueViolation(e) || (e as { code?: unknown } | null)?.code === "seq-taken") return false;
    throw e;
  }
}

/** Oldest first. */
export async function listRevisionRows(transferId: string, db: Db = getDb()): Promise<RevisionRow[]> {
  return db.checklistRevision.findMany({ where: { transferId }, orderBy: { number: "asc" }, select });
}

export async function latestRevisionRow(transferId: string, db: Db = getDb()): Promise<RevisionRow | null> {
  return db.checklistRevision.findFirst({ where: { transferId }, orderBy: { number: "desc" }, select });
}

export async function getRevisionRow(
  transferId: string,
  number: number,
  db: Db = getDb(),
): Promise<RevisionRow | null> {
  return db.checklistRevision.findUnique({ where: { transferId_number: { transferId, number } }, select });
}

export async function getRevisionRowByDigest(digest: string, db: Db = getDb()): Promise<RevisionRow | null> {
  return db.checklistRevision.findUnique({ where: { digest }, select });
}
