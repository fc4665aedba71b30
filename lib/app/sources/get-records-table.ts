/** The merged records of a transfer's sources as a compact table (records-table.ts). Staff of the organisation. */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";
import { getTransfer } from "../../db/get-transfer";
import { listSources } from "../../db/list-sources";
import { listSourceReports } from "../../db/list-source-reports";
import { listTransferRecords } from "../../db/list-transfer-records";
import { parseReport } from "./parse-report";
import { buildRecordsTable } from "./records-table";
import type { RecordsTable, RecordsTableSource } from "./records-table";

// Stored sources never change, so a transfer's table only changes when its
// set of sources does: keep the last few tables keyed by that set. Building
// 100k rows takes about a second; serving a cached one takes none. Promises
// are cached so a request arriving while the table is being built (e.g.
// right after an import warmed it) waits for that build instead of repeating it.
const CACHE_SIZE = 4;
const cache = new Map<string, Promise<RecordsTable>>();

function remember(key: string, table: Promise<RecordsTable>): void {
  cache.delete(key);
  cache.set(key, table);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

async function build(transferId: string, sources: RecordsTableSource[], db?: Db): Promise<RecordsTable> {
  const [reports, records] = await Promise.all([
    listSourceReports(transferId, db),
    listTransferRecords(transferId, db),
  ]);
  const providerRecords = new Map(reports.map((r) => [r.id, parseReport(r.reportJson).providerRecords]));
  return buildRecordsTable({ sources, records, providerRecords });
}

export async function getRecordsTable(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<RecordsTable> {
  await requireStaff(actor, input.transferId, deps.db);
  const table = await cachedTable(input.transferId, deps.db);
  if (!table) throw new AppError("NOT_FOUND", "no such transfer");
  return table;
}

/** Build the table into the cache after an upload (the records page opened next does not wait); nothing is returned. */
export function warmRecordsTable(transferId: string, db?: Db): Promise<void> {
  return cachedTable(transferId, db).then(
    () => undefined,
    () => undefined,
  );
}

/** null when the transfer does not exist. */
async function cachedTable(transferId: string, db?: Db): Promise<RecordsTable | null> {
  const [transfer, sources] = await Promise.all([getTransfer(transferId, db), listSources(transferId, db)]);
  if (!transfer) return null;
  // Ids are cuids, unique across databases, so the key cannot collide between test databases.
  const key = `${transferId}|${sources.map((s) => s.id).join(",")}`;
  let table = cache.get(key);
  if (!table) {
    table = build(
      transferId,
      sources.map((s) => ({ id: s.id, label: s.label })),
      db,
    );
    remember(key, table);
    // A failed build must not stay cached.
    table.catch(() => cache.delete(key));
  }
  return table;
}
