// Transfers and their sources: framework-free functions the app calls.
export { createTransfer } from "./create-transfer";
export type { CreateTransferResult } from "./create-transfer";
export { normalizeDomain } from "./domain";
export type { DomainForms } from "./domain";
export { getRecordsTable } from "./get-records-table";
export { getSourceReport } from "./get-source-report";
export type { SourceReport } from "./get-source-report";
export { getTransferOverview } from "./get-transfer-overview";
export type { TransferOverview } from "./get-transfer-overview";
export { importSource } from "./import-source";
export type { ImportSourceResult } from "./import-source";
export { listTransfers } from "../db/list-transfers";
export type { TransferListItem } from "../db/list-transfers";
export type { RecordsTable, RecordsTableRow, RecordsTableSource } from "./records-table";
