import type { Db } from "./client";
import { getDb } from "./client";
import type { TransferRecordRow } from "./rows";

/** Every stored record of every source of a transfer, in insertion order per source. */
export async function listTransferRecords(transferId: string, db: Db = getDb()): Promise<TransferRecordRow[]> {
  return db.sourceRecord.findMany({
    where: { source: { transferId } },
    orderBy: { id: "asc" },
    omit: { id: true },
  });
}
