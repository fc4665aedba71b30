/**
 * Validate an answer without decoding it (hot path of every UDP query).
 *
 * decodeMessage (wire.ts) copies every name and RDATA into new buffers and
 * builds an object per record; doing that for every answer at receipt cost
 * more than the rest of a query's JavaScript together. The scan applies
 * exactly the same rules (RFC 1035 §4.1: header, counts, names with
 * backward-only compression pointers and the 255-octet limit, RDATA layouts
 * of RFC 3597 §4, one OPT at the root per RFC 6891 §6.1.1, no trailing
 * bytes) but allocates nothing per record: it returns the header facts the
 * engine needs at once, and the records are decoded from the kept bytes
 * only when someone reads them (live-answer.ts). `scan ok ⇔ decode ok` is
 * asserted by a property test (scan.test.ts).
 */
import { decodeOpt, layoutOf } from "./wire";

export interface Scan {
  flags: number;
  /** Full rcode (header + OPT extension). */
  rcode: number;
  qdcount: number;
  /** Offset just after the first question's name (12 when there is none). */
  qnameEnd: number;
  edns: { udpSize: number; do: boolean; version: number } | null;
}

export type ScanResult = Scan | string;

/**
 * EDNS facts as one frozen object per (size, DO, version): servers answer
 * with one or two combinations, and every kept answer holds one.
 */
const ednsSets = new Map<number, NonNullable<Scan["edns"]>>();
function ednsOf(udpSize: number, dnssecOk: boolean, version: number): NonNullable<Scan["edns"]> {
  const key = udpSize * 512 + version * 2 + (dnssecOk ? 1 : 0);
  let e = ednsSets.get(key);
  if (!e) {
    e = Object.freeze({ udpSize, do: dnssecOk, version });
    if (ednsSets.size < 4096) ednsSets.set(key, e);
  }
  return e;
}

/** Where skipName leaves its results (one shared object: no allocation per name). */
const at = { next: 0, len: 0 };

/** Skip a possibly compressed name with readName's checks; the reason on failure, else null. */
function skipName(buf: Uint8Array, offset: number, limit: number): string | null {
  let pos = offset;
  let next = -1;
  let guard = 0;
  let len = 0;
  for (;;) {
    if (pos >= limit && next === -1) return "name runs past the end";
    if (pos >= buf.length) return "name runs past the end";
    const l = buf[pos];
    if (l === 0) {
      len += 1;
      if (next === -1) next = pos + 1;
      break;
    }
    const kind = l & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= buf.length || (next === -1 && pos + 1 >= limit)) return "truncated compression pointer";
      const target = ((l & 0x3f) << 8) | buf[pos + 1];
      if (target >= pos) return "compression pointer does not point backwards";
      if (next === -1) next = pos + 2;
      pos = target;
      if (++guard > 128) return "too many compression pointers";
      continue;
    }
    if (kind !== 0) return "reserved label type";
    if (pos + 1 + l > buf.length || (next === -1 && pos + 1 + l > limit)) return "label runs past the end";
    if (len + l + 2 > 255) return "name longer than 255 octets";
    len += l + 1;
    pos += l + 1;
  }
  at.next = next;
  at.len = len;
  return null;
}

function skipRdata(buf: Uint8Array, type: number, start: number, end: number): string | null {
  const layout = layoutOf(type);
  if (!layout) return null;
  let pos = start;
  for (let i = 0; i < layout.length; i++) {
    const item = layout[i];
    if (item === "n") {
      const e = skipName(buf, pos, end);
      if (e) return e;
      pos = at.next;
    } else if (item === "s") {
      if (pos >= end) return "character-string runs past RDATA";
      const len = buf[pos];
      if (pos + 1 + len > end) return "character-string runs past RDATA";
      pos += 1 + len;
    } else {
      if (pos + item > end) return "RDATA shorter than its type requires";
      pos += item;
    }
  }
  if (pos !== end) return `RDATA of type ${type} has ${end - pos} trailing bytes`;
  return null;
}

