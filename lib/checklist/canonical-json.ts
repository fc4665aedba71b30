/**
 * RFC 8785 JSON Canonicalization Scheme, via the `canonicalize` library:
 * keys sorted by UTF-16 code units (§3.2.3), ECMAScript number formatting
 * (§3.2.2.3), minimal string escaping (§3.2.2.2), no whitespace.
 * Hashing `JSON.stringify` output instead would depend on key insertion order.
 */
import canonicalize from "canonicalize";
import { createHash } from "node:crypto";

/** Canonical JSON text of a JSON value. Throws on values JSON cannot represent (NaN, Infinity, lone surrogates, undefined). */
export function canonicalJson(value: unknown): string {
  const text = canonicalize(value);
  if (text === undefined) throw new TypeError("value has no JSON representation");
  return text;
}

/** UTF-8 bytes of the canonical form: what gets hashed and signed. */
export function canonicalBytes(value: unknown): Buffer {
  return Buffer.from(canonicalJson(value), "utf8");
}

/** Lowercase hex SHA-256. */
export function sha256Hex(data: string | Uint8Array): string {
  return createHash("sha256").update(data).digest("hex");
}

/** SHA-256 of the canonical form: the digest revisions and audit entries are identified by. */
export function canonicalDigest(value: unknown): string {
  return sha256Hex(canonicalBytes(value));
}
