/**
 * Unguessable bearer tokens, the one implementation behind every capability Cutover hands out: sign-off links
 * (lib/app/links/signoff-token.ts), maintainer invites (lib/app/invites/invite-token.ts) and organisation API tokens
 * (lib/app/api-tokens). A token is 256 random bits in base64url (RFC 4648 §5), behind an optional prefix that lets
 * people and secret scanners recognise it; it is shown once and only its SHA-256 is stored, so a database dump
 * opens nothing. Lookups go by hash and compare again in constant time, and a malformed token never reaches the
 * database. Wrong, revoked and expired tokens all look missing to the caller (W3C TAG, "Good Practices for
 * Capability URLs").
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";
import { fromBase64urlStrict, toBase64url } from "../checklist/base64url";

/** 32 bytes = 256 bits, above the 128-bit floor for unguessable capability URLs. */
export const TOKEN_BYTES = 32;

/** Lowercase hex SHA-256 of the token as given (prefix included): what is stored and looked up. */
export function hashToken(token: string): string {
  return createHash("sha256").update(token, "utf8").digest("hex");
}

/** A fresh token (give it to its holder, once) and the hash to store. */
export function mintToken(prefix = ""): { token: string; hash: string } {
  const token = prefix + toBase64url(randomBytes(TOKEN_BYTES));
  return { token, hash: hashToken(token) };
}

/** The hash to look up, or null for anything that is not a well-formed token of this kind (never looked up). */
export function lookupHash(token: string, prefix = ""): string | null {
  if (!token.startsWith(prefix)) return null;
  if (fromBase64urlStrict(token.slice(prefix.length), TOKEN_BYTES) === null) return null;
  return hashToken(token);
}

/**
 * Constant-time comparison of two hex hashes: the store matched by hash, but a store with a prefix or
 * case-insensitive index must not become an oracle.
 */
export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}

/** Whether a stored capability with this expiry and revocation still opens anything at `now`. */
export function capabilityLive(
  c: { expiresAt: Date | string | null; revokedAt: Date | string | null },
  now: Date,
): boolean {
  if (c.revokedAt !== null) return false;
  return c.expiresAt === null || now.getTime() < new Date(c.expiresAt).getTime();
}
