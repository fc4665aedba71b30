import type { Db } from "./client";
import { getDb } from "./client";
import type { SourceRow } from "./rows";

/** Sources of one transfer in import order, without their (large) reports. */
export async function listSources(transferId: string, db: Db = getDb()): Promise<SourceRow[]> {
  const rows = await db.source.findMany({
    // A removed source keeps its row for the audit trail (SourceRemoval) but is no longer part of the transfer.
    where: { transferId, removal: { is: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    omit: { reportJson: true },
    include: { files: { select: { name: true, sha256: true, bytes: true }, orderBy: { id: "asc" } } },
  });
  return rows;
}
