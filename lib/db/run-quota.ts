import type { Db } from "./client";
import { getDb } from "./client";

/** DNS queries sent by an organisation's runs created since `since` (per organisation per hour). */
export async function organisationQueriesSince(organisationId: string, since: Date, db: Db = getDb()): Promise<number> {
  const r = await db.run.aggregate({
    where: { createdAt: { gte: since }, transfer: { organisationId } },
    _sum: { sent: true, planned: true },
  });
  // A run still executing has planned more than it sent: count what it will send.
  return Math.max(r._sum.sent ?? 0, r._sum.planned ?? 0);
}
