/** DNSSEC arithmetic shared by the SEC checks. */
import { createHash } from "node:crypto";
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

