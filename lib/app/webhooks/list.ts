import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { listWebhookDeliveries, listWebhookEndpoints, type WebhookDeliveryRow } from "../../db/webhooks";
import { requireTokenManager } from "../api-tokens/require-manager";

export interface WebhookSettings {
  endpoints: { id: string; url: string; createdBy: string; createdAt: Date }[];
  /** Newest first: the delivery log. */
  deliveries: Omit<WebhookDeliveryRow, "payloadJson" | "organisationId">[];
}

/** The organisation's webhooks (never their secrets) and the latest deliveries. Staff only. */
export async function getWebhookSettings(
  actor: Actor | null,
  options: { db?: Db; limit?: number } = {},
): Promise<WebhookSettings> {
  const staff = requireTokenManager(actor);
  const [endpoints, deliveries] = await Promise.all([
    listWebhookEndpoints(staff.organisationId, options.db),
    listWebhookDeliveries(staff.organisationId, options.limit ?? 50, options.db),
  ]);
  return {
    endpoints: endpoints.map(({ id, url, createdBy, createdAt }) => ({ id, url, createdBy, createdAt })),
    deliveries: deliveries.map(({ payloadJson: _p, organisationId: _o, ...d }) => d),
  };
}
