import type { Db } from "./client";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

export interface SourceRemovalRow {
  sourceId: string;
  transferId: string;
  removedAt: Date;
  removedBy: string;
  reason: string;
  replacedById: string | null;
  label: string;
}

/** Marks a source removed; false when it already was (a double submit, or another staff member first). */
export async function insertSourceRemoval(data: Omit<SourceRemovalRow, "label">, db: Db = getDb()): Promise<boolean> {
  try {
    await db.sourceRemoval.create({ data });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

/** Removed sources of a transfer, newest first, with the label they had. */
export async function listSourceRemovals(transferId: string, db: Db = getDb()): Promise<SourceRemovalRow[]> {
  const rows = await db.sourceRemoval.findMany({
    where: { transferId },
    orderBy: { removedAt: "desc" },
    include: { source: { select: { label: true } } },
  });
  return rows.map(({ source, ...r }) => ({ ...r, label: source.label }));
}