/** Validate a whole message: the reason it is malformed, or its header facts. */
export function scanMessage(buf: Uint8Array): ScanResult {
  const out: Scan = { flags: 0, rcode: 0, qdcount: 0, qnameEnd: 12, edns: null };
  return scanInto(buf, out) ?? out;
}

/** scanMessage writing the facts into `out` (the query path reuses one): the reason it is malformed, or null. */
export function scanInto(buf: Uint8Array, out: Scan): string | null {
  if (buf.length < 12) return "message shorter than a header";
  const f = (buf[2] << 8) | buf[3];
  const qd = (buf[4] << 8) | buf[5];
  const an = (buf[6] << 8) | buf[7];
  const ns = (buf[8] << 8) | buf[9];
  const ar = (buf[10] << 8) | buf[11];
  if (qd * 5 + (an + ns + ar) * 11 > buf.length - 12) return "section counts exceed the message size";
  let pos = 12;
  let qnameEnd = 12;
  for (let i = 0; i < qd; i++) {
    const e = skipName(buf, pos, buf.length);
    if (e) return e;
    if (i === 0) qnameEnd = at.next;
    pos = at.next;
    if (pos + 4 > buf.length) return "message truncated";
    pos += 4;
  }
  let rcode = f & 0xf;
  let edns: Scan["edns"] = null;
  const total = an + ns + ar;
  for (let i = 0; i < total; i++) {
    const start = pos;
    const e = skipName(buf, pos, buf.length);
    if (e) return e;
    const ownerLen = at.len;
    pos = at.next;
    if (pos + 10 > buf.length) return "message truncated";
    const type = (buf[pos] << 8) | buf[pos + 1];
    const rdlen = (buf[pos + 8] << 8) | buf[pos + 9];
    pos += 10;
    if (pos + rdlen > buf.length) return "RDATA runs past the end of the message";
    const re = skipRdata(buf, type, pos, pos + rdlen);
    if (re) return re;
    if (i >= an + ns && type === 41) {
      if (edns) return "more than one OPT record";
      if (ownerLen !== 1) return "OPT owner is not the root";
      if (rdlen === 0 && buf[start] === 0) {
        // The common case read directly (RFC 6891 §6.1.3): class = payload size, TTL = ext-rcode, version, DO.
        edns = ednsOf((buf[pos - 8] << 8) | buf[pos - 7], (buf[pos - 4] & 0x80) !== 0, buf[pos - 5]);
        rcode |= buf[pos - 6] << 4;
      } else {
        // Options present: dns-packet's codec, as decodeMessage does (it rejects the same bad options).
        let o;
        try {
          o = decodeOpt(buf, start);
        } catch (err) {
          return (err as Error).message;
        }
        edns = ednsOf(o.udpSize, o.do, o.version);
        rcode |= o.extendedRcode << 4;
      }
    }
    pos += rdlen;
  }
  if (pos !== buf.length) return `${buf.length - pos} bytes after the last record`;
  out.flags = f;
  out.rcode = rcode;
  out.qdcount = qd;
  out.qnameEnd = qnameEnd;
  out.edns = edns;
  return null;
}

/** Whether the name at `offset` (possibly compressed, already validated) equals `wire`, ignoring ASCII case (RFC 4343). */
export function nameAtEquals(buf: Uint8Array, offset: number, wire: Uint8Array): boolean {
  let pos = offset;
  let i = 0;
  for (;;) {
    let l = buf[pos];
    while ((l & 0xc0) === 0xc0) {
      pos = ((l & 0x3f) << 8) | buf[pos + 1];
      l = buf[pos];
    }
    if (wire[i] !== l) return false;
    if (l === 0) return true;
    for (let k = 1; k <= l; k++) {
      let a = buf[pos + k];
      let b = wire[i + k];
      if (a >= 0x41 && a <= 0x5a) a |= 0x20;
      if (b >= 0x41 && b <= 0x5a) b |= 0x20;
      if (a !== b) return false;
    }
    pos += l + 1;
    i += l + 1;
  }
}
