/**
 * Sign-off links are bearer capabilities (DESIGN §8, §10): 256 random bits,
 * base64url, shown once; only their SHA-256 is stored. A wrong, revoked or
 * expired token is reported exactly like a missing one, so a caller learns
 * nothing by probing.
 */
import { createHash, randomBytes, randomUUID, timingSafeEqual } from "node:crypto";
import { z } from "zod";
import { partyRoleSchema, type PartyRole } from "../../schedule/parties";
import { fromBase64urlStrict, toBase64url } from "../../checklist/base64url";
import type { RateLimiter } from "../../checklist/rate-limiter";

/** 32 bytes = 256 bits, above the 128-bit floor for unguessable capability URLs (W3C TAG, "Good Practices for Capability URLs"). */
export const TOKEN_BYTES = 32;
export const DEFAULT_LINK_TTL_SECONDS = 14 * 86_400;

export const signoffLinkSchema = z.object({
  /** Public id for listing and revoking (never the token). */
  id: z.string().min(1),
  transferId: z.string().min(1),
  role: partyRoleSchema,
  /** Lowercase hex SHA-256 of the token. */
  tokenHash: z.string().regex(/^[0-9a-f]{64}$/),
  createdAt: z.iso.datetime(),
  expiresAt: z.iso.datetime(),
  revokedAt: z.iso.datetime().nullable(),
});
export type SignoffLink = z.infer<typeof signoffLinkSchema>;

/** Storage the DB layer implements; lookups go by hash only. */
export interface SignoffLinkStore {
  insert(link: SignoffLink): Promise<void>;
  findByHash(tokenHash: string): Promise<SignoffLink | null>;
  /** Marks a link revoked; false when there is no such link for that transfer. */
  revoke(options: { transferId: string; id: string; at: Date }): Promise<boolean>;
}

export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

export interface IssueSignoffLinkOptions {
  transferId: string;
  role: PartyRole;
  now: Date;
  ttlSeconds?: number;
}

/** A fresh token (give it to the person, once) and the record to store (no token inside). */
export function issueSignoffLink(options: IssueSignoffLinkOptions): { token: string; link: SignoffLink } {
  const token = toBase64url(randomBytes(TOKEN_BYTES));
  const link = signoffLinkSchema.parse({
    id: randomUUID(),
    transferId: options.transferId,
    role: options.role,
    tokenHash: hashToken(token),
    createdAt: options.now.toISOString(),
    expiresAt: new Date(options.now.getTime() + (options.ttlSeconds ?? DEFAULT_LINK_TTL_SECONDS) * 1000).toISOString(),
    revokedAt: null,
  });
  return { token, link };
}

export type ResolveResult =
  | { ok: true; link: SignoffLink }
  /** One outcome for missing, malformed, wrong, revoked and expired tokens (→ the same 404). */
  | { ok: false; error: "not-found" }
  | { ok: false; error: "rate-limited"; retryAfterSeconds: number };

export interface ResolveSignoffLinkOptions {
  token: string;
  store: SignoffLinkStore;
  now: Date;
  limiter?: RateLimiter;
  /** Client address, for the per-IP limit. */
  ip?: string;
}

const NOT_FOUND = { ok: false, error: "not-found" } as const;

export async function resolveSignoffLink(options: ResolveSignoffLinkOptions): Promise<ResolveResult> {
  const { limiter, now } = options;
  if (limiter !== undefined && options.ip !== undefined) {
    const d = await limiter.hit(`ip:${options.ip}`, now);
    if (!d.allowed) return { ok: false, error: "rate-limited", retryAfterSeconds: d.retryAfterSeconds };
  }
  if (fromBase64urlStrict(options.token, TOKEN_BYTES) === null) return NOT_FOUND;
  const hash = hashToken(options.token);
  if (limiter !== undefined) {
    const d = await limiter.hit(`token:${hash}`, now);
    if (!d.allowed) return { ok: false, error: "rate-limited", retryAfterSeconds: d.retryAfterSeconds };
  }
  const link = await options.store.findByHash(hash);
  if (link === null) return NOT_FOUND;
  // The store matched by hash; compare again in constant time so a store with
  // a prefix or case-insensitive index cannot turn into an oracle.
  const a = Buffer.from(link.tokenHash, "hex");
  const b = Buffer.from(hash, "hex");
  if (a.length !== b.length || !timingSafeEqual(a, b)) return NOT_FOUND;
  if (link.revokedAt !== null) return NOT_FOUND;
  if (now.getTime() >= Date.parse(link.expiresAt)) return NOT_FOUND;
  return { ok: true, link };
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
