/** The operations plan of a transfer (DESIGN §6 OPS facts). Plain rows out, never Prisma types. */
import type { Db } from "./client";
import { getDb } from "./client";

export interface OperationsPlanRow {
  transferId: string;
  monitoringPlan: string | null;
  monitoringBy: string | null;
  rollbackSteps: string | null;
  rollbackAssumedSeconds: number | null;
  oldZoneKeptUntil: Date | null;
  dnssecPlan: string | null;
  updatedAt: Date;
}

export async function getOperationsPlanRow(transferId: string, db: Db = getDb()): Promise<OperationsPlanRow | null> {
  return db.operationsPlan.findUnique({ where: { transferId } });
}

export async function saveOperationsPlanRow(
  row: Omit<OperationsPlanRow, "updatedAt">,
  db: Db = getDb(),
): Promise<void> {
  const { transferId, ...data } = row;
  await db.operationsPlan.upsert({ where: { transferId }, create: row, update: data });
}
