/** Webhook endpoints and their delivery log (lib/app/webhooks). */
import type { Db } from "./client";
import { getDb } from "./client";

export interface WebhookEndpointRow {
  id: string;
  organisationId: string;
  url: string;
  secret: string;
  createdBy: string;
  createdAt: Date;
  deletedAt: Date | null;
}

export interface WebhookDeliveryRow {
  id: string;
  endpointId: string;
  organisationId: string;
  eventType: string;
  payloadJson: string;
  status: "pending" | "delivered" | "failed";
  attempts: number;
  lastStatus: number | null;
  lastError: string | null;
  createdAt: Date;
  nextAttemptAt: Date | null;
  deliveredAt: Date | null;
}

export async function insertWebhookEndpoint(row: WebhookEndpointRow, db: Db = getDb()): Promise<void> {
  await db.webhookEndpoint.create({ data: row });
}

/** Active endpoints, newest first. */
export async function listWebhookEndpoints(organisationId: string, db: Db = getDb()): Promise<WebhookEndpointRow[]> {
  return db.webhookEndpoint.findMany({ where: { organisationId, deletedAt: null }, orderBy: { createdAt: "desc" } });
}

export async function getWebhookEndpoint(id: string, db: Db = getDb()): Promise<WebhookEndpointRow | null> {
  return db.webhookEndpoint.findUnique({ where: { id } });
}

/** "deleted" by this call, "already" deleted before, or null when the organisation has no such endpoint. */
export async function deleteWebhookEndpoint(
  options: { organisationId: string; id: string; at: Date },
  db: Db = getDb(),
): Promise<{ result: "deleted" | "already"; url: string } | null> {
  const r = await db.webhookEndpoint.updateMany({
    where: { id: options.id, organisationId: options.organisationId, deletedAt: null },
    data: { deletedAt: options.at },
  });
  const row = await db.webhookEndpoint.findFirst({
    where: { id: options.id, organisationId: options.organisationId },
    select: { url: true },
  });
  return row ? { result: r.count > 0 ? "deleted" : "already", url: row.url } : null;
}

export async function insertWebhookDelivery(row: WebhookDeliveryRow, db: Db = getDb()): Promise<void> {
  await db.webhookDelivery.create({ data: row });
}

export async function getWebhookDelivery(id: string, db: Db = getDb()): Promise<WebhookDeliveryRow | null> {
  return (await db.webhookDelivery.findUnique({ where: { id } })) as WebhookDeliveryRow | null;
}

export async function updateWebhookDelivery(
  id: string,
  data: Partial<
    Pick<WebhookDeliveryRow, "status" | "attempts" | "lastStatus" | "lastError" | "nextAttemptAt" | "deliveredAt">
  >,
  db: Db = getDb(),
): Promise<void> {
  await db.webhookDelivery.update({ where: { id }, data });
}

/**
 * Claims the next attempt of a pending delivery: only one caller (of any instance) wins it, so an attempt is
 * never sent twice at once. The claim moves the due time to `leaseUntil`, so no sweep takes the delivery while the
 * attempt is in flight, and a process that dies mid-attempt leaves it due again once the lease ends.
 * Returns the attempt number, or null when someone else took it, it is not due yet or not pending.
 */
export async function claimWebhookAttempt(
  id: string,
  attempts: number,
  at: { now: Date; leaseUntil: Date },
  db: Db = getDb(),
): Promise<number | null> {
  const r = await db.webhookDelivery.updateMany({
    // Due only: a sweep that listed the delivery just before another attempt failed must not send the retry early.
    where: { id, status: "pending", attempts, OR: [{ nextAttemptAt: null }, { nextAttemptAt: { lte: at.now } }] },
    data: { attempts: attempts + 1, nextAttemptAt: at.leaseUntil },
  });
  return r.count > 0 ? attempts + 1 : null;
}

export async function listWebhookDeliveries(
  organisationId: string,
  limit: number,
  db: Db = getDb(),
): Promise<WebhookDeliveryRow[]> {
  return (await db.webhookDelivery.findMany({
    where: { organisationId },
    orderBy: { createdAt: "desc" },
    take: limit,
  })) as WebhookDeliveryRow[];
}

/** Pending deliveries whose next attempt is due, oldest first (the periodic sweep sends them). */
export async function listDueWebhookDeliveries(now: Date, db: Db = getDb()): Promise<WebhookDeliveryRow[]> {
  return (await db.webhookDelivery.findMany({
    where: { status: "pending", nextAttemptAt: { lte: now } },
    orderBy: { nextAttemptAt: "asc" },
    take: 500,
  })) as WebhookDeliveryRow[];
}
