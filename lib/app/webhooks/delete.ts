import { z } from "zod";
import type { Actor } from "../../auth/actor";
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
  const ok = await deleteWebhookEndpoint(
    { organisationId: staff.organisationId, id: p.data.webhookId, at: options.now ?? new Date() },
    options.db,
  );
  if (!ok) {
    const db = options.db ?? (await import("../../db/client")).getDb();
    const row = await db.webhookEndpoint.findFirst({
      where: { id: p.data.webhookId, organisationId: staff.organisationId },
    });
    if (!row) throw new AppError("NOT_FOUND", "no such webhook");
  }
}
