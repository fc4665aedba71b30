import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { organisationLogId } from "../../audit/events";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import { deleteWebhookEndpoint } from "../../db/webhooks";
import { requireTokenManager } from "../api-tokens/require-manager";

export const deleteWebhookSchema = z.strictObject({ webhookId: z.string().min(1).max(100) });

/** Stops deliveries to the endpoint; its delivery log stays. Deleting twice is a no-op; another organisation's is NOT_FOUND. */
export async function deleteWebhook(
  actor: Actor | null,
  input: unknown,
  options: { db?: Db; now?: Date } = {},
): Promise<void> {
  const staff = requireTokenManager(actor);
  const p = deleteWebhookSchema.safeParse(input);
  if (!p.success) throw new AppError("INVALID", "which webhook?");
  const at = options.now ?? new Date();
  const r = await deleteWebhookEndpoint({ organisationId: staff.organisationId, id: p.data.webhookId, at }, options.db);
  if (!r) throw new AppError("NOT_FOUND", "no such webhook");
  if (r.result === "deleted")
    await recordAudit(
      {
        type: "webhook.deleted",
        transferId: organisationLogId(staff.organisationId),
        at: at.toISOString(),
        actor: auditActor(staff),
        webhookId: p.data.webhookId,
        url: r.url,
      },
      options.db,
    );
}
