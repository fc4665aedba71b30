import type { Db } from "./client";
import { getDb } from "./client";

/** Report JSON of every source of a transfer (for provider records across sources). */
export async function listSourceReports(
  transferId: string,
  db: Db = getDb(),
): Promise<{ id: string; reportJson: string }[]> {
  return db.source.findMany({
    where: { transferId, removal: { is: null } },
    orderBy: [{ createdAt: "asc" }, { id: "asc" }],
    select: { id: true, reportJson: true },
  });
}
