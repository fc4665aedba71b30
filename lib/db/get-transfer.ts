import type { Db } from "./client";
import { getDb } from "./client";
import type { TransferRow } from "./rows";

export async function getTransfer(id: string, db: Db = getDb()): Promise<TransferRow | null> {
  return db.transfer.findUnique({ where: { id } });
}
