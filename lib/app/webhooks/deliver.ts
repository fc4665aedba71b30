/**
 * Webhook deliveries: one JSON POST per event and endpoint, signed (signature.ts), sent through the outbound
 * policy (lib/net/outbound.ts: the operator's private-address scope, the checked address, no redirects), retried
 * with exponential backoff until a 2xx or the last attempt. Every attempt updates the delivery log.
 * A retry is durable: its due time is the delivery row's `nextAttemptAt`, and the periodic notification sweep
 * (lib/app/notifications/sweep.ts) sends every delivery that is due, so a restart or a crash loses none. This
 * process also keeps a timer for its own retries, so a short backoff is not rounded up to the sweep's interval;
 * whichever comes first claims the attempt (claimWebhookAttempt), the other finds it taken.
 *   CUTOVER_WEBHOOK_ATTEMPTS      attempts per delivery (default 6)
 *   CUTOVER_WEBHOOK_BACKOFF_MS    the first retry's delay, doubled each time (default 10,000: 10 s … ~5 min)
 */
import { randomUUID } from "node:crypto";
import type { Db } from "../../db/client";
import {
  claimWebhookAttempt,
  getWebhookDelivery,
  getWebhookEndpoint,
  insertWebhookDelivery,
  listDueWebhookDeliveries,
  listWebhookEndpoints,
  updateWebhookDelivery,
} from "../../db/webhooks";
import { outboundFetch } from "../../net/outbound";
import { operatorPrivateScope } from "../../net/private-scope";
import { SIGNATURE_HEADER, signatureOf } from "./signature";
import { readEnvironment, type Environment } from "../../config/environment";

type Env = Record<string, string | undefined>;

function positive(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

export function webhookLimits(env: Environment = readEnvironment()) {
  return {
    attempts: positive(env.CUTOVER_WEBHOOK_ATTEMPTS, 6),
    backoffMs: positive(env.CUTOVER_WEBHOOK_BACKOFF_MS, 10_000),
  };
}

export interface WebhookEvent {
  /** Unique per event: receivers de-duplicate on it (a retry carries the same id). */
  id: string;
  type: string;
  at: string;
  organisationId: string;
  transfer: { id: string; domain: string } | null;
  data: Record<string, unknown>;
}

/** Queue the event for every active endpoint of its organisation, and send at once. */
export async function enqueueWebhookEvent(
  event: WebhookEvent,
  options: { db?: Db; env?: Env; now?: Date } = {},
): Promise<string[]> {
  const endpoints = await listWebhookEndpoints(event.organisationId, options.db);
  const ids: string[] = [];
  for (const e of endpoints) {
    const id = randomUUID();
    const now = options.now ?? new Date();
    await insertWebhookDelivery(
      {
        id,
        endpointId: e.id,
        organisationId: event.organisationId,
        eventType: event.type,
        payloadJson: JSON.stringify(event),
        status: "pending",
        attempts: 0,
        lastStatus: null,
        lastError: null,
        createdAt: now,
        nextAttemptAt: now,
        deliveredAt: null,
      },
      options.db,
    );
    ids.push(id);
    void attemptDelivery(id, options);
  }
  return ids;
}

/** Longer than an attempt can take (its timeout is 10 s): the attempt's claim on the delivery. */
const ATTEMPT_LEASE_MS = 60_000;

/** One attempt; on failure the next is stored as due (and timed in this process too). */
export async function attemptDelivery(id: string, options: { db?: Db; env?: Env } = {}): Promise<void> {
  const d = await getWebhookDelivery(id, options.db);
  if (!d || d.status !== "pending") return;
  const claimedAt = Date.now();
  const attempt = await claimWebhookAttempt(
    id,
    d.attempts,
    { now: new Date(claimedAt), leaseUntil: new Date(claimedAt + ATTEMPT_LEASE_MS) },
    options.db,
  );
  if (attempt === null) return;
  const endpoint = await getWebhookEndpoint(d.endpointId, options.db);
  const limits = webhookLimits(options.env);
  if (!endpoint || endpoint.deletedAt) {
    await updateWebhookDelivery(
      id,
      { status: "failed", lastError: "the webhook was deleted", nextAttemptAt: null },
      options.db,
    );
    return;
  }
  const body = Buffer.from(d.payloadJson, "utf8");
  let status: number | null = null;
  let error: string | null = null;
  try {
    const res = await outboundFetch(endpoint.url, {
      method: "POST",
      body,
      policy: { allowPrivate: operatorPrivateScope(options.env) },
      redirect: "error",
      maxBytes: 64 * 1024,
      signal: AbortSignal.timeout(10_000),
      headers: {
        "content-type": "application/json",
        "user-agent": "Cutover-Webhook/1",
        [SIGNATURE_HEADER]: signatureOf(endpoint.secret, body),
        "x-cutover-event": d.eventType,
        "x-cutover-delivery": d.id,
      },
    });
    status = res.status;
    if (!res.ok) error = `HTTP ${res.status}`;
  } catch (e) {
    error = (e as Error).message || String(e);
  }
  const now = new Date();
  if (error === null) {
    await updateWebhookDelivery(
      id,
      { status: "delivered", lastStatus: status, lastError: null, deliveredAt: now, nextAttemptAt: null },
      options.db,
    );
    return;
  }
  if (attempt >= limits.attempts) {
    await updateWebhookDelivery(
      id,
      { status: "failed", lastStatus: status, lastError: error, nextAttemptAt: null },
      options.db,
    );
    return;
  }
  const delay = limits.backoffMs * 2 ** (attempt - 1);
  await updateWebhookDelivery(
    id,
    { lastStatus: status, lastError: error, nextAttemptAt: new Date(now.getTime() + delay) },
    options.db,
  );
  setTimeout(() => void attemptDelivery(id, options).catch(() => undefined), delay).unref?.();
}

/**
 * Every delivery whose attempt is due — a retry whose timer died with its process, an attempt whose process died
 * mid-flight — sent now, a few at a time. Resolves when they are done; returns how many were due.
 */
export async function sendDueDeliveries(options: { db?: Db; env?: Env; now?: Date } = {}): Promise<number> {
  const due = await listDueWebhookDeliveries(options.now ?? new Date(), options.db);
  const queue = [...due];
  await Promise.all(
    Array.from({ length: Math.min(8, queue.length) }, async () => {
      for (let d = queue.shift(); d; d = queue.shift()) await attemptDelivery(d.id, options).catch(() => undefined);
    }),
  );
  return due.length;
}
