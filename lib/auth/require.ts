/**
 * Authorisation checks every use case in lib/app calls first. Another organisation's transfer and a transfer that does not exist
 * look the same (NOT_FOUND), so ids cannot be probed.
 */
import type { Db } from "../db/client";
import { getTransfer } from "../db/get-transfer";
import type { TransferRow } from "../db/rows";
import type { Actor, MaintainerAction, MaintainerActor, StaffActor } from "./actor";
import { AppError } from "../errors/app-error";

/** Any staff member (no transfer involved: list, create). */
export function requireStaffActor(actor: Actor | null | undefined): StaffActor {
  if (!actor) throw new AppError("UNAUTHENTICATED", "sign in first");
  if (actor.kind !== "staff") throw new AppError("FORBIDDEN", "staff only");
  return actor;
}

/** A staff member of the organisation that owns the transfer. */
export async function requireStaff(
  actor: Actor | null | undefined,
  transferId: string,
  db?: Db,
): Promise<{ actor: StaffActor; transfer: TransferRow }> {
  // An invite for another transfer learns nothing about this one: NOT_FOUND, not FORBIDDEN.
  if (actor?.kind === "maintainer" && actor.transferId !== transferId)
    throw new AppError("NOT_FOUND", "no such transfer");
  const staff = requireStaffActor(actor);
  const transfer = await getTransfer(transferId, db);
  if (!transfer || transfer.organisationId !== staff.organisationId)
    throw new AppError("NOT_FOUND", "no such transfer");
  return { actor: staff, transfer };
}

/** A maintainer whose invite is for this very transfer, doing one of the invite's actions. */
export async function requireMaintainer(
  actor: MaintainerActor,
  transferId: string,
  action: MaintainerAction,
  db?: Db,
): Promise<{ actor: MaintainerActor; transfer: TransferRow }> {
  if (actor.transferId !== transferId) throw new AppError("NOT_FOUND", "no such transfer");
  if (!(["view", "upload", "answer-questions"] as const).includes(action))
    throw new AppError("FORBIDDEN", "not allowed by an invite");
  const transfer = await getTransfer(transferId, db);
  if (!transfer) throw new AppError("NOT_FOUND", "no such transfer");
  return { actor, transfer };
}

/** Staff of the owning organisation, or a maintainer invited to this transfer when `maintainerMay` names the action. */
export async function requireTransferAccess(
  actor: Actor | null | undefined,
  transferId: string,
  maintainerMay: MaintainerAction | null,
  db?: Db,
): Promise<{ actor: Actor; transfer: TransferRow }> {
  if (!actor) throw new AppError("UNAUTHENTICATED", "sign in first");
  if (actor.kind === "staff") return requireStaff(actor, transferId, db);
  if (maintainerMay === null) {
    // Still NOT_FOUND for another transfer: an invite learns nothing about other transfers.
    if (actor.transferId !== transferId) throw new AppError("NOT_FOUND", "no such transfer");
    throw new AppError("FORBIDDEN", "an invite allows uploads and the owner's questions only");
  }
  return requireMaintainer(actor, transferId, maintainerMay, db);
}
