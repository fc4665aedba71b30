// Repository functions: the only door to the database (DESIGN §2).
export { createDb, getDb } from "./client";
export type { Db } from "./client";
export { createTransfer } from "./create-transfer";
export type { CreateTransferData } from "./create-transfer";
export { getTransfer } from "./get-transfer";
export { listTransfers } from "./list-transfers";
export type { TransferListItem } from "./list-transfers";
export { createSource } from "./create-source";
export type { CreateSourceData } from "./create-source";
export { getSource } from "./get-source";
export { listSources } from "./list-sources";
export { listTransferRecords } from "./list-transfer-records";
export type * from "./rows";
export { listSourceReports } from "./list-source-reports";
