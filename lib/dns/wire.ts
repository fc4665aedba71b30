/**
 * DNS message decoding for answers from the network (RFC 1035 §4.1).
 *
 * What dns-packet does here: the header flag masks, and the OPT
 * pseudo-record (RFC 6891 §6.1: payload size, extended RCODE, version, DO
 * and the options), decoded by `dnsPacket.answer.decode` at its offset.
 *
 * What it cannot do, hence the small reader below: (1) its name codec
 * decodes labels as UTF-8 text, so a label byte ≥ 0x80 or a dot inside a
 * label is lost — question matching and evidence need the exact wire name;
 * (2) it turns RDATA into objects and never returns the raw bytes, while
 * evidence must be canonical wire RDATA so a live answer compares byte for
 * byte with an imported record. The reader keeps names as uncompressed wire
 * bytes (case as received) and RDATA as bytes, decompressing only the names
 * RFC 3597 §4 allows to be compressed. Hostile input never throws nor loops
 * (pointers must point backwards, 255-octet and pointer-count limits): the
 * result says `ok: false`.
 */
import dnsPacket from "dns-packet";

export interface MessageFlags {
  qr: boolean;
  opcode: number;
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
}

export interface WireQuestion {
  name: Uint8Array;
  type: number;
  class: number;
}

export interface WireRecord {
  owner: Uint8Array;
  type: number;
  class: number;
  ttl: number;
  /** RDATA with embedded names decompressed (case as received). */
  rdata: Uint8Array;
  /** Offset of the record's first byte in the message (TSIG verification needs it). */
  start: number;
}

export interface WireEdns {
  udpSize: number;
  extendedRcode: number;
  version: number;
  do: boolean;
  /** EDNS options as dns-packet decodes them (RFC 6891 §6.1.2): code plus its fields. */
  options: { code: number; [field: string]: unknown }[];
}

export interface WireMessage {
  id: number;
  flags: MessageFlags;
  /** Full rcode: header rcode plus the OPT extension (RFC 6891 §6.1.3). */
  rcode: number;
  questions: WireQuestion[];
  answer: WireRecord[];
  authority: WireRecord[];
  /** Without the OPT pseudo-record. */
  additional: WireRecord[];
  edns: WireEdns | null;
}

export type DecodeResult = { ok: true; message: WireMessage } | { ok: false; reason: string };

const TYPE_OPT = 41;

class Malformed extends Error {}

function fail(reason: string): never {
  throw new Malformed(reason);
}

interface NameRead {
  wire: Uint8Array;
  /** Offset just after the name in the original position (pointers count 2 bytes). */
  next: number;
}

/**
 * Read a possibly compressed name. Pointers must point strictly backwards
 * from the label that holds them (RFC 1035 §4.1.4 "prior occurrence"), which
 * makes loops impossible; the 255-octet limit bounds the work.
 */
export function readName(buf: Uint8Array, offset: number, limit = buf.length, arena = new Arena(256)): NameRead {
  const wire = decompressName(buf, offset, limit, arena);
  return { wire, next: viewAt.next };
}

/** readName's work; the offset after the name is left in viewAt.next (no result object). */
function decompressName(buf: Uint8Array, offset: number, limit: number, arena: Arena): Uint8Array {
  arena.room(255);
  const first = arena.pos;
  decompressInto(buf, offset, limit, arena);
  return arena.buf.subarray(first, arena.pos);
}

/**
 * Write the name at `offset` decompressed at arena.pos (the caller made room
 * for 255 octets) and advance arena.pos; the offset after the name is left
 * in viewAt.next. No view is made: RDATA with several names is one view.
 */
function decompressInto(buf: Uint8Array, offset: number, limit: number, arena: Arena): void {
  const out = arena.buf;
  const first = arena.pos;
  let o = first;
  let pos = offset;
  let next = -1;
  let guard = 0;
  for (;;) {
    if (pos >= limit && next === -1) fail("name runs past the end");
    if (pos >= buf.length) fail("name runs past the end");
    const len = buf[pos];
    if (len === 0) {
      out[o++] = 0;
      if (next === -1) next = pos + 1;
      break;
    }
    const kind = len & 0xc0;
    if (kind === 0xc0) {
      if (pos + 1 >= buf.length || (next === -1 && pos + 1 >= limit)) fail("truncated compression pointer");
      const target = ((len & 0x3f) << 8) | buf[pos + 1];
      if (target >= pos) fail("compression pointer does not point backwards");
      if (next === -1) next = pos + 2;
      pos = target;
      if (++guard > 128) fail("too many compression pointers");
      continue;
    }
    if (kind !== 0) fail("reserved label type");
    if (pos + 1 + len > buf.length || (next === -1 && pos + 1 + len > limit)) fail("label runs past the end");
    if (o - first + len + 2 > 255) fail("name longer than 255 octets");
    out[o++] = len;
    // A byte loop: labels are short, and a subarray per label was most of a decode's allocation.
    for (let k = pos + 1, e = pos + 1 + len; k < e; k++) out[o++] = buf[k];
    pos += len + 1;
  }
  arena.pos = o;
  viewAt.next = next;
}

