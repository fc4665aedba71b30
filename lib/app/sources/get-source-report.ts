/** One source's import report, checked to belong to the transfer in the URL. */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";
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

/** Staff of the organisation; a source of another transfer is NOT_FOUND like a missing one. */
export async function getSourceReport(
  actor: Actor | null,
  input: { transferId: string; sourceId: string },
  deps: Deps = {},
): Promise<SourceReport> {
  await requireStaff(actor, input.transferId, deps.db);
  const [transfer, source] = await Promise.all([
    getTransfer(input.transferId, deps.db),
    getSource(input.transferId, input.sourceId, deps.db),
  ]);
  if (!transfer || !source) throw new AppError("NOT_FOUND", "no such source");
  const { reportJson, ...rest } = source;
  return { transfer, source: rest, report: parseReport(reportJson) };
}
