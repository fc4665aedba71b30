/**
 * Create and revoke sign-off links: staff of the owning organisation, named in the audit entry. The token is
 * returned once and never stored or logged.
 */
import { z } from "zod";
import { auditActor, type Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { recordAudit } from "../../audit/record-audit";
import { getDb, type Db } from "../../db/client";
import { getSignoffLink, signoffLinkStore } from "../../db/signoff-links";
import { AppError } from "../../errors/app-error";
import { partyRoleSchema, type PartyRole } from "../../schedule/parties";
import { parseInput, type Deps } from "../use-case";
import { DEFAULT_LINK_TTL_SECONDS, issueSignoffLink } from "./signoff-token";

export const issueLinkSchema = z.object({ role: partyRoleSchema });

export interface IssueLinkResult {
  token: string;
  linkId: string;
  role: PartyRole;
  expiresAt: string;
}

export async function issueLink(
  actor: Actor | null,
  input: { transferId: string; role: unknown },
  deps: Deps & { ttlSeconds?: number } = {},
): Promise<IssueLinkResult> {
  const db: Db = deps.db ?? getDb();
  const { actor: staff } = await requireStaff(actor, input.transferId, db);
  const { role } = parseInput(issueLinkSchema, { role: input.role }, "no such role");
  const now = deps.now ?? new Date();
  const { token, link } = issueSignoffLink({
    transferId: input.transferId,
    role,
    now,
    ttlSeconds: deps.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS,
  });
  await signoffLinkStore(db).insert(link);
  await recordAudit(
    {
      type: "link.created",
      transferId: link.transferId,
      at: now.toISOString(),
      actor: auditActor(staff),
      linkId: link.id,
      role: link.role,
      expiresAt: link.expiresAt,
    },
    db,
  );
  return { token, linkId: link.id, role: link.role, expiresAt: link.expiresAt };
}

/** Revoking a revoked link again changes nothing; another transfer's link is NOT_FOUND. */
export async function revokeLink(
  actor: Actor | null,
  input: { transferId: string; linkId: string },
  deps: Deps = {},
): Promise<void> {
  const db: Db = deps.db ?? getDb();
  const { actor: staff } = await requireStaff(actor, input.transferId, db);
  const link = await getSignoffLink(input.transferId, input.linkId, db);
  if (link === null) throw new AppError("NOT_FOUND", "no such link");
  if (link.revokedAt !== null) return;
  const now = deps.now ?? new Date();
  await signoffLinkStore(db).revoke({ transferId: input.transferId, id: input.linkId, at: now });
  await recordAudit(
    {
      type: "link.revoked",
      transferId: link.transferId,
      at: now.toISOString(),
      actor: auditActor(staff),
      linkId: link.id,
      role: link.role,
    },
    db,
  );
}
