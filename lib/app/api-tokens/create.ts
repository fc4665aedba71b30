/** Staff create an organisation API token in the browser; the token is returned once, to this caller only. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { organisationLogId } from "../../audit/events";
import type { Db } from "../../db/client";
import { insertApiToken, type ApiTokenSummary } from "../../db/api-tokens";
import { recordAudit } from "../../audit/record-audit";
import { requireTokenManager } from "./require-manager";
import { mintToken } from "../../security/capability-tokens";
import { API_TOKEN_PREFIX } from "./authenticate";

export const createApiTokenSchema = z.strictObject({
  name: z
    .string()
    .trim()
    .min(1, "name the token (what uses it)")
    .max(100)
    .regex(/^[^\p{Cc}\p{Cf}]*$/u, "no control characters"),
  scope: z.enum(["read", "write"], { error: "choose read or write" }),
});

export async function createApiToken(
  actor: Actor | null,
  input: unknown,
  options: { db?: Db; now?: Date } = {},
): Promise<{ token: string; apiToken: ApiTokenSummary }> {
  const staff = requireTokenManager(actor);
  const p = createApiTokenSchema.safeParse(input);
  if (!p.success)
    throw new AppError("INVALID", p.error.issues[0]!.message, {
      issues: p.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  const now = options.now ?? new Date();
  const { token, hash } = mintToken(API_TOKEN_PREFIX);
  const row = {
    id: randomUUID(),
    organisationId: staff.organisationId,
    name: p.data.name,
    scope: p.data.scope,
    tokenHash: hash,
    createdByUserId: staff.userId,
    createdByEmail: staff.email,
    createdByName: staff.name || staff.email,
    createdAt: now,
    lastUsedAt: null,
    revokedAt: null,
  };
  await insertApiToken(row, options.db);
  await recordAudit(
    {
      type: "api-token.created",
      transferId: organisationLogId(staff.organisationId),
      at: now.toISOString(),
      actor: auditActor(staff),
      tokenId: row.id,
      name: row.name,
      scope: row.scope,
    },
    options.db,
  );
  const { tokenHash: _hash, ...apiToken } = row;
  return { token, apiToken };
}