/**
 * Where one message's decoded names and RDATA are written: they are views
 * into a few shared chunks rather than one ArrayBuffer each, which made
 * allocation and garbage collection a quarter of the cost of a query.
 * A full chunk is left to its views and a new one started.
 */
const FIRST_CHUNK = 1024;

export class Arena {
  buf: Uint8Array;
  pos = 0;
  constructor(private readonly chunk: number) {
    // The first chunk is small, so a new chunk is taken within the first few dozen uses: V8 then has feedback
    // for that path when it compiles the callers, which would otherwise be deoptimised the first time it runs.
    this.buf = new Uint8Array(chunk < FIRST_CHUNK ? chunk : FIRST_CHUNK);
  }
  /** Make room for n contiguous bytes. */
  room(n: number): void {
    if (this.pos + n > this.buf.length) {
      this.buf = new Uint8Array(n > this.chunk ? n : this.chunk);
      this.pos = 0;
    }
  }
  /** Copy bytes in and return their view. */
  copy(bytes: Uint8Array): Uint8Array {
    this.room(bytes.length);
    const start = this.pos;
    this.buf.set(bytes, start);
    this.pos += bytes.length;
    return this.buf.subarray(start, this.pos);
  }
}

/**
 * Layout of RDATA for types whose embedded names may arrive compressed
 * (RFC 3597 §4: the RFC 1035 types, plus RP, AFSDB, RT, PX, NAPTR, SRV, KX
 * that receivers SHOULD decompress). "n" = name, a number = fixed bytes,
 * "s" = one character-string.
 */
export const LAYOUTS: Record<number, (number | "n" | "s")[]> = {
  2: ["n"], // NS
  3: ["n"], // MD
  4: ["n"], // MF
  5: ["n"], // CNAME
  6: ["n", "n", 20], // SOA
  7: ["n"], // MB
  8: ["n"], // MG
  9: ["n"], // MR
  12: ["n"], // PTR
  14: ["n", "n"], // MINFO
  15: [2, "n"], // MX
  17: ["n", "n"], // RP
  18: [2, "n"], // AFSDB
  21: [2, "n"], // RT
  26: [2, "n", "n"], // PX
  33: [6, "n"], // SRV
  35: [4, "s", "s", "s", "n"], // NAPTR
  36: [2, "n"], // KX
};

/**
 * LAYOUTS as a dense array: most types have no layout, and a keyed miss on
 * an object walks its prototype chain on every record of every answer.
 */
const LAYOUT_TABLE: ((number | "n" | "s")[] | null)[] = Array.from({ length: 37 }, (_, t) => LAYOUTS[t] ?? null);

/** The RDATA layout of `type` (null: no compressible names in it). */
export function layoutOf(type: number): (number | "n" | "s")[] | null {
  return type < LAYOUT_TABLE.length ? LAYOUT_TABLE[type] : null;
}

function readRdata(buf: Uint8Array, type: number, start: number, end: number, arena: Arena): Uint8Array {
  const layout = layoutOf(type);
  if (!layout) return arena.copy(buf.subarray(start, end));
  // Decompressed RDATA is at most its wire length plus 255 octets per embedded name.
  arena.room(end - start + 255 * layout.length);
  const first = arena.pos;
  let pos = start;
  // Names written in place and fixed fields copied byte by byte: one view for the whole RDATA, none per part.
  for (let i = 0; i < layout.length; i++) {
    const item = layout[i];
    let n: number;
    if (item === "n") {
      decompressInto(buf, pos, end, arena);
      pos = viewAt.next;
      continue;
    } else if (item === "s") {
      if (pos >= end) fail("character-string runs past RDATA");
      n = 1 + buf[pos];
      if (pos + n > end) fail("character-string runs past RDATA");
    } else {
      n = item;
      if (pos + n > end) fail("RDATA shorter than its type requires");
    }
    const out = arena.buf;
    for (let k = 0, o = arena.pos; k < n; k++) out[o + k] = buf[pos + k];
    arena.pos += n;
    pos += n;
  }
  if (pos !== end) fail(`RDATA of type ${type} has ${end - pos} trailing bytes`);
  return arena.buf.subarray(first, arena.pos);
}

