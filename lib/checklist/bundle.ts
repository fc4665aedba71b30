/**
 * Signed bundles (DESIGN §8): { format, revision, revisionDigest, final,
 * signoffs, keyId, publicKey, signature } written as RFC 8785 canonical JSON.
 * The Ed25519 signature covers the canonical bytes of every other member, and
 * the file must BE canonical, so changing any byte — including whitespace or
 * an equivalent string escape — fails verification.
 */
import { sign, verify, type KeyObject } from "node:crypto";
import { z } from "zod";
import { fromBase64urlStrict, toBase64url } from "./base64url";
import { canonicalBytes, canonicalDigest, canonicalJson } from "./canonical-json";
import { checkFinality } from "./finality";
import { jwkThumbprint, parseKeyring, publicJwkSchema, publicKeyFromJwk, type Keyring, type PublicJwk } from "./jwk";
import { hex64, revisionDigest, revisionSchema, type Revision } from "./revision";
import type { PartyRole } from "../schedule/parties";
import { signoffSchema, type Signoff } from "./signoff";
import type { SigningKey } from "./signing-key";

export const BUNDLE_FORMAT = "cutover-checklist-bundle/1";

export const bundleSchema = z.object({
  format: z.literal(BUNDLE_FORMAT),
  revision: revisionSchema,
  revisionDigest: hex64,
  /** True when the finality rule held at signing time; the sign-offs then prove it. */
  final: z.boolean(),
  /** Sign-offs on this revision (stale ones are not carried). */
  signoffs: z.array(signoffSchema),
  keyId: z.string().min(1),
  /** The signer's public key, so a bundle can be checked for integrity with no key at hand (not for authenticity). */
  publicKey: publicJwkSchema,
  signature: z.string(),
});
export type Bundle = z.infer<typeof bundleSchema>;

export interface CreateBundleOptions {
  revision: Revision;
  signoffs: readonly Signoff[];
  key: SigningKey;
  requiredRoles?: readonly PartyRole[];
}

function signingInput(unsigned: Omit<Bundle, "signature">): Buffer {
  return canonicalBytes(unsigned);
}

/** Bundle bytes ready to download: canonical JSON plus a final newline. */
export function createBundle(options: CreateBundleOptions): { bundle: Bundle; bytes: Buffer } {
  const revision = revisionSchema.parse(options.revision);
  const digest = revisionDigest(options.revision);
  const signoffs = options.signoffs.filter((s) => s.revisionDigest === digest).map((s) => signoffSchema.parse(s));
  const unsigned = {
    format: BUNDLE_FORMAT,
    revision: options.revision,
    revisionDigest: digest,
    final: checkFinality({ revision, signoffs, requiredRoles: options.requiredRoles }).final,
    signoffs,
    keyId: options.key.keyId,
    publicKey: options.key.publicJwk,
  } as const;
  const signature = toBase64url(sign(null, signingInput(unsigned), options.key.privateKey));
  const bundle: Bundle = { ...unsigned, signature };
  return { bundle, bytes: Buffer.from(canonicalJson(bundle) + "\n", "utf8") };
}

export type VerifyFailure =
  | "not-utf8"
  | "not-json"
  | "not-canonical"
  | "schema"
  | "digest-mismatch"
  | "signoff-mismatch"
  | "unknown-key"
  | "key-mismatch"
  | "bad-signature";

export type VerifyResult =
  | {
      valid: true;
      keyId: string;
      /** `supplied`: a key the verifier trusts; `embedded`: only the key inside the bundle (integrity, not authenticity). */
      keySource: "supplied" | "embedded";
      revisionDigest: string;
      transferId: string;
      domain: string;
      revisionNumber: number;
      final: boolean;
      signoffs: number;
    }
  | { valid: false; code: VerifyFailure; reason: string };

const fail = (code: VerifyFailure, reason: string): VerifyResult => ({ valid: false, code, reason });

/** Trusted keys: a keyring, one JWK, or raw JWK/JWKS JSON. Omit to rely on the embedded key. */
export type Trust = Keyring | PublicJwk | unknown;

function toKeyring(trust: Trust): Keyring {
  if (trust instanceof Map) return trust as Keyring;
  return parseKeyring(trust).keyring;
}

export function verifyBundle(bundleBytes: Uint8Array | string, trust?: Trust): VerifyResult {
  let text: string;
  if (typeof bundleBytes === "string") text = bundleBytes;
  else {
    try {
      text = new TextDecoder("utf-8", { fatal: true, ignoreBOM: true }).decode(bundleBytes);
    } catch {
      return fail("not-utf8", "the bundle is not valid UTF-8");
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (e) {
    return fail("not-json", `the bundle is not JSON: ${(e as Error).message}`);
  }
  let canonical: string;
  try {
    canonical = canonicalJson(json);
  } catch (e) {
    return fail("not-canonical", `the bundle cannot be canonicalised: ${(e as Error).message}`);
  }
  if (text !== canonical && text !== canonical + "\n") {
    return fail("not-canonical", "the bundle is not in RFC 8785 canonical form (was it reformatted or edited?)");
  }
  const parsed = bundleSchema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    return fail(
      "schema",
      `the bundle does not match ${BUNDLE_FORMAT}: ${issue.path.join(".") || "(root)"}: ${issue.message}`,
    );
  }
  const raw = json as Bundle; // hash what is in the file, not zod's output (which may add defaults or drop members)
  const b = parsed.data;
  const digest = canonicalDigest(raw.revision);
  if (digest !== b.revisionDigest)
    return fail(
      "digest-mismatch",
      `revisionDigest ${b.revisionDigest} does not match the revision (SHA-256 ${digest})`,
    );
  for (const [i, s] of b.signoffs.entries()) {
    if (
      s.revisionDigest !== digest ||
      s.transferId !== b.revision.transferId ||
      s.revisionNumber !== b.revision.revisionNumber
    ) {
      return fail("signoff-mismatch", `sign-off ${i} (${s.role}) is bound to another revision or transfer`);
    }
  }
  const embeddedKid = jwkThumbprint(b.publicKey);
  if (embeddedKid !== b.keyId || (b.publicKey.kid !== undefined && b.publicKey.kid !== b.keyId)) {
    return fail("key-mismatch", `keyId ${b.keyId} is not the thumbprint of the embedded public key (${embeddedKid})`);
  }
  let key: KeyObject;
  let keySource: "supplied" | "embedded";
  if (trust === undefined || trust === null) {
    key = publicKeyFromJwk(b.publicKey);
    keySource = "embedded";
  } else {
    const trusted = toKeyring(trust).get(b.keyId);
    if (trusted === undefined)
      return fail("unknown-key", `the bundle was signed with key ${b.keyId}, which is not among the trusted keys`);
    key = publicKeyFromJwk(trusted);
    keySource = "supplied";
  }
  const signature = fromBase64urlStrict(b.signature, 64);
  if (signature === null) return fail("bad-signature", "the signature is not 64 bytes of base64url");
  const { signature: _omit, ...unsigned } = raw;
  if (!verify(null, signingInput(unsigned), key, signature))
    return fail("bad-signature", "the Ed25519 signature does not match the bundle content");
  return {
    valid: true,
    keyId: b.keyId,
    keySource,
    revisionDigest: digest,
    transferId: b.revision.transferId,
    domain: b.revision.transfer.domain,
    revisionNumber: b.revision.revisionNumber,
    final: b.final,
    signoffs: b.signoffs.length,
  };
}
