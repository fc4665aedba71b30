/**
 * "Re-issue" a sign-off link: the token is never stored (only its SHA-256,
 * DESIGN §8), so a link cannot be shown again after it was created. Whoever
 * lost it gets a new link for the same role instead; the old one is revoked in
 * the same step so one role never has two live links by accident. A second
 * click on an already re-issued link is refused (idempotent: no third link).
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import { getSignoffLink } from "../../db/signoff-links";
import { parseInput, type Deps } from "../use-case";
import { issueLink, revokeLink } from "./links";

export const reissueLinkSchema = z.object({ transferId: z.string().min(1), linkId: z.string().min(1) });

export interface ReissueLinkResult {
  token: string;
  linkId: string;
  role: string;
  expiresAt: string;
  replaced: string;
}

export async function reissueLink(actor: Actor | null, input: unknown, options: Deps = {}): Promise<ReissueLinkResult> {
  const { transferId, linkId } = parseInput(reissueLinkSchema, input, "invalid link");
  await requireStaff(actor, transferId, options.db);
  const now = options.now ?? new Date();
  const link = await getSignoffLink(transferId, linkId, options.db);
  if (link === null) throw new AppError("NOT_FOUND", "no such link");
  if (link.revokedAt !== null) throw new AppError("CONFLICT", "this link was already revoked or re-issued");
  await revokeLink(actor, { transferId, linkId }, { db: options.db, now });
  const issued = await issueLink(actor, { transferId, role: link.role }, { db: options.db, now });
  return {
    token: issued.token,
    linkId: issued.linkId,
    role: issued.role,
    expiresAt: issued.expiresAt,
    replaced: linkId,
  };
}
