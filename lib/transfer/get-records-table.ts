import type { Db } from "../db/client";
import { getTransfer } from "../db/get-transfer";
import { listSources } from "../db/list-sources";
import { listSourceReports } from "../db/list-source-reports";
import { listTransferRecords } from "../db/list-transfer-records";
import { parseReport } from "./parse-report";
import { buildRecordsTable } from "./records-table";
import type { RecordsTable } from "./records-table";

/** null when the transfer does not exist. */
export async function getRecordsTable(transferId: string, db?: Db): Promise<RecordsTable | null> {
  if (!(await getTransfer(transferId, db))) return null;
  const [sources, reports, records] = await Promise.all([
    listSources(transferId, db),
    listSourceReports(transferId, db),
    listTransferRecords(transferId, db),
  ]);
  const providerRecords = new Map(reports.map((r) => [r.id, parseReport(r.reportJson).providerRecords]));
  return buildRecordsTable({ sources: sources.map((s) => ({ id: s.id, label: s.label })), records, providerRecords });
}
