/** Staff revoke a token of their organisation; revoking twice is a no-op (one audit entry). */
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { organisationLogId } from "../../audit/events";
import type { Db } from "../../db/client";
import { revokeApiToken as revokeRow } from "../../db/api-tokens";
import { recordAudit } from "../../audit/record-audit";
import { requireTokenManager } from "./require-manager";

export const revokeApiTokenSchema = z.strictObject({ tokenId: z.string().min(1).max(100) });

export async function revokeApiToken(
  actor: Actor | null,
  input: unknown,
  options: { db?: Db; now?: Date } = {},
): Promise<{ revoked: boolean }> {
  const staff = requireTokenManager(actor);
  const p = revokeApiTokenSchema.safeParse(input);
  if (!p.success) throw new AppError("INVALID", "which token?", { issues: p.error.issues });
  const at = options.now ?? new Date();
  const r = await revokeRow({ organisationId: staff.organisationId, id: p.data.tokenId, at }, options.db);
  // Another organisation's token id answers like a missing one.
  if (!r) throw new AppError("NOT_FOUND", "no such token");
  if (r.result === "already") return { revoked: false };
  await recordAudit(
    {
      type: "api-token.revoked",
      transferId: organisationLogId(staff.organisationId),
      at: at.toISOString(),
      actor: auditActor(staff),
      tokenId: p.data.tokenId,
      name: r.name,
    },
    options.db,
  );
  return { revoked: true };
}
