/**
 * File-against-file RRset diff (`cutover zone diff`): the comparison
 * ldns-compare-zones makes, on Cutover's canonical wire form (RFC 4034 §6):
 * owners compared case-folded (RFC 4343), RDATA as canonical wire bytes,
 * RRsets as sets (RFC 2181 §5: duplicates collapse), and a TTL difference
 * told apart from an RDATA difference.
 *
 * Why not the diff views (zone-view.ts): those keep an object per RRset with
 * presentation text, evidence and sources, for a few thousand names of a
 * live check. A file diff is asked of million-record zones, so each side is
 * packed into one byte array (`compactZone`), the parsed records can be
 * dropped before the other file is read, and equal RRsets are found by a
 * hash lookup and one byte comparison; only differing RRsets are ever
 * turned into text.
 */
import { z } from "zod";
import { DIAGNOSTIC_CODES as D } from "../zone/diagnostics";
import { nameToText } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { canonicalNameKey, compareRdata } from "../zone/rrset";
import { classToText, typeToText } from "../zone/rrtype";
import type { Diagnostic, ZoneRecord } from "../zone/types";

/**
 * One side's RRsets, packed. Entry of RRset i at starts[i]:
 * [owner length u8][owner, ASCII lowercased][class u16][type u16] = the key,
 * then [TTL u32][count u32] ([RDATA length u16][canonical RDATA])* with the
 * RDATA deduplicated and in canonical order (RFC 4034 §6.3), so two RRsets
 * are equal exactly when their entries are byte-equal.
 */
export interface CompactZone {
  bytes: Uint8Array;
  /** Entry start per RRset; entries are contiguous (RRset i ends where i + 1 starts). */
  starts: Int32Array;
  /** Key hash per RRset. */
  hashes: Int32Array;
  /** Open addressing: RRset index + 1 per slot, 0 = empty; length a power of two. */
  table: Int32Array;
  rrsets: number;
  /** Records after duplicates were collapsed. */
  records: number;
  /** DUPLICATE_RR and TTL_MISMATCH warnings, as toRRsets (rrset.ts) gives them. */
  diagnostics: Diagnostic[];
}

/** FNV-1a over the lowercased owner, then class and type. */
function ownerHash(owner: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < owner.length; i++) {
    let c = owner[i];
    if (c >= 0x41 && c <= 0x5a) c += 32;
    h = Math.imul(h ^ c, 0x01000193);
  }
  return h;
}

function keyHash(oh: number, cls: number, type: number): number {
  let h = Math.imul(oh ^ (cls >>> 8), 0x01000193);
  h = Math.imul(h ^ (cls & 0xff), 0x01000193);
  h = Math.imul(h ^ (type >>> 8), 0x01000193);
  h = Math.imul(h ^ (type & 0xff), 0x01000193);
  // final avalanche (murmur3 fmix32): the table index takes the low bits
  h ^= h >>> 16;
  h = Math.imul(h, 0x85ebca6b);
  h ^= h >>> 13;
  h = Math.imul(h, 0xc2b2ae35);
  return h ^ (h >>> 16);
}

function ownersEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a === b) return true;
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a[i];
    let y = b[i];
    if (x !== y) {
      if (x >= 0x41 && x <= 0x5a) x += 32;
      if (y >= 0x41 && y <= 0x5a) y += 32;
      if (x !== y) return false;
    }
  }
  return true;
}

function tableFor(n: number): Int32Array {
  let cap = 16;
  while (cap < n * 2) cap *= 2;
  return new Int32Array(cap);
}

/** Records grouped into RRsets by a hash table on (owner case-folded, class, type). */
interface Groups {
  count: number;
  /** Per RRset: its first record and key hash; per record: the next record of its RRset, or -1. */
  first: Int32Array;
  hashes: Int32Array;
  next: Int32Array;
  /** Open addressing: RRset index + 1 per slot, 0 = empty. */
  table: Int32Array;
  /** Bytes all packed entries take. */
  size: number;
}

