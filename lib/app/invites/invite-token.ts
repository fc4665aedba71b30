/**
 * Maintainer invites: a capability link to ONE transfer that allows uploading sources and answering the owner's
 * questions, nothing else. The token is minted and checked like every capability (lib/security/capability-tokens.ts:
 * 256 random bits, only the SHA-256 stored, constant-time compare, expiry, revocation); use is rate-limited per
 * client address (lib/security/rate-limits.ts); wrong, revoked and expired all look NOT_FOUND.
 */
import { randomUUID } from "node:crypto";
import type { MaintainerActor } from "../../auth/actor";
import type { Db } from "../../db/client";
import {
  findMaintainerInviteByHash,
  insertMaintainerInvite,
  type MaintainerInviteRow,
} from "../../db/maintainer-invites";
import { AppError } from "../../errors/app-error";
import { capabilityLive, lookupHash, mintToken, sameHash } from "../../security/capability-tokens";
import { capabilityRateLimiter, spendAttempt, type RateLimiter } from "../../security/rate-limits";

export const DEFAULT_INVITE_TTL_SECONDS = 30 * 86_400;

export function newInvite(options: {
  transferId: string;
  label: string;
  createdBy: string;
  now: Date;
  ttlSeconds?: number;
}): { token: string; row: MaintainerInviteRow } {
  const { token, hash } = mintToken();
  return {
    token,
    row: {
      id: randomUUID(),
      transferId: options.transferId,
      label: options.label,
      tokenHash: hash,
      createdBy: options.createdBy,
      createdAt: options.now,
      expiresAt: new Date(options.now.getTime() + (options.ttlSeconds ?? DEFAULT_INVITE_TTL_SECONDS) * 1000),
      revokedAt: null,
    },
  };
}

export async function storeInvite(row: MaintainerInviteRow, db?: Db): Promise<void> {
  await insertMaintainerInvite(row, db);
}

export interface ResolvedInvite {
  actor: MaintainerActor;
  expiresAt: Date;
}

/** The maintainer the token stands for; AppError NOT_FOUND ("this link is not valid") or RATE_LIMITED. */
export async function resolveInvite(
  input: { token: string; ip?: string },
  deps: { db?: Db; now?: Date; limiter?: RateLimiter } = {},
): Promise<ResolvedInvite> {
  const now = deps.now ?? new Date();
  await spendAttempt(deps.limiter ?? capabilityRateLimiter(), `invite-ip:${input.ip ?? "unknown"}`, now);
  const notFound = () => new AppError("NOT_FOUND", "this link is not valid");
  const hash = lookupHash(input.token);
  if (hash === null) throw notFound();
  const row = await findMaintainerInviteByHash(hash, deps.db);
  if (row === null || !sameHash(row.tokenHash, hash) || !capabilityLive(row, now)) throw notFound();
  return {
    actor: { kind: "maintainer", inviteId: row.id, transferId: row.transferId, label: row.label },
    expiresAt: row.expiresAt,
  };
}
