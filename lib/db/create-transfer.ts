import type { Db } from "./client";
import { getDb } from "./client";
import type { TransferRow } from "./rows";

export interface CreateTransferData {
  domainAscii: string;
  domainUnicode: string;
  losingRegistrar: string;
  gainingRegistrar: string;
  currentDnsOperator: string;
  futureDnsOperator: string;
  dnsHostingMoves: boolean;
  /** Owning organisation; the schema default ("default-org") only serves rows from before accounts. */
  organisationId?: string;
}

export async function createTransfer(data: CreateTransferData, db: Db = getDb()): Promise<TransferRow> {
  return db.transfer.create({ data });
}
