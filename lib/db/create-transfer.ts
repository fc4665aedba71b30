import type { Db } from "./client";
import { getDb } from "./client";
import type { TransferRow } from "./rows";

/** A transfer's columns as stored; the database sets id and times. */
export type CreateTransferData = Omit<TransferRow, "id" | "organisationId" | "createdAt" | "updatedAt"> & {
  /** Owning organisation; the schema default ("default-org") only serves rows from before accounts. */
  organisationId?: string;
};

export async function createTransfer(data: CreateTransferData, db: Db = getDb()): Promise<TransferRow> {
  return db.transfer.create({ data });
}
