/**
 * TSIG (RFC 8945) signing of a request and verification of a (multi-message)
 * response, HMAC-SHA256/384/512. The secret lives in a private field: it is
 * never serialised (toJSON, util.inspect print the key name only).
 */
import { createHmac, timingSafeEqual } from "node:crypto";
import { lowerName, nameToText, name as wire, parseName } from "../zone/name";
import { decodeMessage } from "./wire";

const ALGORITHMS: Record<string, string> = {
  "hmac-sha256": "sha256",
  "hmac-sha384": "sha384",
  "hmac-sha512": "sha512",
  "hmac-sha224": "sha224",
};

const TYPE_TSIG = 250;
const CLASS_ANY = 255;
/** RFC 8945 §10: 300 seconds is the recommended fudge. */
const FUDGE = 300;

export class TsigKey {
  readonly name: Uint8Array;
  readonly algorithm: string;
  readonly #secret: Buffer;

  private constructor(name: Uint8Array, algorithm: string, secret: Buffer) {
    this.name = lowerName(name);
    this.algorithm = algorithm;
    this.#secret = secret;
  }

  /** "NAME:ALG:BASE64SECRET" (CLI) or parts. Returns an error string on bad input. */
  static parse(spec: string): TsigKey | string {
    const m = /^([^:]+):([^:]+):(.+)$/.exec(spec);
    if (!m) return "TSIG key must be NAME:ALGORITHM:BASE64SECRET";
    return TsigKey.from(m[1], m[2], m[3]);
  }

  static from(keyName: string, algorithm: string, secretBase64: string): TsigKey | string {
    const alg = algorithm.toLowerCase().replace(/\.$/, "");
    if (!ALGORITHMS[alg])
      return `unsupported TSIG algorithm "${algorithm}" (use hmac-sha256, hmac-sha384 or hmac-sha512)`;
    const n = parseName(keyName.endsWith(".") ? keyName : keyName + ".", null);
    if (!n.ok) return `bad TSIG key name: ${n.message}`;
    if (!/^[A-Za-z0-9+/]+={0,2}$/.test(secretBase64)) return "TSIG secret must be base64";
    const secret = Buffer.from(secretBase64, "base64");
    if (secret.length === 0) return "TSIG secret is empty";
    return new TsigKey(n.wire, alg, secret);
  }

  hmac(): ReturnType<typeof createHmac> {
    return createHmac(ALGORITHMS[this.algorithm], this.#secret);
  }

  toJSON(): { name: string; algorithm: string } {
    return { name: nameToText(this.name), algorithm: this.algorithm };
  }

  [Symbol.for("nodejs.util.inspect.custom")](): string {
    return `TsigKey(${this.algorithm}, secret redacted)`;
  }
}

function u16(n: number): Buffer {
  const b = Buffer.alloc(2);
  b.writeUInt16BE(n & 0xffff, 0);
  return b;
}

function time48(t: number): Buffer {
  const b = Buffer.alloc(6);
  b.writeUIntBE(t, 0, 6);
  return b;
}

/** TSIG variables (RFC 8945 §4.3.3) for a full MAC. */
function variables(key: TsigKey, timeSigned: number, fudge: number, error: number, other: Uint8Array): Buffer {
  return Buffer.concat([
    key.name,
    u16(CLASS_ANY),
    Buffer.alloc(4), // TTL 0
    wire(key.algorithm),
    time48(timeSigned),
    u16(fudge),
    u16(error),
    u16(other.length),
    other,
  ]);
}

/** Sign a request: append the TSIG RR and bump ARCOUNT. Returns the request MAC for verifying answers. */
export function signRequest({
  msg,
  key,
  now = Math.floor(Date.now() / 1000),
}: {
  msg: Uint8Array;
  key: TsigKey;
  now?: number;
}): { message: Uint8Array; mac: Buffer } {
  const id = (msg[0] << 8) | msg[1];
  const h = key.hmac();
  h.update(msg);
  h.update(variables(key, now, FUDGE, 0, new Uint8Array(0)));
  const mac = h.digest();
  const rdata = Buffer.concat([
    wire(key.algorithm),
    time48(now),
    u16(FUDGE),
    u16(mac.length),
    mac,
    u16(id),
    u16(0),
    u16(0),
  ]);
  const rr = Buffer.concat([key.name, u16(TYPE_TSIG), u16(CLASS_ANY), Buffer.alloc(4), u16(rdata.length), rdata]);
  const out = Buffer.concat([msg, rr]);
  out.writeUInt16BE(((msg[10] << 8) | msg[11]) + 1, 10);
  return { message: out, mac };
}

/**
 * Verifies the messages of one response stream in order (RFC 8945 §5.3.1):
 * the first signed message covers the request MAC; later ones cover the
 * previous MAC, every message since, and the timers only.
 */
export class TsigVerifier {
  private prevMac: Buffer;
  private pending: Buffer[] = [];
  private first = true;
  private unsigned = 0;

