/**
 * Ed25519 public keys as JWK (RFC 8037 §2) with key ids from the RFC 7638
 * thumbprint, and keyrings (a JWK Set, RFC 7517 §5) so bundles signed with a
 * retired key still verify.
 */
import { createPublicKey, type KeyObject } from "node:crypto";
import { z } from "zod";
import { fromBase64urlStrict, toBase64url } from "./base64url";
import { canonicalJson } from "./canonical-json";
import { createHash } from "node:crypto";

export const publicJwkSchema = z.object({
  kty: z.literal("OKP"),
  crv: z.literal("Ed25519"),
  x: z.string().refine((x) => fromBase64urlStrict(x, 32) !== null, "x must be 32 bytes of strict base64url"),
  kid: z.string().optional(),
  alg: z.literal("EdDSA").optional(),
  use: z.literal("sig").optional(),
});
export type PublicJwk = z.infer<typeof publicJwkSchema>;

/** RFC 7638 §3.2: SHA-256 over the required members only (crv, kty, x for OKP), sorted, no whitespace. */
export function jwkThumbprint(jwk: Pick<PublicJwk, "crv" | "kty" | "x">): string {
  const required = canonicalJson({ crv: jwk.crv, kty: jwk.kty, x: jwk.x });
  return toBase64url(createHash("sha256").update(required, "utf8").digest());
}

/** The JWK published at /.well-known/cutover-signing-key: public members plus kid, alg, use. */
export function toPublicJwk(key: KeyObject): PublicJwk {
  const exported = key.export({ format: "jwk" }) as { crv?: string; x?: string };
  if (exported.crv !== "Ed25519" || typeof exported.x !== "string") throw new TypeError("not an Ed25519 key");
  const base = { kty: "OKP" as const, crv: "Ed25519" as const, x: exported.x };
  return { ...base, kid: jwkThumbprint(base), alg: "EdDSA", use: "sig" };
}

export function publicKeyFromJwk(jwk: PublicJwk): KeyObject {
  return createPublicKey({ key: { kty: jwk.kty, crv: jwk.crv, x: jwk.x }, format: "jwk" });
}

/** Trusted public keys by key id (always the computed thumbprint, never a `kid` someone wrote). */
export type Keyring = ReadonlyMap<string, PublicJwk>;

const jwksSchema = z.object({ keys: z.array(z.unknown()) });

/**
 * Accepts a single JWK, an array of JWKs, or a JWK Set. Entries that are not
 * Ed25519 public keys are ignored (a JWKS may hold other key types); a `kid`
 * that disagrees with the thumbprint makes the entry unusable.
 */
export function parseKeyring(input: unknown): { keyring: Keyring; problems: string[] } {
  const problems: string[] = [];
  const items = Array.isArray(input)
    ? input
    : jwksSchema.safeParse(input).success
      ? (input as { keys: unknown[] }).keys
      : [input];
  const keyring = new Map<string, PublicJwk>();
  items.forEach((item, i) => {
    const parsed = publicJwkSchema.safeParse(item);
    if (!parsed.success) {
      problems.push(`key ${i}: not an Ed25519 public JWK`);
      return;
    }
    if ("d" in (item as object))
      problems.push(`key ${i}: contains a private key member "d" (ignored, but it should not be published)`);
    const kid = jwkThumbprint(parsed.data);
    if (parsed.data.kid !== undefined && parsed.data.kid !== kid) {
      problems.push(`key ${i}: kid ${JSON.stringify(parsed.data.kid)} is not its RFC 7638 thumbprint ${kid}`);
      return;
    }
    keyring.set(kid, { kty: "OKP", crv: "Ed25519", x: parsed.data.x, kid, alg: "EdDSA", use: "sig" });
  });
  return { keyring, problems };
}

/** JWK Set document for publication: every key that may have signed a bundle. */
export function keyringToJwks(keyring: Keyring): { keys: PublicJwk[] } {
  return { keys: [...keyring.values()] };
}
