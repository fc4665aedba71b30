/** `X-Cutover-Signature: sha256=<hex HMAC-SHA256(secret, body)>` (RFC 2104), over the exact bytes sent. */
import { createHmac, randomBytes, timingSafeEqual } from "node:crypto";
import { toBase64url } from "../../checklist/base64url";

export const SIGNATURE_HEADER = "x-cutover-signature";

export function newWebhookSecret(): string {
  return "whsec_" + toBase64url(randomBytes(32));
}

export function signatureOf(secret: string, body: Uint8Array | string): string {
  return "sha256=" + createHmac("sha256", secret).update(body).digest("hex");
}

/** For receivers (and tests): constant-time check of a signature header against the body. */
export function verifySignature(secret: string, body: Uint8Array | string, header: string | null | undefined): boolean {
  if (!header) return false;
  const want = Buffer.from(signatureOf(secret, body));
  const got = Buffer.from(header);
  return want.length === got.length && timingSafeEqual(want, got);
}
