import type { Db } from "./client";
import { dialectOfDb, getDb } from "./client";
import { placeholder } from "./dialect";
import type { TransferRecordRow } from "./rows";

// Raw SQL: findMany maps every row through the query compiler and takes about
// twice as long for the 100k rows the records table must handle.
const sql = (
  p: string,
) => `SELECT r."sourceId", r."ownerText", r."ownerKey", r."ttl", r."class", r."type", r."rdataHex", r."rdataText", r."file", r."line"
FROM "SourceRecord" r JOIN "Source" s ON s."id" = r."sourceId"
WHERE s."transferId" = ${p} AND NOT EXISTS (SELECT 1 FROM "SourceRemoval" x WHERE x."sourceId" = s."id") ORDER BY r."id"`;

/** Every stored record of every source of a transfer, in insertion order per source. */
export async function listTransferRecords(transferId: string, db: Db = getDb()): Promise<TransferRecordRow[]> {
  const rows = await db.$queryRawUnsafe<TransferRecordRow[]>(sql(placeholder(dialectOfDb(db), 1)), transferId);
  // SQLite integers may arrive as bigint depending on the driver settings (PostgreSQL int4 arrives as number).
  for (const r of rows) {
    if (typeof r.ttl !== "number") r.ttl = Number(r.ttl);
    if (typeof r.class !== "number") r.class = Number(r.class);
    if (typeof r.type !== "number") r.type = Number(r.type);
    if (typeof r.line !== "number") r.line = Number(r.line);
  }
  return rows;
}
