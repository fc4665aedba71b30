/** Maintenance-window reminders (lib/app/reminders): the windows to look at and the reminders already sent. */
import type { Db } from "./client";
import { getDb } from "./client";
import { isUniqueViolation } from "./unique-violation";

export interface ReminderWindowRow {
  transferId: string;
  organisationId: string;
  domainAscii: string;
  windowStart: Date;
  windowEnd: Date;
  ttlLoweringAt: Date | null;
  /** The latest finished run's stored timing (lib/checks/timing.ts), or null. */
  timingJson: string | null;
}

export interface ReminderDeliveryRow {
  id: string;
  transferId: string;
  kind: string;
  windowStart: Date;
  windowEnd: Date;
  dueAt: Date;
  claimedAt: Date;
  mailStatus: string | null;
  mailError: string | null;
  webhooks: number;
  sentAt: Date | null;
}

/**
 * Windows of transfers that are not archived, that ended after `endedAfter` (a restore reminder comes after the
 * window's end) and start before `startsBefore` (a lowering reminder comes before the start), with the timing their
 * reminders are planned from.
 */
export async function listReminderWindows(
  range: { endedAfter: Date; startsBefore: Date },
  db: Db = getDb(),
): Promise<ReminderWindowRow[]> {
  const schedules = await db.schedule.findMany({
    where: { windowEnd: { gte: range.endedAfter }, windowStart: { lte: range.startsBefore } },
    select: { transferId: true, windowStart: true, windowEnd: true, ttlLoweringAt: true },
    take: 5000,
  });
  if (schedules.length === 0) return [];
  const transfers = await db.transfer.findMany({
    where: { id: { in: schedules.map((s) => s.transferId) }, archive: null },
    select: { id: true, organisationId: true, domainAscii: true },
  });
  const byId = new Map(transfers.map((t) => [t.id, t]));
  const out: ReminderWindowRow[] = [];
  for (const s of schedules) {
    const t = byId.get(s.transferId);
    if (!t) continue;
    out.push({
      ...s,
      organisationId: t.organisationId,
      domainAscii: t.domainAscii,
      timingJson: await latestTimingJson(t.id, db),
    });
  }
  return out;
}

/** The stored timing of the transfer's latest finished run, or null. */
export async function latestTimingJson(transferId: string, db: Db = getDb()): Promise<string | null> {
  const run = await db.run.findFirst({
    where: { transferId, status: "done" },
    orderBy: { createdAt: "desc" },
    select: { timingJson: true },
  });
  return run?.timingJson ?? null;
}

/** Still not archived? (A transfer archived between the listing and the send gets nothing.) */
export async function isTransferActive(transferId: string, db: Db = getDb()): Promise<boolean> {
  return (await db.transfer.count({ where: { id: transferId, archive: null } })) > 0;
}

/**
 * Takes the reminder: true for the one caller whose insert won the unique key (transfer, kind, window), false
 * for everyone else — another sweep of this or any instance already sent it or is sending it.
 */
export async function claimReminder(
  row: Pick<ReminderDeliveryRow, "id" | "transferId" | "kind" | "windowStart" | "windowEnd" | "dueAt" | "claimedAt">,
  db: Db = getDb(),
): Promise<boolean> {
  try {
    await db.reminderDelivery.create({ data: row });
    return true;
  } catch (e) {
    if (isUniqueViolation(e)) return false;
    throw e;
  }
}

export async function finishReminder(
  id: string,
  data: Pick<ReminderDeliveryRow, "mailStatus" | "mailError" | "webhooks" | "sentAt">,
  db: Db = getDb(),
): Promise<void> {
  await db.reminderDelivery.update({ where: { id }, data });
}

export async function listReminderDeliveries(transferId: string, db: Db = getDb()): Promise<ReminderDeliveryRow[]> {
  return db.reminderDelivery.findMany({ where: { transferId }, orderBy: { dueAt: "asc" } });
}
