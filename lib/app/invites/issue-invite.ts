/** Issue a maintainer invite (invite-token.ts): staff of the owning organisation, named in the audit entry. */
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { recordAudit } from "../../audit/record-audit";
import { parseInput, type Deps } from "../use-case";
import { newInvite, storeInvite } from "./invite-token";

export const issueInviteSchema = z.object({ label: z.string().trim().min(1, "say who the invite is for").max(200) });

export interface IssuedInvite {
  token: string;
  inviteId: string;
  expiresAt: Date;
}

/** The token is returned once, to this caller only; it is stored nowhere and never logged. */
export async function issueInvite(
  actor: Actor | null,
  input: { transferId: string; label: unknown },
  deps: Deps & { ttlSeconds?: number } = {},
): Promise<IssuedInvite> {
  const { actor: staff } = await requireStaff(actor, input.transferId, deps.db);
  const { label } = parseInput(issueInviteSchema, { label: input.label });
  const { token, row } = newInvite({
    transferId: input.transferId,
    label,
    createdBy: staff.userId,
    now: deps.now ?? new Date(),
    ttlSeconds: deps.ttlSeconds,
  });
  await storeInvite(row, deps.db);
  await recordAudit(
    {
      type: "invite.created",
      transferId: input.transferId,
      at: row.createdAt.toISOString(),
      actor: auditActor(staff),
      inviteId: row.id,
      label: row.label,
      expiresAt: row.expiresAt.toISOString(),
    },
    deps.db,
  );
  return { token, inviteId: row.id, expiresAt: row.expiresAt };
}
