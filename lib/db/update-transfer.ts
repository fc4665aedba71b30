import type { Db } from "./client";
import { getDb } from "./client";

/** The owner's answer to "does DNS hosting move?" (DESIGN §1: asked explicitly, never defaulted). */
export async function setDnsHostingMoves(transferId: string, value: boolean, db: Db = getDb()): Promise<void> {
  await db.transfer.update({ where: { id: transferId }, data: { dnsHostingMoves: value } });
}

export interface TransferFacts {
  losingRegistrar: string;
  gainingRegistrar: string;
  currentDnsOperator: string;
  futureDnsOperator: string;
  dnsHostingMoves: boolean;
}

/** The editable facts (the domain is the transfer's identity and never changes). */
export async function updateTransferFacts(transferId: string, facts: TransferFacts, db: Db = getDb()): Promise<void> {
  await db.transfer.update({ where: { id: transferId }, data: facts });
}
