import type { Db } from "./client";
import { dialectOfDb, getDb } from "./client";
import { placeholder, type Dialect } from "./dialect";
import type { SourceRecordRow, SourceRow, SourceWithReportRow } from "./rows";

/** A source as stored with its report and records; the database sets id and time, the record count is counted. */
export type CreateSourceData = Omit<SourceWithReportRow, "id" | "createdAt" | "recordCount"> & {
  records: SourceRecordRow[];
};

// SQLite allows 32,766 bound variables per statement, PostgreSQL 65,535; 10 columns x 2,000 rows stays under both.
const CHUNK = 2000;
const COLUMNS = 10;
const INSERT_RECORDS =
  'INSERT INTO "SourceRecord" ("sourceId","ownerText","ownerKey","ttl","class","type","rdataHex","rdataText","file","line") VALUES';

/** `(?,…),(?,…)` for SQLite, `($1,…,$10),($11,…)` for PostgreSQL. */
function valuesList(dialect: Dialect, rows: number): string {
  const out: string[] = [];
  for (let r = 0; r < rows; r++) {
    const cells: string[] = [];
    for (let c = 1; c <= COLUMNS; c++) cells.push(placeholder(dialect, r * COLUMNS + c));
    out.push(`(${cells.join(",")})`);
  }
  return out.join(",");
}

/**
 * One transaction for the source, its files and all its records, so a failed
 * import leaves nothing behind and 100k records insert in one commit.
 * `alsoWrite` (the source's audit entries) runs in the same transaction, so a
 * crash between the two leaves neither; a lost race for the
 * audit sequence ("seq-taken") rolls everything back and the import is retried.
 */
export async function createSource(
  data: CreateSourceData,
  db: Db = getDb(),
  alsoWrite?: (tx: Db, source: SourceRow) => Promise<unknown>,
): Promise<SourceRow> {
  for (let attempt = 1; ; attempt++) {
    try {
      return await createSourceOnce(data, db, alsoWrite);
    } catch (e) {
      if (attempt >= 5 || (e as { code?: unknown } | null)?.code !== "seq-taken") throw e;
    }
  }
}

async function createSourceOnce(
  data: CreateSourceData,
  db: Db,
  alsoWrite?: (tx: Db, source: SourceRow) => Promise<unknown>,
): Promise<SourceRow> {
  const { files, records, ...source } = data;
  const dialect = dialectOfDb(db);
  return db.$transaction(
    async (tx) => {
      const created = await tx.source.create({
        data: { ...source, recordCount: records.length, files: { create: files } },
        include: { files: { select: { name: true, sha256: true, bytes: true }, orderBy: { id: "asc" } } },
      });
      // Raw multi-row INSERTs: createMany goes through the query compiler per
      // row and takes ~30 s for 100k records; this takes about a second.
      for (let i = 0; i < records.length; i += CHUNK) {
        const chunk = records.slice(i, i + CHUNK);
        const params: (string | number)[] = [];
        for (const r of chunk) {
          params.push(
            created.id,
            r.ownerText,
            r.ownerKey,
            r.ttl,
            r.class,
            r.type,
            r.rdataHex,
            r.rdataText,
            r.file,
            r.line,
          );
        }
        await tx.$executeRawUnsafe(`${INSERT_RECORDS} ${valuesList(dialect, chunk.length)}`, ...params);
        // The SQLite driver is synchronous: without a turn of the event loop per chunk, a large import starves every other request.
        await new Promise((resolve) => setImmediate(resolve));
      }
      const { reportJson: _omit, ...row } = created;
      void _omit;
      // The transaction client has the model API of Db (lib/db/client.ts).
      if (alsoWrite) await alsoWrite(tx as unknown as Db, row);
      return row;
    },
    { timeout: 120_000, maxWait: 10_000 },
  );
}
