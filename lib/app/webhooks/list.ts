import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
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
  /** `limit`: how many of the latest deliveries (default 50). */
  input: { limit?: number } = {},
  deps: Deps = {},
): Promise<WebhookSettings> {
  const staff = requireTokenManager(actor);
  const [endpoints, deliveries] = await Promise.all([
    listWebhookEndpoints(staff.organisationId, deps.db),
    listWebhookDeliveries(staff.organisationId, input.limit ?? 50, deps.db),
  ]);
  return {
    endpoints: endpoints.map(({ id, url, createdBy, createdAt }) => ({ id, url, createdBy, createdAt })),
    deliveries: deliveries.map(({ payloadJson: _p, organisationId: _o, ...d }) => d),
  };
}
