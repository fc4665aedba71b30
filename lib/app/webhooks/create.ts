/** Staff add a webhook for their organisation; its signing secret is returned once. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { organisationLogId } from "../../audit/events";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import { insertWebhookEndpoint } from "../../db/webhooks";
import { requireTokenManager } from "../api-tokens/require-manager";
import { newWebhookSecret } from "./signature";

export const createWebhookSchema = z.strictObject({
  url: z.url({ protocol: /^https?$/, error: "an http(s) URL" }).max(2000),
});

export async function createWebhook(
  actor: Actor | null,
  input: unknown,
  options: { db?: Db; now?: Date } = {},
): Promise<{ id: string; url: string; secret: string }> {
  const staff = requireTokenManager(actor);
  const p = createWebhookSchema.safeParse(input);
  if (!p.success) throw new AppError("INVALID", p.error.issues[0]!.message, { issues: p.error.issues });
  const row = {
    id: randomUUID(),
    organisationId: staff.organisationId,
    url: p.data.url,
    secret: newWebhookSecret(),
    createdBy: staff.email,
    createdAt: options.now ?? new Date(),
    deletedAt: null,
  };
  await insertWebhookEndpoint(row, options.db);
  await recordAudit(
    {
      type: "webhook.created",
      transferId: organisationLogId(staff.organisationId),
      at: row.createdAt.toISOString(),
      actor: auditActor(staff),
      webhookId: row.id,
      url: row.url,
    },
    options.db,
  );
  return { id: row.id, url: row.url, secret: row.secret };
}