function groupRecords(records: readonly ZoneRecord[]): Groups {
  const n = records.length;
  const table = tableFor(n);
  const mask = table.length - 1;
  const first = new Int32Array(n);
  const last = new Int32Array(n);
  const hashes = new Int32Array(n);
  const next = new Int32Array(n).fill(-1);
  let count = 0;
  let lastOwner: Uint8Array | null = null;
  let lastOwnerHash = 0;
  let size = 0;
  for (let i = 0; i < n; i++) {
    const r = records[i];
    if (r.owner !== lastOwner) {
      lastOwner = r.owner;
      lastOwnerHash = ownerHash(r.owner);
    }
    const h = keyHash(lastOwnerHash, r.class, r.type);
    let slot = h & mask;
    for (;;) {
      const g = table[slot] - 1;
      if (g < 0) {
        table[slot] = count + 1;
        first[count] = i;
        last[count] = i;
        hashes[count] = h;
        count++;
        size += 1 + r.owner.length + 4 + 8;
        break;
      }
      const f = records[first[g]];
      if (hashes[g] === h && f.type === r.type && f.class === r.class && ownersEqual(f.owner, r.owner)) {
        next[last[g]] = i;
        last[g] = i;
        break;
      }
      slot = (slot + 1) & mask;
    }
    size += 2 + r.rdata.length;
  }
  return { count, first, hashes, next, table, size };
}

/** Where packGroup writes; grows when needed (a scratch buffer) or sized exactly (compactZone). */
interface Packer {
  buf: Uint8Array;
  pos: number;
}

const members: number[] = [];

/**
 * Write RRset g as a CompactZone entry at p.pos: RDATA sorted and
 * deduplicated, the lowest TTL; the number of records kept.
 */
function packGroup(
  records: readonly ZoneRecord[],
  groups: Groups,
  g: number,
  p: Packer,
  diagnostics: Diagnostic[],
): number {
  members.length = 0;
  let need = 0;
  for (let i = groups.first[g]; i >= 0; i = groups.next[i]) {
    members.push(i);
    need += 2 + records[i].rdata.length;
  }
  if (members.length > 1) members.sort((x, y) => compareRdata(records[x].rdata, records[y].rdata) || x - y);
  const head = records[groups.first[g]];
  const owner = head.owner;
  need += 1 + owner.length + 12;
  if (p.pos + need > p.buf.length) {
    const bigger = new Uint8Array(Math.max(p.buf.length * 2, p.pos + need));
    bigger.set(p.buf.subarray(0, p.pos));
    p.buf = bigger;
  }
  const bytes = p.buf;
  let pos = p.pos;
  bytes[pos++] = owner.length;
  for (let k = 0; k < owner.length; k++) {
    const c = owner[k];
    bytes[pos++] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
  }
  bytes[pos++] = head.class >>> 8;
  bytes[pos++] = head.class & 0xff;
  bytes[pos++] = head.type >>> 8;
  bytes[pos++] = head.type & 0xff;
  const ttlAt = pos;
  pos += 8;
  // RFC 2181 §5.2: one TTL per RRset; the lowest, as toRRsets keeps it.
  let ttl = head.ttl;
  let count = 0;
  let prev: Uint8Array | null = null;
  let ttlWarned = false;
  for (const i of members) {
    const r = records[i];
    if (r.ttl !== head.ttl && !ttlWarned) {
      ttlWarned = true;
      diagnostics.push(
        rrsetWarning(r, D.TTL_MISMATCH, `TTLs ${head.ttl} and ${r.ttl} differ in one RRset; using the lowest`),
      );
    }
    if (r.ttl < ttl) ttl = r.ttl;
    if (prev !== null && compareRdata(prev, r.rdata) === 0) {
      diagnostics.push(rrsetWarning(r, D.DUPLICATE_RR, "duplicate record dropped (RFC 2181 §5)"));
      continue;
    }
    prev = r.rdata;
    count++;
    bytes[pos++] = r.rdata.length >>> 8;
    bytes[pos++] = r.rdata.length & 0xff;
    bytes.set(r.rdata, pos);
    pos += r.rdata.length;
  }
  writeU32(bytes, ttlAt, ttl);
  writeU32(bytes, ttlAt + 4, count);
  p.pos = pos;
  return count;
}

/** Group records into RRsets and pack them (see CompactZone). */
export function compactZone(records: readonly ZoneRecord[]): CompactZone {
  const groups = groupRecords(records);
  const p: Packer = { buf: new Uint8Array(groups.size), pos: 0 };
  const starts = new Int32Array(groups.count);
  const diagnostics: Diagnostic[] = [];
  let kept = 0;
  for (let g = 0; g < groups.count; g++) {
    starts[g] = p.pos;
    kept += packGroup(records, groups, g, p, diagnostics);
  }
  return {
    bytes: p.buf.subarray(0, p.pos),
    starts,
    hashes: groups.hashes.slice(0, groups.count),
    table: groups.table,
    rrsets: groups.count,
    records: kept,
    diagnostics,
  };
}

function rrsetWarning(r: ZoneRecord, code: Diagnostic["code"], what: string): Diagnostic {
  return {
    file: r.file,
    line: r.line,
    column: 0,
    code,
    message: `${nameToText(r.owner)} ${typeToText(r.type)}: ${what}`,
    severity: "warning",
  };
}

