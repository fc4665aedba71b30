/** Revoke a maintainer invite: staff of the owning organisation; another transfer's invite is NOT_FOUND. */
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { recordAudit } from "../../audit/record-audit";
import { revokeMaintainerInvite } from "../../db/maintainer-invites";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";

export async function revokeInvite(
  actor: Actor | null,
  input: { transferId: string; inviteId: string },
  deps: Deps = {},
): Promise<void> {
  const { actor: staff } = await requireStaff(actor, input.transferId, deps.db);
  const at = deps.now ?? new Date();
  if (!(await revokeMaintainerInvite({ transferId: input.transferId, id: input.inviteId, at }, deps.db)))
    throw new AppError("NOT_FOUND", "no such invite");
  await recordAudit(
    {
      type: "invite.revoked",
      transferId: input.transferId,
      at: at.toISOString(),
      actor: auditActor(staff),
      inviteId: input.inviteId,
    },
    deps.db,
  );
}
