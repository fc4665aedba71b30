/** Create and revoke sign-off links. The token is returned once and never stored or logged. */
import { issueSignoffLink, DEFAULT_LINK_TTL_SECONDS } from "./signoff-token";
import { getDb, type Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { getSignoffLink, signoffLinkStore } from "../../db/signoff-links";
import { partyRoleSchema, type PartyRole } from "../../schedule/parties";
import type { AuditActor } from "../../audit/events";
import { SYSTEM_ACTOR, recordAudit } from "../../audit/record-audit";

export type IssueLinkResult = { ok: true; token: string; linkId: string; role: PartyRole; expiresAt: string } | { ok: false; error: "not-found" | "invalid" };

export async function issueLink(options: { transferId: string; role: unknown; ttlSeconds?: number; now?: Date; db?: Db; actor?: AuditActor }): Promise<IssueLinkResult> {
  const db = options.db ?? getDb();
  const role = partyRoleSchema.safeParse(options.role);
  if (!role.success) return { ok: false, error: "invalid" };
  if ((await getTransfer(options.transferId, db)) === null) return { ok: false, error: "not-found" };
  const now = options.now ?? new Date();
  const { token, link } = issueSignoffLink({ transferId: options.transferId, role: role.data, now, ttlSeconds: options.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS });
  await signoffLinkStore(db).insert(link);
  await recordAudit({ type: "link.created", transferId: link.transferId, at: now.toISOString(), actor: options.actor ?? SYSTEM_ACTOR, linkId: link.id, role: link.role, expiresAt: link.expiresAt }, db);
  return { ok: true, token, linkId: link.id, role: link.role, expiresAt: link.expiresAt };
}

export async function revokeLink(options: { transferId: string; linkId: string; now?: Date; db?: Db; actor?: AuditActor }): Promise<{ ok: boolean }> {
  const db = options.db ?? getDb();
  const link = await getSignoffLink(options.transferId, options.linkId, db);
  if (link === null) return { ok: false };
  if (link.revokedAt !== null) return { ok: true };
  const now = options.now ?? new Date();
  await signoffLinkStore(db).revoke({ transferId: options.transferId, id: options.linkId, at: now });
  await recordAudit({ type: "link.revoked", transferId: link.transferId, at: now.toISOString(), actor: options.actor ?? SYSTEM_ACTOR, linkId: link.id, role: link.role }, db);
  return { ok: true };
}
