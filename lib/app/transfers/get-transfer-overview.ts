/** Everything the transfer page shows, in one call (pages do not chain queries). */
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { listSources } from "../../db/list-sources";
import type { SourceRow, TransferRow } from "../../db/rows";
import type { Actor } from "../../auth/actor";
import { requireTransferAccess } from "../../auth/require";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";

export interface TransferOverview {
  transfer: TransferRow;
  sources: SourceRow[];
}

async function loadTransferOverview(id: string, db?: Db): Promise<TransferOverview | null> {
  const [transfer, sources] = await Promise.all([getTransfer(id, db), listSources(id, db)]);
  return transfer ? { transfer, sources } : null;
}

/** Staff of the organisation, or the transfer's invited maintainer. */
export async function getTransferOverview(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<TransferOverview> {
  await requireTransferAccess(actor, input.transferId, "view", deps.db);
  const o = await loadTransferOverview(input.transferId, deps.db);
  if (!o) throw new AppError("NOT_FOUND", "no such transfer");
  return o;
}
