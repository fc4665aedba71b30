/**
 * Sign-off links are bearer capabilities (DESIGN §8, §10), minted and checked by lib/security/capability-tokens.ts:
 * 256 random bits, base64url, shown once; only their SHA-256 is stored. A wrong, revoked or expired token is
 * reported exactly like a missing one (NOT_FOUND), so a caller learns nothing by probing; attempts are
 * rate-limited per client address and per token (lib/security/rate-limits.ts).
 */
import { randomUUID } from "node:crypto";
import type { PartyRole } from "../../schedule/parties";
import { AppError } from "../../errors/app-error";
import { capabilityLive, lookupHash, mintToken, sameHash } from "../../security/capability-tokens";
import { spendAttempt, type RateLimiter } from "../../security/rate-limits";
import { signoffLinkSchema, type SignoffLink, type SignoffLinkStore } from "../../db/signoff-links";

export { signoffLinkSchema, type SignoffLink, type SignoffLinkStore };

export const DEFAULT_LINK_TTL_SECONDS = 14 * 86_400;

export interface IssueSignoffLinkOptions {
  transferId: string;
  role: PartyRole;
  now: Date;
  ttlSeconds?: number;
}

/** A fresh token (give it to the person, once) and the record to store (no token inside). */
export function issueSignoffLink(options: IssueSignoffLinkOptions): { token: string; link: SignoffLink } {
  const { token, hash } = mintToken();
  const link = signoffLinkSchema.parse({
    id: randomUUID(),
    transferId: options.transferId,
    role: options.role,
    tokenHash: hash,
    createdAt: options.now.toISOString(),
    expiresAt: new Date(options.now.getTime() + (options.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS) * 1000).toISOString(),
    revokedAt: null,
  });
  return { token, link };
}

export interface ResolveSignoffLinkOptions {
  token: string;
  store: SignoffLinkStore;
  now: Date;
  limiter?: RateLimiter;
  /** Client address, for the per-IP limit. */
  ip?: string;
}

/** One error for missing, malformed, wrong, revoked and expired tokens (→ the same 404). */
export const INVALID_LINK = "this link is not valid";

/** The live link the token opens; AppError NOT_FOUND (any failure) or RATE_LIMITED. */
export async function resolveSignoffLink(options: ResolveSignoffLinkOptions): Promise<SignoffLink> {
  const { limiter, now } = options;
  const notFound = () => new AppError("NOT_FOUND", INVALID_LINK);
  if (limiter !== undefined && options.ip !== undefined) await spendAttempt(limiter, `ip:${options.ip}`, now);
  const hash = lookupHash(options.token);
  if (hash === null) throw notFound();
  if (limiter !== undefined) await spendAttempt(limiter, `token:${hash}`, now);
  const link = await options.store.findByHash(hash);
  if (link === null || !sameHash(link.tokenHash, hash) || !capabilityLive(link, now)) throw notFound();
  return link;
}

/** In-memory store for tests and single-process use. */
export function createMemorySignoffLinkStore(): SignoffLinkStore & { all(): SignoffLink[] } {
  const byHash = new Map<string, SignoffLink>();
  return {
    async insert(link) {
      if (byHash.has(link.tokenHash)) throw new Error("duplicate token hash");
      byHash.set(link.tokenHash, signoffLinkSchema.parse(link));
    },
    async findByHash(tokenHash) {
      return byHash.get(tokenHash) ?? null;
    },
    async revoke({ transferId, id, at }) {
      for (const [h, l] of byHash) {
        if (l.id === id && l.transferId === transferId) {
          if (l.revokedAt === null) byHash.set(h, { ...l, revokedAt: at.toISOString() });
          return true;
        }
      }
      return false;
    },
    all: () => [...byHash.values()],
  };
}
