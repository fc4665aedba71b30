/**
 * API token format: `cutover_` + 256 random bits in base64url (the prefix lets secret scanners and people
 * recognise a leaked token). Only the SHA-256 is stored, as for sign-off links and invites
 * (lib/checklist/signoff-token.ts); lookups compare hashes in constant time.
 */
import { randomBytes, timingSafeEqual } from "node:crypto";
import { fromBase64urlStrict, toBase64url } from "../../checklist/base64url";
import { TOKEN_BYTES, hashToken } from "../links/signoff-token";

export const API_TOKEN_PREFIX = "cutover_";

export function newApiToken(): { token: string; hash: string } {
  const token = API_TOKEN_PREFIX + toBase64url(randomBytes(TOKEN_BYTES));
  return { token, hash: hashToken(token) };
}

/** The hash to look up, or null for anything that is not a well-formed token (never reaches the database). */
export function apiTokenHash(token: string): string | null {
  if (!token.startsWith(API_TOKEN_PREFIX)) return null;
  if (fromBase64urlStrict(token.slice(API_TOKEN_PREFIX.length), TOKEN_BYTES) === null) return null;
  return hashToken(token);
}

export function sameHash(a: string, b: string): boolean {
  const x = Buffer.from(a, "hex");
  const y = Buffer.from(b, "hex");
  return x.length === y.length && timingSafeEqual(x, y);
}
