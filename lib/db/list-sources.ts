import type { Db } from "./client";
import { getDb } from "./client";
import type { SourceRow } from "./rows";

/** Sources of one transfer in import order, without their (large) reports. */
export async function listSources(transferId: string, db: Db = getDb()): Promise<SourceRow[]> {
  const rows = await db.source.findMany({
    where: { transferId },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    omit: { reportJson: true },
    include: { files: { select: { name: true, sha256: true, bytes: true }, orderBy: { id: "asc" } } },
  });
  return rows;
}
