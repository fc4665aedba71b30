import type { Db } from "../db/client";
import { getTransfer } from "../db/get-transfer";
import { listSources } from "../db/list-sources";
import { listSourceReports } from "../db/list-source-reports";
import { listTransferRecords } from "../db/list-transfer-records";
import { parseReport } from "./parse-report";
import { buildRecordsTable } from "./records-table";
import type { RecordsTable } from "./records-table";

// Stored sources never change, so a transfer's table only changes when its
// set of sources does: keep the last few tables keyed by that set. Building
// 100k rows takes about a second; serving a cached one takes none.
const CACHE_SIZE = 4;
const cache = new Map<string, RecordsTable>();

function remember(key: string, table: RecordsTable): void {
  cache.delete(key);
  cache.set(key, table);
  while (cache.size > CACHE_SIZE) cache.delete(cache.keys().next().value as string);
}

/** null when the transfer does not exist. */
export async function getRecordsTable(transferId: string, db?: Db): Promise<RecordsTable | null> {
  const [transfer, sources] = await Promise.all([getTransfer(transferId, db), listSources(transferId, db)]);
  if (!transfer) return null;
  // Ids are cuids, unique across databases, so the key cannot collide between test databases.
  const key = `${transferId}|${sources.map((s) => s.id).join(",")}`;
  const hit = cache.get(key);
  if (hit) return hit;
  const [reports, records] = await Promise.all([listSourceReports(transferId, db), listTransferRecords(transferId, db)]);
  const providerRecords = new Map(reports.map((r) => [r.id, parseReport(r.reportJson).providerRecords]));
  const table = buildRecordsTable({ sources: sources.map((s) => ({ id: s.id, label: s.label })), records, providerRecords });
  remember(key, table);
  return table;
}
