/** Start-up (instrumentation.ts): audit entries become webhook deliveries; deliveries whose retry was due resume. */
import { onAuditAppended } from "../../audit/listeners";
import type { Db } from "../../db/client";
import { enqueueWebhookEvent, resumeDueDeliveries } from "../webhooks/deliver";
import { notificationFor } from "./from-audit";

const holder = globalThis as unknown as { __cutoverNotifications?: () => void };

export function startNotifications(options: { db?: Db; env?: Record<string, string | undefined> } = {}): () => void {
  holder.__cutoverNotifications?.();
  const off = onAuditAppended(async (event) => {
    const n = await notificationFor(event, options.db);
    if (n) await enqueueWebhookEvent(n, options);
  });
  void resumeDueDeliveries(options).catch(() => undefined);
  holder.__cutoverNotifications = off;
  return off;
}
