/** Everything the transfer page shows, in one call (pages do not chain queries). */
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { listSources } from "../../db/list-sources";
import type { SourceRow, TransferRow } from "../../db/rows";

export interface TransferOverview {
  transfer: TransferRow;
  sources: SourceRow[];
}

export async function getTransferOverview(id: string, db?: Db): Promise<TransferOverview | null> {
  const [transfer, sources] = await Promise.all([getTransfer(id, db), listSources(id, db)]);
  return transfer ? { transfer, sources } : null;
}
