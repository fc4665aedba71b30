import type { Db } from "./client";
import { getDb } from "./client";
import type { SourceWithReportRow } from "./rows";

/** A source with its report, only when it belongs to `transferId` (ids in URLs are checked together). */
export async function getSource(
  transferId: string,
  sourceId: string,
  db: Db = getDb(),
): Promise<SourceWithReportRow | null> {
  return db.source.findFirst({
    where: { id: sourceId, transferId },
    include: { files: { select: { name: true, sha256: true, bytes: true }, orderBy: { id: "asc" } } },
  });
}
