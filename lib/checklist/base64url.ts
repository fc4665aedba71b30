/**
 * Strict base64url (RFC 4648 §5, no padding). Node's decoder silently ignores
 * stray characters and non-zero trailing bits, so two different strings can
 * decode to the same bytes; a signature or key must have exactly one spelling
 * or flipping a byte of a bundle could go unnoticed.
 */
const ALPHABET = /^[A-Za-z0-9_-]*$/;

export function toBase64url(bytes: Uint8Array): string {
  return Buffer.from(bytes).toString("base64url");
}

/** Decoded bytes, or null when `text` is not the one canonical base64url spelling of them. */
export function fromBase64urlStrict(text: string, expectedLength?: number): Buffer | null {
  if (!ALPHABET.test(text) || text.length % 4 === 1) return null;
  const bytes = Buffer.from(text, "base64url");
  if (bytes.toString("base64url") !== text) return null;
  if (expectedLength !== undefined && bytes.length !== expectedLength) return null;
  return bytes;
}
