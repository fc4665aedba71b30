/**
 * Start-up (instrumentation.ts): audit entries people are told about become webhook deliveries and, for a
 * changed verdict or stale sign-offs, e-mails. Retries that were due and window reminders are the periodic
 * sweep's (sweep.ts).
 */
import { onAuditAppended } from "../../audit/listeners";
import type { Db } from "../../db/client";
import { enqueueWebhookEvent } from "../webhooks/deliver";
import { notificationFor } from "./from-audit";
import { mailEvent } from "./mail";

const holder = globalThis as unknown as { __cutoverNotifications?: () => void };

export function startNotifications(options: { db?: Db; env?: Record<string, string | undefined> } = {}): () => void {
  holder.__cutoverNotifications?.();
  const off = onAuditAppended(async (event) => {
    const n = await notificationFor(event, options.db);
    if (!n) return;
    await Promise.allSettled([enqueueWebhookEvent(n, options), mailEvent(n, options)]);
  });
  holder.__cutoverNotifications = off;
  return off;
}
