/**
 * Records -> RRsets, and canonical ordering (RFC 4034 §6.1 names, §6.3 RDATA).
 * RRsets are keyed by (owner case-folded, class, type) — RFC 2181 §5.
 */
import type { Diagnostic, RRset, ZoneRecord } from "./types";
import { DIAGNOSTIC_CODES as D } from "./diagnostics";
import { nameKey, nameToText } from "./name";
import { typeToText } from "./rrtype";

/**
 * A string whose JS ordering is RFC 4034 §6.1 canonical name order: labels
 * right to left, each octet lowercased and shifted by one, labels ended by
 * "\0" so a shorter label (and a parent name) sorts first.
 */
export function canonicalNameKey(wire: Uint8Array): string {
  const starts: number[] = [];
  let i = 0;
  while (i < wire.length && wire[i] !== 0) {
    starts.push(i);
    i += wire[i] + 1;
  }
  let s = "";
  for (let k = starts.length - 1; k >= 0; k--) {
    const p = starts[k];
    const len = wire[p];
    for (let j = p + 1; j <= p + len; j++) {
      const c = wire[j];
      s += String.fromCharCode((c >= 0x41 && c <= 0x5a ? c + 32 : c) + 1);
    }
    s += "\0";
  }
  return s;
}

/** RFC 4034 §6.3: RDATA as left-justified unsigned octet sequences. */
export function compareRdata(a: Uint8Array, b: Uint8Array): number {
  const n = Math.min(a.length, b.length);
  for (let i = 0; i < n; i++) if (a[i] !== b[i]) return a[i] - b[i];
  return a.length - b.length;
}

function keysFor(records: readonly { owner: Uint8Array }[]): string[] {
  // Consecutive records often share one owner array: compute its key once.
  const keys = new Array<string>(records.length);
  let last: Uint8Array | null = null;
  let lastKey = "";
  for (let i = 0; i < records.length; i++) {
    const o = records[i].owner;
    if (o !== last) {
      last = o;
      lastKey = canonicalNameKey(o);
    }
    keys[i] = lastKey;
  }
  return keys;
}

/** A sorted copy: owner (canonical), class, type, RDATA (canonical). Stable for equal records. */
export function sortCanonical<R extends ZoneRecord>(records: readonly R[]): R[] {
  const keys = keysFor(records);
  const idx = new Int32Array(records.length);
  for (let i = 0; i < idx.length; i++) idx[i] = i;
  const order = Array.from(idx).sort((x, y) => {
    const kx = keys[x];
    const ky = keys[y];
    if (kx !== ky) return kx < ky ? -1 : 1;
    const a = records[x];
    const b = records[y];
    if (a.class !== b.class) return a.class - b.class;
    if (a.type !== b.type) return a.type - b.type;
    const c = compareRdata(a.rdata, b.rdata);
    return c !== 0 ? c : x - y;
  });
  return order.map((i) => records[i]);
}

export interface ToRRsetsResult {
  /** In canonical order; each RRset's rdatas deduplicated and sorted. */
  rrsets: RRset[];
  /** DUPLICATE_RR and TTL_MISMATCH warnings, pointing at the offending record. */
  diagnostics: Diagnostic[];
}

/**
 * Group records into RRsets. Identical RDATA twice -> one copy + DUPLICATE_RR
 * (RFC 2181 §5); TTLs that differ inside an RRset -> the lowest TTL +
 * TTL_MISMATCH (RFC 2181 §5.2 says a set has one TTL; the lowest is the safe
 * choice for caching, and what BIND's loader keeps).
 */
export function toRRsets(records: readonly ZoneRecord[]): ToRRsetsResult {
  const sorted = sortCanonical(records);
  const rrsets: RRset[] = [];
  const diagnostics: Diagnostic[] = [];
  let cur: RRset | null = null;
  let curKey = "";
  let lastOwner: Uint8Array | null = null;
  let lastOwnerKey = "";
  let mismatchWarned = false;
  for (const r of sorted) {
    if (r.owner !== lastOwner) {
      lastOwner = r.owner;
      lastOwnerKey = nameKey(r.owner);
    }
    const key = lastOwnerKey;
    if (cur === null || key !== curKey || r.class !== cur.class || r.type !== cur.type) {
      cur = { owner: r.owner, class: r.class, type: r.type, ttl: r.ttl, rdatas: [r.rdata] };
      curKey = key;
      mismatchWarned = false;
      rrsets.push(cur);
      continue;
    }
    if (r.ttl !== cur.ttl) {
      if (!mismatchWarned) {
        diagnostics.push({
          file: r.file,
          line: r.line,
          column: 0,
          code: D.TTL_MISMATCH,
          message: `${nameToText(r.owner)} ${typeToText(r.type)}: TTLs ${cur.ttl} and ${r.ttl} differ in one RRset; using the lowest`,
          severity: "warning",
        });
        mismatchWarned = true;
      }
      if (r.ttl < cur.ttl) cur.ttl = r.ttl;
    }
    // Sorted: a duplicate is always adjacent to its twin.
    if (compareRdata(cur.rdatas[cur.rdatas.length - 1], r.rdata) === 0) {
      diagnostics.push({
        file: r.file,
        line: r.line,
        column: 0,
        code: D.DUPLICATE_RR,
        message: `${nameToText(r.owner)} ${typeToText(r.type)}: duplicate record dropped (RFC 2181 §5)`,
        severity: "warning",
      });
      continue;
    }
    cur.rdatas.push(r.rdata);
  }
  return { rrsets, diagnostics };
}