/** Where readNameView leaves the offset after the name (one shared object: no allocation per name). */
export const viewAt = { next: 0 };

/** End offset of the uncompressed name at `offset` within `limit` (≤ 255 octets), or -1 (compressed or not plain). */
function plainNameEnd(buf: Uint8Array, offset: number, limit: number): number {
  let pos = offset;
  while (pos < limit) {
    const l = buf[pos];
    if (l === 0) return pos + 1 - offset <= 255 ? pos + 1 : -1;
    if (l & 0xc0) return -1;
    pos += l + 1;
  }
  return -1;
}

/**
 * readName for evidence: a name that holds no compression pointer is a view
 * of `buf` itself (zero copy); only a compressed name is decompressed into
 * the arena. The offset after the name is left in viewAt.next. Anything
 * readName would reject still goes through readName (same errors).
 */
export function readNameView(buf: Uint8Array, offset: number, limit: number, arena: Arena): Uint8Array {
  const e = plainNameEnd(buf, offset, limit);
  if (e > 0) {
    viewAt.next = e;
    return buf.subarray(offset, e);
  }
  // Only a (backward) pointer to a plain name — an owner pointing at the question, the common case:
  // the name is a view of its target, as decompressing it would have produced.
  if (offset + 1 < limit && (buf[offset] & 0xc0) === 0xc0) {
    const target = ((buf[offset] & 0x3f) << 8) | buf[offset + 1];
    const te = target < offset ? plainNameEnd(buf, target, buf.length) : -1;
    if (te > 0) {
      viewAt.next = offset + 2;
      return buf.subarray(target, te);
    }
  }
  return decompressName(buf, offset, limit, arena);
}

/** The offset after the (validated) name at `offset`, without reading it; throws past the end. */
export function skipNameAt(buf: Uint8Array, offset: number): number {
  let pos = offset;
  for (;;) {
    if (pos >= buf.length) fail("name runs past the end");
    const l = buf[pos];
    if (l === 0) return pos + 1;
    if ((l & 0xc0) === 0xc0) return pos + 2;
    pos += l + 1;
  }
}

/**
 * RDATA with embedded names decompressed (RFC 3597 §4), as a view of `buf`
 * when nothing in it is compressed, as readNameView does for names.
 */
export function readRdataView(buf: Uint8Array, type: number, start: number, end: number, arena: Arena): Uint8Array {
  if (end > buf.length) fail("RDATA runs past the end of the message");
  const layout = layoutOf(type);
  if (!layout) return buf.subarray(start, end);
  let pos = start;
  for (let i = 0; i < layout.length && pos >= 0; i++) {
    const item = layout[i];
    if (item === "n") pos = plainNameEnd(buf, pos, end);
    else if (item === "s") pos = pos < end && pos + 1 + buf[pos] <= end ? pos + 1 + buf[pos] : -1;
    else pos = pos + item <= end ? pos + item : -1;
  }
  if (pos === end) return buf.subarray(start, end);
  return readRdata(buf, type, start, end, arena);
}

function u16(buf: Uint8Array, pos: number): number {
  if (pos + 2 > buf.length) fail("message truncated");
  return (buf[pos] << 8) | buf[pos + 1];
}

function u32(buf: Uint8Array, pos: number): number {
  if (pos + 4 > buf.length) fail("message truncated");
  return ((buf[pos] << 24) >>> 0) + (buf[pos + 1] << 16) + (buf[pos + 2] << 8) + buf[pos + 3];
}

function readRecord(buf: Uint8Array, pos: number, arena: Arena): { rec: WireRecord; next: number } {
  const start = pos;
  const owner = readName(buf, pos, buf.length, arena);
  pos = owner.next;
  const type = u16(buf, pos);
  const cls = u16(buf, pos + 2);
  const ttl = u32(buf, pos + 4);
  const rdlen = u16(buf, pos + 8);
  pos += 10;
  if (pos + rdlen > buf.length) fail("RDATA runs past the end of the message");
  const rdata = readRdata(buf, type, pos, pos + rdlen, arena);
  return { rec: { owner: owner.wire, type, class: cls, ttl, rdata, start }, next: pos + rdlen };
}

