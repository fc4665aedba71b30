/**
 * Binary-to-text encodings used in presentation RDATA: base16 (hex),
 * base64 and base32hex (RFC 4648 §8, NSEC3 hashes, RFC 5155 §3.3).
 * Decoders write into the shared writer W and throw RdataError on bad input.
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { RdataError, W } from "./core";

function hexVal(c: number): number {
  if (c >= 0x30 && c <= 0x39) return c - 0x30;
  if (c >= 0x61 && c <= 0x66) return c - 0x57;
  if (c >= 0x41 && c <= 0x46) return c - 0x37;
  return -1;
}

/**
 * Hex decoder that may be fed several tokens (zone files split long hex
 * fields across words and lines). Call feed() per token, then finish().
 */
export class HexDecoder {
  private half = -1;
  private lastToken = -1;
  begin(): void {
    this.half = -1;
  }
  feed(text: string, token: number): void {
    this.lastToken = token;
    const b = W;
    for (let i = 0; i < text.length; i++) {
      const v = hexVal(text.charCodeAt(i));
      if (v < 0) throw new RdataError(D.BAD_RDATA, `bad hex digit "${text[i]}"`, token);
      if (this.half < 0) this.half = v;
      else {
        b.u8((this.half << 4) | v);
        this.half = -1;
      }
    }
  }
  finish(): void {
    if (this.half >= 0) throw new RdataError(D.BAD_RDATA, "odd number of hex digits", this.lastToken);
  }
}

export const HEX = new HexDecoder();

const B64 = new Int16Array(128).fill(-1);
const B64_CHARS = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
for (let i = 0; i < 64; i++) B64[B64_CHARS.charCodeAt(i)] = i;

/**
 * Strict base64 (RFC 4648 §4): whole quanta, "=" only as final padding.
 * `text` is the concatenation of the field's tokens.
 */
export function decodeBase64(text: string, token: number): void {
  const n = text.length;
  if (n % 4 !== 0) throw new RdataError(D.BAD_RDATA, "base64 length is not a multiple of 4", token);
  let pad = 0;
  if (n > 0 && text.charCodeAt(n - 1) === 0x3d) pad = text.charCodeAt(n - 2) === 0x3d ? 2 : 1;
  const body = n - pad;
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < body; i++) {
    const c = text.charCodeAt(i);
    const v = c < 128 ? B64[c] : -1;
    if (v < 0) throw new RdataError(D.BAD_RDATA, `bad base64 character "${text[i]}"`, token);
    acc = ((acc << 6) | v) & 0xffffff;
    bits += 6;
    if (bits >= 8) {
      bits -= 8;
      W.u8((acc >>> bits) & 0xff);
    }
  }
  // Leftover bits must be zero (RFC 4648 §3.5 lets decoders reject otherwise; BIND does):
  // "12" would decode to the same octet as "10", so a hash would not round-trip.
  if ((acc & ((1 << bits) - 1)) !== 0) {
    throw new RdataError(D.BAD_RDATA, "base32hex has non-zero bits after the last octet (RFC 4648 §3.5)", token);
  }
}

export function encodeBase64(data: Uint8Array): string {
  return Buffer.from(data.buffer, data.byteOffset, data.byteLength).toString("base64");
}

const HEX_UPPER = "0123456789ABCDEF";
export function encodeHex(data: Uint8Array): string {
  let s = "";
  for (let i = 0; i < data.length; i++) {
    const c = data[i];
    s += HEX_UPPER[c >> 4] + HEX_UPPER[c & 15];
  }
  return s;
}

const B32H = "0123456789ABCDEFGHIJKLMNOPQRSTUV";

/**
 * base32hex (RFC 4648 §7), case-insensitive. Writes into W. RFC 5155 §3.3
 * writes NSEC3 hashes unpadded (dnspython, BIND); Knot writes and wants "="
 * padding, so correct padding is accepted too (quirks.md §base32hex).
 */
export function decodeBase32Hex(text: string, token: number): void {
  const total = text.length;
  let n = total;
  while (n > 0 && text.charCodeAt(n - 1) === 0x3d) n--;
  const r = n % 8;
  if (r === 1 || r === 3 || r === 6 || (n !== total && (total % 8 !== 0 || r === 0))) {
    throw new RdataError(D.BAD_RDATA, "bad base32hex length or padding", token);
  }
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x76) c -= 32;
    let v = -1;
    if (c >= 0x30 && c <= 0x39) v = c - 0x30;
    else if (c >= 0x41 && c <= 0x56) v = c - 0x37;
    if (v < 0) throw new RdataError(D.BAD_RDATA, `bad base32hex character "${text[i]}"`, token);
    acc = ((acc << 5) | v) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      bits -= 8;
      W.u8((acc >>> bits) & 0xff);
    }
  }
  // Leftover bits must be zero (RFC 4648 §3.5 lets decoders reject otherwise; BIND does):
  // "12" would decode to the same octet as "10", so a hash would not round-trip.
  if ((acc & ((1 << bits) - 1)) !== 0) {
    throw new RdataError(D.BAD_RDATA, "base32hex has non-zero bits after the last octet (RFC 4648 §3.5)", token);
  }
}

export function encodeBase32Hex(data: Uint8Array): string {
  let s = "";
  let acc = 0;
  let bits = 0;
  for (let i = 0; i < data.length; i++) {
    acc = ((acc << 8) | data[i]) & 0xffff;
    bits += 8;
    while (bits >= 5) {
      bits -= 5;
      s += B32H[(acc >>> bits) & 31];
    }
  }
  if (bits > 0) s += B32H[(acc << (5 - bits)) & 31];
  return s;
}
