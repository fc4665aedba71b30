/** One source's import report, checked to belong to the transfer in the URL. */
import type { Db } from "../../db/client";
import { getSource } from "../../db/get-source";
import { getTransfer } from "../../db/get-transfer";
import type { SourceRow, TransferRow } from "../../db/rows";
import type { ImportReport } from "../../zone/import/types";
import { parseReport } from "./parse-report";

export interface SourceReport {
  transfer: TransferRow;
  source: SourceRow;
  report: ImportReport;
}

export async function getSourceReport(transferId: string, sourceId: string, db?: Db): Promise<SourceReport | null> {
  const [transfer, source] = await Promise.all([getTransfer(transferId, db), getSource(transferId, sourceId, db)]);
  if (!transfer || !source) return null;
  const { reportJson, ...rest } = source;
  return { transfer, source: rest, report: parseReport(reportJson) };
}