/** Decode a whole message. Trailing garbage after the last record is malformed. */
export function decodeMessage(buf: Uint8Array): DecodeResult {
  try {
    return { ok: true, message: decode(buf) };
  } catch (e) {
    if (e instanceof Malformed) return { ok: false, reason: e.message };
    return { ok: false, reason: `undecodable message: ${String(e)}` };
  }
}

/** Header only: enough to match an answer to its query before full decoding. */
export function peekId(buf: Uint8Array): number | null {
  return buf.length >= 2 ? (buf[0] << 8) | buf[1] : null;
}

/** dns-packet's single-record codec (exported at run time, absent from @types/dns-packet). */
const packetAnswer = (dnsPacket as unknown as { answer: { decode(buf: Buffer, offset: number): dnsPacket.Answer } })
  .answer;

/**
 * The OPT record at `start` (already bounds-checked by readRecord), decoded
 * by dns-packet. Its option parsers can throw on a malformed option: that
 * makes the message malformed, like any other broken record.
 */
export function decodeOpt(buf: Uint8Array, start: number): WireEdns {
  let a: dnsPacket.Answer;
  try {
    a = packetAnswer.decode(Buffer.from(buf.buffer, buf.byteOffset, buf.length), start);
  } catch (e) {
    fail(`bad OPT record: ${(e as Error).message}`);
  }
  if (a.type !== "OPT") fail("OPT record not decodable");
  return {
    udpSize: a.udpPayloadSize,
    extendedRcode: a.extendedRcode,
    version: a.ednsVersion,
    do: a.flag_do,
    options: (a.options ?? []).map((o) => ({ ...o }) as { code: number; [field: string]: unknown }),
  };
}

function decode(buf: Uint8Array): WireMessage {
  if (buf.length < 12) fail("message shorter than a header");
  const id = u16(buf, 0);
  const f = u16(buf, 2);
  const qd = u16(buf, 4);
  const an = u16(buf, 6);
  const ns = u16(buf, 8);
  const ar = u16(buf, 10);
  const flags: MessageFlags = {
    qr: (f & 0x8000) !== 0, // dns-packet has no mask for QR (it is its "type": query/response)
    opcode: (f >> 11) & 0xf,
    aa: (f & dnsPacket.AUTHORITATIVE_ANSWER) !== 0,
    tc: (f & dnsPacket.TRUNCATED_RESPONSE) !== 0,
    rd: (f & dnsPacket.RECURSION_DESIRED) !== 0,
    ra: (f & dnsPacket.RECURSION_AVAILABLE) !== 0,
    ad: (f & dnsPacket.AUTHENTIC_DATA) !== 0,
    cd: (f & dnsPacket.CHECKING_DISABLED) !== 0,
  };
  // Every record needs at least 11 bytes: cheap guard against absurd counts.
  if (qd * 5 + (an + ns + ar) * 11 > buf.length - 12) fail("section counts exceed the message size");
  let pos = 12;
  // Room for the whole message decompressed in the common case; grows when pointers expand a lot.
  const arena = new Arena(2 * buf.length + 256);
  const questions: WireQuestion[] = [];
  for (let i = 0; i < qd; i++) {
    const n = readName(buf, pos, buf.length, arena);
    pos = n.next;
    questions.push({ name: n.wire, type: u16(buf, pos), class: u16(buf, pos + 2) });
    pos += 4;
  }
  const sections: WireRecord[][] = [[], [], []];
  const counts = [an, ns, ar];
  let edns: WireEdns | null = null;
  let rcode = f & 0xf;
  for (let s = 0; s < 3; s++) {
    for (let i = 0; i < counts[s]; i++) {
      const { rec, next } = readRecord(buf, pos, arena);
      pos = next;
      if (s === 2 && rec.type === TYPE_OPT) {
        // RFC 6891 §6.1.1: at most one OPT, owner root.
        if (edns) fail("more than one OPT record");
        if (rec.owner.length !== 1) fail("OPT owner is not the root");
        edns = decodeOpt(buf, rec.start);
        rcode |= edns.extendedRcode << 4;
        continue;
      }
      sections[s].push(rec);
    }
  }
  if (pos !== buf.length) fail(`${buf.length - pos} bytes after the last record`);
  return { id, flags, rcode, questions, answer: sections[0], authority: sections[1], additional: sections[2], edns };
}
