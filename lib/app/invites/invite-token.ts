/**
 * Maintainer invites: a capability link to ONE transfer that
 * allows uploading sources and answering the owner's questions, nothing
 * else. Same mechanics as sign-off links (lib/app/links/signoff-token.ts):
 * 256 random bits, only the SHA-256 stored, constant-time compare, expiry,
 * revocation, rate-limited use; wrong/revoked/expired all look "not-found".
 */
import { randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { fromBase64urlStrict, toBase64url } from "../../checklist/base64url";
import type { RateLimiter } from "../../checklist/rate-limiter";
import { TOKEN_BYTES, hashToken } from "../links/signoff-token";
import type { Db } from "../../db/client";
import { findMaintainerInviteByHash, insertMaintainerInvite, type MaintainerInviteRow } from "../../db/maintainer-invites";
import { linkRateLimiter } from "../links/rate-limit";
import type { MaintainerActor } from "../../auth/actor";

export const DEFAULT_INVITE_TTL_SECONDS = 30 * 86_400;

export function newInvite(options: { transferId: string; label: string; createdBy: string; now: Date; ttlSeconds?: number }): { token: string; row: MaintainerInviteRow } {
  const token = toBase64url(randomBytes(TOKEN_BYTES));
  return {
    token,
    row: {
      id: randomUUID(),
      transferId: options.transferId,
      label: options.label,
      tokenHash: hashToken(token),
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

export type ResolveInviteResult =
  | { ok: true; actor: MaintainerActor; expiresAt: Date }
  | { ok: false; error: "not-found" }
  | { ok: false; error: "rate-limited"; retryAfterSeconds: number };

const NOT_FOUND = { ok: false, error: "not-found" } as const;

export async function resolveInvite(o: { token: string; ip?: string; db?: Db; now?: Date; limiter?: RateLimiter }): Promise<ResolveInviteResult> {
  const now = o.now ?? new Date();
  const limiter = o.limiter ?? linkRateLimiter();
  const byIp = await limiter.hit(`invite-ip:${o.ip ?? "unknown"}`, now);
  if (!byIp.allowed) return { ok: false, error: "rate-limited", retryAfterSeconds: byIp.retryAfterSeconds };
  if (fromBase64urlStrict(o.token, TOKEN_BYTES) === null) return NOT_FOUND;
  const hash = hashToken(o.token);
  const row = await findMaintainerInviteByHash(hash, o.db);
  if (row === null) return NOT_FOUND;
  const a = Buffer.from(row.tokenHash, "hex");
  const b = Buffer.from(hash, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return NOT_FOUND;
  if (row.revokedAt !== null || now.getTime() >= row.expiresAt.getTime()) return NOT_FOUND;
  return { ok: true, actor: { kind: "maintainer", inviteId: row.id, transferId: row.transferId, label: row.label }, expiresAt: row.expiresAt };
}
