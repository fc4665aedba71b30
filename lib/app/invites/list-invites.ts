/** A transfer's maintainer invites, without their token hashes. Staff of the owning organisation. */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { listMaintainerInvites, type MaintainerInviteRow } from "../../db/maintainer-invites";
import type { Deps } from "../use-case";

export async function listInvites(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<Omit<MaintainerInviteRow, "tokenHash">[]> {
  await requireStaff(actor, input.transferId, deps.db);
  return listMaintainerInvites(input.transferId, deps.db);
}