  constructor(
    private readonly key: TsigKey,
    requestMac: Buffer,
    private readonly now = () => Math.floor(Date.now() / 1000),
  ) {
    this.prevMac = requestMac;
  }

  /** null when the message is acceptable so far; else why not. */
  verify(frame: Uint8Array): string | null {
    const d = decodeMessage(frame);
    if (!d.ok) return `malformed: ${d.reason}`;
    const add = d.message.additional;
    const last = add[add.length - 1];
    if (!last || last.type !== TYPE_TSIG) {
      // RFC 8945 §5.3.1: up to 99 unsigned messages may follow a signed one.
      if (this.first) return "the first answer is not signed";
      if (++this.unsigned > 99) return "more than 99 unsigned messages";
      this.pending.push(Buffer.from(frame));
      return null;
    }
    const rd = Buffer.from(last.rdata);
    let p = 0;
    while (p < rd.length && rd[p] !== 0) p += rd[p] + 1;
    p++;
    if (p + 10 > rd.length) return "TSIG RDATA truncated";
    const alg = rd.subarray(0, p);
    const timeSigned = rd.readUIntBE(p, 6);
    const fudge = rd.readUInt16BE(p + 6);
    const macLen = rd.readUInt16BE(p + 8);
    if (p + 10 + macLen + 6 > rd.length) return "TSIG RDATA truncated";
    const mac = rd.subarray(p + 10, p + 10 + macLen);
    const origId = rd.readUInt16BE(p + 10 + macLen);
    const error = rd.readUInt16BE(p + 12 + macLen);
    const otherLen = rd.readUInt16BE(p + 14 + macLen);
    const other = rd.subarray(p + 16 + macLen, p + 16 + macLen + otherLen);
    if (Buffer.compare(Buffer.from(lowerName(alg)), Buffer.from(wire(this.key.algorithm))) !== 0)
      return "TSIG algorithm differs";
    if (Buffer.compare(Buffer.from(lowerName(last.owner)), Buffer.from(this.key.name)) !== 0)
      return "TSIG key name differs";
    if (error !== 0)
      return `server reported TSIG error ${error} (${error === 16 ? "BADSIG" : error === 17 ? "BADKEY" : error === 18 ? "BADTIME" : "other"})`;
    // Message as it was before the TSIG RR was added: original ID, ARCOUNT - 1.
    const body = Buffer.from(frame.subarray(0, last.start));
    body.writeUInt16BE(origId, 0);
    body.writeUInt16BE(body.readUInt16BE(10) - 1, 10);
    const h = this.key.hmac();
    h.update(u16(this.prevMac.length));
    h.update(this.prevMac);
    for (const m of this.pending) h.update(m);
    h.update(body);
    if (this.first) h.update(variables(this.key, timeSigned, fudge, error, other));
    else h.update(Buffer.concat([time48(timeSigned), u16(fudge)]));
    const expect = h.digest();
    if (mac.length !== expect.length || !timingSafeEqual(mac, expect)) return "TSIG MAC does not verify";
    if (Math.abs(this.now() - timeSigned) > fudge) return "TSIG time outside the fudge window";
    this.prevMac = Buffer.from(mac);
    this.pending = [];
    this.first = false;
    this.unsigned = 0;
    return null;
  }

  /** True when the last message of the stream was signed (RFC 8945 §5.3.1: it must be). */
  get complete(): boolean {
    return !this.first && this.pending.length === 0;
  }
}