function writeU32(b: Uint8Array, at: number, v: number): void {
  b[at] = v >>> 24;
  b[at + 1] = (v >>> 16) & 0xff;
  b[at + 2] = (v >>> 8) & 0xff;
  b[at + 3] = v & 0xff;
}

function readU32(b: Uint8Array, at: number): number {
  return ((b[at] << 24) >>> 0) + (b[at + 1] << 16) + (b[at + 2] << 8) + b[at + 3];
}

const endOf = (z: CompactZone, i: number) => (i + 1 < z.rrsets ? z.starts[i + 1] : z.bytes.length);
/** Length of an entry's key: owner length octet, owner, class, type. */
const keyLength = (z: CompactZone, i: number) => 1 + z.bytes[z.starts[i]] + 4;

function rangesEqual(a: Uint8Array, as: number, b: Uint8Array, bs: number, len: number): boolean {
  for (let k = 0; k < len; k++) if (a[as + k] !== b[bs + k]) return false;
  return true;
}

/** The RRset of `z` whose key is the key of the entry at bytes[start], or -1. */
function find(z: CompactZone, bytes: Uint8Array, start: number, h: number): number {
  const len = 1 + bytes[start] + 4;
  const mask = z.table.length - 1;
  for (let slot = h & mask; ; slot = (slot + 1) & mask) {
    const g = z.table[slot] - 1;
    if (g < 0) return -1;
    if (z.hashes[g] === h && keyLength(z, g) === len && rangesEqual(z.bytes, z.starts[g], bytes, start, len)) return g;
  }
}

interface Unpacked {
  owner: Uint8Array;
  cls: number;
  type: number;
  ttl: number;
  rdatas: Uint8Array[];
}

function unpack(b: Uint8Array, start: number): Unpacked {
  let p = start;
  const ownerLen = b[p];
  const owner = b.subarray(p + 1, p + 1 + ownerLen);
  p += 1 + ownerLen;
  const cls = (b[p] << 8) | b[p + 1];
  const type = (b[p + 2] << 8) | b[p + 3];
  const ttl = readU32(b, p + 4);
  const count = readU32(b, p + 8);
  p += 12;
  const rdatas: Uint8Array[] = [];
  for (let k = 0; k < count; k++) {
    const len = (b[p] << 8) | b[p + 1];
    rdatas.push(b.subarray(p + 2, p + 2 + len));
    p += 2 + len;
  }
  return { owner, cls, type, ttl, rdatas };
}

/** The JSON shape of `cutover zone diff --json` (also the value diffZones returns). */
export const rrsetDifferenceSchema = z.object({
  /** Absolute owner, lowercased (owners compare case-folded, RFC 4343). */
  owner: z.string(),
  class: z.string(),
  type: z.string(),
  /** only-in-a / only-in-b: the RRset exists on one side; changed: both have it, TTL and/or RDATA differ. */
  change: z.enum(["only-in-a", "only-in-b", "changed"]),
  ttl: z.object({ a: z.number().int().nullable(), b: z.number().int().nullable() }),
  /** Both sides have the RRset and its TTLs differ. */
  ttlDiffers: z.boolean(),
  /** The RDATA sets differ (always true for only-in-a/only-in-b). */
  rdataDiffers: z.boolean(),
  /** RDATA (presentation form, canonical order) present only in A / only in B. */
  onlyInA: z.array(z.string()),
  onlyInB: z.array(z.string()),
  /** RDATA present in both. */
  common: z.number().int(),
});
export type RRsetDifference = z.infer<typeof rrsetDifferenceSchema>;

export const zoneDiffSummarySchema = z.object({
  /** RRsets equal on both sides (same TTL, same RDATA set). */
  equal: z.number().int(),
  /** RRsets listed in `differences`. */
  differ: z.number().int(),
  onlyInA: z.number().int(),
  onlyInB: z.number().int(),
  /** changed RRsets whose RDATA sets differ. */
  rdataDiffers: z.number().int(),
  /** changed RRsets whose TTLs differ (an RRset may count in both). */
  ttlDiffers: z.number().int(),
});
export type ZoneDiffSummary = z.infer<typeof zoneDiffSummarySchema>;

export interface ZoneDiff {
  summary: ZoneDiffSummary;
  /** In canonical order: owner (RFC 4034 §6.1), class, type. */
  differences: RRsetDifference[];
}

