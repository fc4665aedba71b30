/** DNSSEC arithmetic shared by the SEC checks. */
import { createHash, createPublicKey, verify as cryptoVerify, type KeyObject } from "node:crypto";
import { lowerName } from "../zone/name";

/** RFC 4034 Appendix B key tag. */
export function keyTag(dnskey: Uint8Array): number {
  let ac = 0;
  for (let i = 0; i < dnskey.length; i++) ac += i & 1 ? dnskey[i] : dnskey[i] << 8;
  ac += (ac >> 16) & 0xffff;
  return ac & 0xffff;
}

const DIGESTS: Record<number, string> = { 1: "sha1", 2: "sha256", 4: "sha384" };

/** Whether a DS RDATA matches a DNSKEY RDATA of `owner` (RFC 4034 §5.1.4). */
export function dsMatches(ds: Uint8Array, dnskey: Uint8Array, owner: Uint8Array): boolean {
  if (ds.length < 4 || dnskey.length < 4) return false;
  const tag = (ds[0] << 8) | ds[1];
  const alg = ds[2];
  const digestType = ds[3];
  if (tag !== keyTag(dnskey) || alg !== dnskey[3]) return false;
  const h = DIGESTS[digestType];
  if (!h) return false;
  const d = createHash(h).update(lowerName(owner)).update(dnskey).digest();
  return Buffer.from(ds.subarray(4)).equals(d);
}

/** The RRSIG fields the checks read (RFC 4034 §3.1). */
export interface RrsigFields {
  typeCovered: number;
  algorithm: number;
  /** Labels of the original owner (without a leading "*"): fewer than the owner's means wildcard synthesis (RFC 4035 §5.3.4). */
  labels: number;
  originalTtl: number;
  expiration: number;
  inception: number;
  keyTag: number;
  signer: Uint8Array;
  signature: Uint8Array;
  /** The RDATA up to the signature: what the signature covers first (RFC 4034 §3.1.8.1). */
  signedPart: Uint8Array;
}

export function parseRrsig(rdata: Uint8Array): RrsigFields | null {
  if (rdata.length < 19) return null;
  const v = new DataView(rdata.buffer, rdata.byteOffset, rdata.length);
  let i = 18;
  while (i < rdata.length && rdata[i] !== 0) i += rdata[i] + 1;
  if (i >= rdata.length) return null;
  const end = i + 1;
  return {
    typeCovered: v.getUint16(0),
    algorithm: rdata[2],
    labels: rdata[3],
    originalTtl: v.getUint32(4),
    expiration: v.getUint32(8),
    inception: v.getUint32(12),
    keyTag: v.getUint16(16),
    signer: rdata.subarray(18, end),
    signature: rdata.subarray(end),
    signedPart: rdata.subarray(0, end),
  };
}

const b64url = (b: Uint8Array) => Buffer.from(b).toString("base64url");

/** A DNSKEY's public key for node:crypto (ECDSA P-256/P-384, Ed25519, RSA/SHA-256/512); null for other algorithms. */
function publicKey(dnskey: Uint8Array): { key: KeyObject; hash: string | null; p1363: boolean } | null {
  const alg = dnskey[3];
  const pk = dnskey.subarray(4);
  try {
    if ((alg === 13 && pk.length === 64) || (alg === 14 && pk.length === 96)) {
      const n = pk.length / 2;
      const key = createPublicKey({
        key: {
          kty: "EC",
          crv: alg === 13 ? "P-256" : "P-384",
          x: b64url(pk.subarray(0, n)),
          y: b64url(pk.subarray(n)),
        },
        format: "jwk",
      });
      return { key, hash: alg === 13 ? "sha256" : "sha384", p1363: true };
    }
    if (alg === 15 && pk.length === 32)
      return {
        key: createPublicKey({ key: { kty: "OKP", crv: "Ed25519", x: b64url(pk) }, format: "jwk" }),
        hash: null,
        p1363: false,
      };
    if (alg === 8 || alg === 10) {
      // RFC 3110 §2: exponent length (1 octet, or 0 then 2 octets), exponent, modulus.
      let off = 1;
      let elen = pk[0];
      if (elen === 0) {
        elen = (pk[1] << 8) | pk[2];
        off = 3;
      }
      const e = pk.subarray(off, off + elen);
      const n = pk.subarray(off + elen);
      return {
        key: createPublicKey({ key: { kty: "RSA", e: b64url(e), n: b64url(n) }, format: "jwk" }),
        hash: alg === 8 ? "sha256" : "sha512",
        p1363: false,
      };
    }
  } catch {
    return null;
  }
  return null;
}

/**
 * Verify one RRSIG over an RRset with one DNSKEY (RFC 4034 §3.1.8.1, §6):
 * owner lowercase, original TTL, RDATA in canonical order. Only for RRsets
 * without names in their RDATA (DNSKEY, DS, A, AAAA, TXT…), whose canonical
 * form is the wire form.
 */
export function verifyRrsig(opts: {
  owner: Uint8Array;
  type: number;
  rdatas: readonly Uint8Array[];
  rrsig: Uint8Array;
  dnskey: Uint8Array;
}): boolean {
  const sig = parseRrsig(opts.rrsig);
  if (!sig || sig.typeCovered !== opts.type || sig.algorithm !== opts.dnskey[3] || sig.keyTag !== keyTag(opts.dnskey))
    return false;
  const k = publicKey(opts.dnskey);
  if (!k) return false;
  const owner = lowerName(opts.owner);
  const head = new Uint8Array(owner.length + 8);
  head.set(owner);
  const hv = new DataView(head.buffer, owner.length);
  hv.setUint16(0, opts.type);
  hv.setUint16(2, 1);
  hv.setUint32(4, sig.originalTtl);
  const sorted = [...opts.rdatas].sort((a, b) => Buffer.compare(Buffer.from(a), Buffer.from(b)));
  const parts: Uint8Array[] = [lowerSigner(sig)];
  for (const r of sorted) {
    const len = new Uint8Array([r.length >> 8, r.length & 0xff]);
    parts.push(head, len, r);
  }
  const data = Buffer.concat(parts);
  try {
    return cryptoVerify(
      k.hash,
      data,
      k.p1363 ? { key: k.key, dsaEncoding: "ieee-p1363" } : k.key,
      Buffer.from(sig.signature),
    );
  } catch {
    return false;
  }
}

/** The RRSIG RDATA up to the signature, with the signer name lowercase (RFC 4034 §6.2 item 3 / RFC 6840 §5.1). */
function lowerSigner(sig: RrsigFields): Uint8Array {
  const out = new Uint8Array(sig.signedPart);
  out.set(lowerName(sig.signer), 18);
  return out;
}
