/** Guarded entry points for maintainer invites: staff issue and revoke; the link holder sees its one transfer. */
import { auditActor, type Actor, type MaintainerActor } from "../../auth/actor";
import { recordAudit } from "../../audit/record-audit";
import { AppError } from "../../errors/app-error";
import { listPartyRows } from "../../db/checklist-schedule";
import { currentOwnerAnswers } from "../parties/merge-owner-answers";
import { newInvite, resolveInvite, storeInvite } from "./invite-token";
import { requireMaintainer, requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { listMaintainerInvites, revokeMaintainerInvite, type MaintainerInviteRow } from "../../db/maintainer-invites";
import { listSources } from "../../db/list-sources";
import type { SourceRow, TransferRow } from "../../db/rows";
import { z } from "zod";

const labelSchema = z.string().trim().min(1, "say who the invite is for").max(200);

/** The token is returned once, to this caller only; it is stored nowhere and never logged. */
export async function issueInviteFor(actor: Actor | null, options: { transferId: string; label: unknown; db?: Db; now?: Date; ttlSeconds?: number }): Promise<{ token: string; inviteId: string; expiresAt: Date }> {
  const { actor: staff } = await requireStaff(actor, options.transferId, options.db);
  const label = labelSchema.safeParse(options.label);
  if (!label.success) throw new AppError("INVALID", label.error.issues[0]!.message, { issues: label.error.issues });
  const { token, row } = newInvite({ transferId: options.transferId, label: label.data, createdBy: staff.userId, now: options.now ?? new Date(), ttlSeconds: options.ttlSeconds });
  await storeInvite(row, options.db);
  await recordAudit({ type: "invite.created", transferId: options.transferId, at: row.createdAt.toISOString(), actor: auditActor(staff), inviteId: row.id, label: row.label, expiresAt: row.expiresAt.toISOString() }, options.db);
  return { token, inviteId: row.id, expiresAt: row.expiresAt };
}

export async function revokeInviteFor(actor: Actor | null, options: { transferId: string; inviteId: string; db?: Db; now?: Date }): Promise<void> {
  const { actor: staff } = await requireStaff(actor, options.transferId, options.db);
  const at = options.now ?? new Date();
  if (!(await revokeMaintainerInvite({ transferId: options.transferId, id: options.inviteId, at }, options.db))) throw new AppError("NOT_FOUND", "no such invite");
  await recordAudit({ type: "invite.revoked", transferId: options.transferId, at: at.toISOString(), actor: auditActor(staff), inviteId: options.inviteId }, options.db);
}

export async function listInvitesFor(actor: Actor | null, transferId: string, db?: Db): Promise<Omit<MaintainerInviteRow, "tokenHash">[]> {
  await requireStaff(actor, transferId, db);
  return listMaintainerInvites(transferId, db);
}

export interface InvitePage {
  actor: MaintainerActor;
  transfer: TransferRow;
  sources: SourceRow[];
  expiresAt: Date;
  /** The owner's answers as they stand (staff's entries included), to prefill the form. */
  answers: ReturnType<typeof currentOwnerAnswers>;
}

/** The invite page: resolve the token (wrong/revoked/expired = NOT_FOUND, rate-limited), then its one transfer. */
export async function getInvitePage(options: { token: string; ip?: string; db?: Db; now?: Date }): Promise<InvitePage> {
  const r = await resolveInvite(options);
  if (!r.ok) throw r.error === "rate-limited" ? new AppError("RATE_LIMITED", "too many attempts", { retryAfterSeconds: r.retryAfterSeconds }) : new AppError("NOT_FOUND", "this link is not valid");
  const { transfer } = await requireMaintainer(r.actor, r.actor.transferId, "view", options.db);
  const [sources, parties] = await Promise.all([listSources(transfer.id, options.db), listPartyRows(transfer.id, options.db)]);
  return { actor: r.actor, transfer, sources, expiresAt: r.expiresAt, answers: currentOwnerAnswers(parties.find((p) => p.role === "domain-owner") ?? null) };
}

/** For invite-page server actions: the actor a token stands for, or AppError. */
export async function inviteActor(options: { token: string; ip?: string; db?: Db; now?: Date }): Promise<MaintainerActor> {
  return (await getInvitePage(options)).actor;
}