function rdataSetDiff(
  type: number,
  a: Uint8Array[],
  b: Uint8Array[],
): { onlyInA: string[]; onlyInB: string[]; common: number } {
  const onlyInA: string[] = [];
  const onlyInB: string[] = [];
  let common = 0;
  let i = 0;
  let j = 0;
  while (i < a.length || j < b.length) {
    const c = i >= a.length ? 1 : j >= b.length ? -1 : compareRdata(a[i], b[j]);
    if (c === 0) {
      common++;
      i++;
      j++;
    } else if (c < 0) onlyInA.push(rdataToText(type, a[i++]));
    else onlyInB.push(rdataToText(type, b[j++]));
  }
  return { onlyInA, onlyInB, common };
}

export interface ZoneRecordsDiff {
  diff: ZoneDiff;
  /** Zone B: RRsets, records kept (duplicates collapsed), and its DUPLICATE_RR / TTL_MISMATCH warnings. */
  rrsets: number;
  records: number;
  diagnostics: Diagnostic[];
}

/**
 * Compare zone A (packed) with zone B (records) RRset by RRset. B is packed
 * one RRset at a time into a scratch buffer, found in A by its key and
 * compared as bytes, so B never costs a second packed copy.
 */
export function diffZoneRecords(a: CompactZone, records: readonly ZoneRecord[]): ZoneRecordsDiff {
  const groups = groupRecords(records);
  const matched = new Uint8Array(a.rrsets);
  const found: { owner: Uint8Array; cls: number; type: number; d: RRsetDifference }[] = [];
  const diagnostics: Diagnostic[] = [];
  const scratch: Packer = { buf: new Uint8Array(4096), pos: 0 };
  let equal = 0;
  let kept = 0;
  const add = (u: Unpacked, d: Omit<RRsetDifference, "owner" | "class" | "type">) =>
    found.push({
      owner: u.owner,
      cls: u.cls,
      type: u.type,
      d: { owner: nameToText(u.owner), class: classToText(u.cls), type: typeToText(u.type), ...d },
    });
  for (let g = 0; g < groups.count; g++) {
    scratch.pos = 0;
    kept += packGroup(records, groups, g, scratch, diagnostics);
    const bytes = scratch.buf;
    const i = find(a, bytes, 0, groups.hashes[g]);
    if (i < 0) {
      const u = unpack(bytes, 0);
      // Copied: the scratch buffer is rewritten by the next RRset.
      u.owner = u.owner.slice();
      add(u, {
        change: "only-in-b",
        ttl: { a: null, b: u.ttl },
        ttlDiffers: false,
        rdataDiffers: true,
        onlyInA: [],
        onlyInB: u.rdatas.map((r) => rdataToText(u.type, r)),
        common: 0,
      });
      continue;
    }
    matched[i] = 1;
    const as = a.starts[i];
    const len = endOf(a, i) - as;
    if (len === scratch.pos && rangesEqual(a.bytes, as, bytes, 0, len)) {
      equal++;
      continue;
    }
    const ua = unpack(a.bytes, as);
    const ub = unpack(bytes, 0);
    const d = rdataSetDiff(ua.type, ua.rdatas, ub.rdatas);
    add(ua, {
      change: "changed",
      ttl: { a: ua.ttl, b: ub.ttl },
      ttlDiffers: ua.ttl !== ub.ttl,
      rdataDiffers: d.onlyInA.length + d.onlyInB.length > 0,
      ...d,
    });
  }
  for (let i = 0; i < a.rrsets; i++) {
    if (matched[i]) continue;
    const u = unpack(a.bytes, a.starts[i]);
    add(u, {
      change: "only-in-a",
      ttl: { a: u.ttl, b: null },
      ttlDiffers: false,
      rdataDiffers: true,
      onlyInA: u.rdatas.map((r) => rdataToText(u.type, r)),
      onlyInB: [],
      common: 0,
    });
  }
  const keyed = found.map((f) => ({ k: canonicalNameKey(f.owner), f }));
  keyed.sort((x, y) => (x.k !== y.k ? (x.k < y.k ? -1 : 1) : x.f.cls - y.f.cls || x.f.type - y.f.type));
  const differences = keyed.map((x) => x.f.d);
  const summary: ZoneDiffSummary = {
    equal,
    differ: differences.length,
    onlyInA: differences.filter((x) => x.change === "only-in-a").length,
    onlyInB: differences.filter((x) => x.change === "only-in-b").length,
    rdataDiffers: differences.filter((x) => x.change === "changed" && x.rdataDiffers).length,
    ttlDiffers: differences.filter((x) => x.ttlDiffers).length,
  };
  return { diff: { summary, differences }, rrsets: groups.count, records: kept, diagnostics };
}
