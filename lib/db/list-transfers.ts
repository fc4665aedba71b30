import type { Db } from "./client";
import { getDb } from "./client";
import type { TransferRow } from "./rows";

export interface TransferListItem extends TransferRow {
  sourceCount: number;
}

/** Newest first. */
export async function listTransfers(db: Db = getDb()): Promise<TransferListItem[]> {
  const rows = await db.transfer.findMany({
    orderBy: { createdAt: "desc" },
    include: { _count: { select: { sources: true } } },
  });
  return rows.map(({ _count, ...t }) => ({ ...t, sourceCount: _count.sources }));
}
