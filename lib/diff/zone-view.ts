/**
 * Views: one zone as a source or a single server address holds it, as
 * RRsets in canonical wire form. Case, relative/absolute spelling, RR order
 * and IPv6 spelling vanish here because everything is compared as canonical
 * wire RDATA (RFC 4034 §6.2) keyed by case-folded owner (RFC 4343).
 */
import type { AxfrResult } from "../dns/axfr";
import type { ServerAnswer, ServerRef } from "../dns/types";
import { compareRdata } from "../zone/rrset";
import { isSubdomain, labelCount, nameKey, nameToText, namesEqual, parseName } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { T, typeToText } from "../zone/rrtype";
import type { ZoneRecord } from "../zone/types";
import type { EvidenceRef, RRsetView, ZoneView } from "./types";

/**
 * Signer-specific types: each operator signs with its own keys, so these
 * never compare equal across operators; the SEC checks judge them instead.
 */
export const SIGNER_TYPES: ReadonlySet<number> = new Set([
  T.RRSIG,
  T.NSEC,
  T.NSEC3,
  T.NSEC3PARAM,
  T.DNSKEY,
  T.CDS,
  T.CDNSKEY,
  T.ZONEMD,
]);

/** The wildcard probe label lib/dns asks (a synthesized answer there is not zone content). */
const PROBE_PREFIX = "_cutover-probe-";

export const rrsetKey = (owner: Uint8Array, cls: number, type: number) => `${nameKey(owner)}|${cls}|${type}`;
export const serverLabel = (s: ServerRef) =>
  `${s.name} ${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`;

export function lowerText(owner: Uint8Array): string {
  return nameToText(owner).toLowerCase();
}

export function recordText(owner: string, ttl: number, type: number, text: string): string {
  return `${owner} ${ttl} IN ${typeToText(type)} ${text}`;
}

/** Key and owner text shared by every view of one diff (the same RRset is in five or more views). */
export type Interner = Map<string, readonly [key: string, ownerText: string, owner: Uint8Array]>;

/** The fact a full transfer is for each of its RRsets: its text is made when a finding shows it. */
interface XfrFact {
  snapshot: "old" | "new";
  server: string;
}

/**
 * An RRset of a view. Presentation texts are made on first use: a view of a
 * 100,000-name zone holds every RRset, but checks read the texts of few.
 */
class RRset implements RRsetView {
  readonly key: string;
  readonly ownerText: string;
  readonly owner: Uint8Array;
  readonly typeText: string;
  readonly class: number;
  rdatas: Uint8Array[] = [];
  /** Null until read or set; a transferred RRset then gets its AXFR fact, a source's its first lines. */
  ev: EvidenceRef[] | null = null;
  xfr: XfrFact | null = null;
  /** The first few source records (already held by the import): their lines are made on read. */
  lines: ZoneRecord[] | null = null;
  private textCache: string[] | null = null;
  constructor(
    owner: Uint8Array,
    cls: number,
    readonly type: number,
    public ttl: number,
    intern?: Interner,
  ) {
    this.class = cls;
    const k = rrsetKey(owner, cls, type);
    let shared = intern?.get(k);
    if (!shared) {
      shared = [flat(k), lowerText(owner), owner];
      intern?.set(shared[0], shared);
    }
    this.key = shared[0];
    this.ownerText = shared[1];
    this.owner = shared[2];
    this.typeText = typeToText(type);
  }
  get evidence(): EvidenceRef[] {
    if (this.ev) return this.ev;
    const x = this.xfr;
    const n = this.rdatas.length;
    if (this.lines) {
      this.ev = this.lines.map((r) => ({
        kind: "source" as const,
        file: r.file,
        line: r.line,
        text: `${r.file}:${r.line}: ${recordText(this.ownerText, r.ttl, r.type, rdataToText(r.type, r.rdata))}`,
      }));
      this.lines = null;
      return this.ev;
    }
    // Owner, TTL and type only: the RDATA texts are made when a finding shows them (memory at 100,000 names).
    return (this.ev = x
      ? [
          {
            kind: "fact",
            snapshot: x.snapshot,
            server: x.server,
            text: `${x.server} AXFR: ${this.ownerText} ${this.ttl} IN ${this.typeText} (${n} record${n === 1 ? "" : "s"})`,
          },
        ]
      : []);
  }
  set evidence(v: EvidenceRef[]) {
    this.ev = v;
  }
  get texts(): string[] {
    return (this.textCache ??= this.rdatas.map((r) => rdataToText(this.type, r)));
  }
  /** Keep canonical order and drop duplicates (RFC 2181 §5: an RRset is a set). */
  add(rdata: Uint8Array): void {
    const xs = this.rdatas;
    let lo = 0;
    let hi = xs.length;
    while (lo < hi) {
      const mid = (lo + hi) >> 1;
      const c = compareRdata(xs[mid], rdata);
      if (c === 0) return;
      if (c < 0) lo = mid + 1;
      else hi = mid;
    }
    if (lo === xs.length) xs.push(rdata);
    else xs.splice(lo, 0, rdata);
    this.textCache = null;
  }
  toJSON() {
    return {
      key: this.key,
      ownerText: this.ownerText,
      class: this.class,
      type: this.type,
      typeText: this.typeText,
      ttl: this.ttl,
      texts: this.texts,
      evidence: this.evidence,
    };
  }
}

/**
 * Names are built label by label: V8 keeps such strings as trees of
 * concatenations (≈ 25 nodes per RRset) until flattened; reading a character
 * flattens one in place.
 */
function flat(x: string): string {
  x.charCodeAt(0);
  return x;
}

/** Exact-size arrays once a view is built (growing arrays keep room for ~16 more). */
function compact(rrsets: Map<string, RRsetView>): void {
  for (const s of rrsets.values()) {
    if (s.rdatas.length < 8) s.rdatas = s.rdatas.slice();
    const ev = s instanceof RRset ? s.ev : s.evidence;
    if (ev && ev.length < 8) s.evidence = ev.slice();
  }
}

function addRdata(set: RRsetView, rdata: Uint8Array): void {
  (set as RRset).add(rdata);
}

function newSet(owner: Uint8Array, cls: number, type: number, ttl: number, intern?: Interner): RRsetView {
  return new RRset(owner, cls, type, ttl, intern);
}

/** Strictly below one of the cuts: occluded data (glue), not the zone's own (RFC 1034 §4.2.1). */
function belowCut(owner: Uint8Array, cuts: Uint8Array[]): boolean {
  return cuts.some((c) => isSubdomain(owner, c) && labelCount(owner) > labelCount(c));
}

export interface SourceViewOptions {
  label: string;
  apex: Uint8Array;
  records: readonly ZoneRecord[];
  intern?: Interner;
}

/**
 * Zone cuts below the apex in a list of records: NS owners, and SOA owners (a
 * child zone's apex), plus cuts known from elsewhere.
 */
function cutsIn(
  records: readonly { owner: Uint8Array; type: number }[],
  apex: Uint8Array,
  extra: readonly Uint8Array[] = [],
): Uint8Array[] {
  const out: Uint8Array[] = [...extra];
  for (const r of records) {
    if ((r.type !== T.NS && r.type !== T.SOA) || namesEqual(r.owner, apex) || !isSubdomain(r.owner, apex)) continue;
    if (!out.some((c) => namesEqual(c, r.owner))) out.push(r.owner);
  }
  return out;
}

/**
 * The parent side of a cut holds only the delegation NS and the DS (RFC 1034
 * §4.2.1, RFC 4035 §2.4); anything else at or below the cut is the child's
 * (and glue, which is occluded data, not the zone's own).
 */
function parentSide(owner: Uint8Array, type: number, cuts: readonly Uint8Array[]): boolean {
  if (belowCut(owner, cuts as Uint8Array[])) return false;
  const atCut = cuts.some((c) => namesEqual(c, owner));
  if (type === T.DS) return atCut;
  return !atCut || type === T.NS;
}

/** A source (import) as a view: assumed complete, so `asked` is always true. */
export function sourceView(opts: SourceViewOptions): ZoneView {
  const { apex } = opts;
  const inZone = opts.records.filter((r) => isSubdomain(r.owner, apex) && !SIGNER_TYPES.has(r.type));
  const cuts = cutsIn(inZone, apex);
  const rrsets = new Map<string, RRsetView>();
  for (const r of inZone) {
    if (!parentSide(r.owner, r.type, cuts)) continue;
    const k = rrsetKey(r.owner, r.class, r.type);
    let s = rrsets.get(k);
    if (!s) {
      s = newSet(r.owner, r.class, r.type, r.ttl, opts.intern);
      rrsets.set(k, s);
    }
    // RFC 2181 §5.2: one TTL per RRset; the lowest is what caches would keep.
    if (r.ttl < s.ttl) s.ttl = r.ttl;
    addRdata(s, r.rdata);
    const set = s as RRset;
    if (!set.lines) set.lines = [r];
    else if (set.lines.length < 4) set.lines.push(r);
  }
  compact(rrsets);
  const soa = [...rrsets.values()].find((s) => s.type === T.SOA && namesEqual(s.owner, apex));
  return {
    label: opts.label,
    kind: "source",
    rrsets,
    asked: () => true,
    cuts: uniq(cuts.map(lowerText)),
    serial: soa ? soaSerial(soa.rdatas[0]) : null,
    complete: true,
  };
}

export interface ServerViewOptions {
  apex: Uint8Array;
  server: ServerRef;
  answers: readonly ServerAnswer[];
  snapshot: "old" | "new";
  /** This server's successful zone transfer: then the view is complete. */
  axfr?: AxfrResult | null;
  /** Zone cuts the snapshot found (lowercase presentation, Snapshot.zoneCuts). */
  cuts?: readonly string[];
  intern?: Interner;
}

/**
 * One server address as a view, from its answers: authoritative answer
 * sections, plus referral NS in the authority section at zone cuts (the
 * delegation is part of the parent side of the cut, RFC 1034 §4.2.1).
 */
export function serverView(opts: ServerViewOptions): ZoneView {
  const { apex, server } = opts;
  const label = serverLabel(server);
  const answered = new Map<string, Set<number>>();
  const rrsets = new Map<string, RRsetView>();
  const xfr = opts.axfr && !opts.axfr.error ? opts.axfr : null;
  const known = (opts.cuts ?? []).map((c) => parseName(c, null)).flatMap((r) => (r.ok ? [r.wire] : []));
  // Decoded once here (a live transfer decodes its messages on each read).
  const xrecs = xfr ? xfr.records : null;
  const cutWire: Uint8Array[] = xrecs ? cutsIn(xrecs, apex, known) : known;
  if (xrecs) {
    // A full transfer holds every RRset of the zone (RFC 5936 §2.2): built first, it wins over answers.
    // A transferred record is not one answer of Snapshot.answers: cited as a fact naming the server and AXFR.
    const fact: XfrFact = { snapshot: opts.snapshot, server: label };
    for (const r of xrecs) {
      if (!isSubdomain(r.owner, apex) || SIGNER_TYPES.has(r.type) || !parentSide(r.owner, r.type, cutWire)) continue;
      const k = rrsetKey(r.owner, r.class, r.type);
      let s = rrsets.get(k);
      if (!s) {
        rrsets.set(k, (s = newSet(r.owner, r.class, r.type, r.ttl, opts.intern)));
        (s as RRset).xfr = fact;
      }
      if (r.ttl < s.ttl) s.ttl = r.ttl;
      addRdata(s, r.rdata);
    }
  }
  const mine = opts.answers
    .map((a, index) => ({ a, index }))
    .filter(
      ({ a }) => a.server.address === server.address && a.server.port === server.port && a.server.name === server.name,
    );

  for (const { a, index } of mine) {
    if (a.error || (a.rcode !== 0 && a.rcode !== 3) || !a.flags) continue;
    const q = a.question;
    if (!isSubdomain(q.name, apex)) continue;
    if (nameToText(q.name).toLowerCase().startsWith(PROBE_PREFIX)) continue;
    const qk = nameKey(q.name);
    if (!answered.has(qk)) answered.set(qk, new Set());
    answered.get(qk)!.add(q.type);
    if (a.rcode !== 0) continue;
    const evidence = (s: RRsetView) => {
      if (s.evidence.length < 4)
        s.evidence.push({
          kind: "answer",
          snapshot: opts.snapshot,
          answer: index,
          server: label,
          text: `${label} ${a.transport.toUpperCase()} ${nameToText(q.name)} ${typeToText(q.type)}: ${s.texts.map((t) => recordText(s.ownerText, s.ttl, s.type, t)).join(" / ")}`,
        });
    };
    if (a.flags.aa) {
      const got = new Map<string, RRsetView>();
      for (const r of a.records) {
        if (r.section !== "answer" || !isSubdomain(r.owner, apex) || SIGNER_TYPES.has(r.type)) continue;
        const k = rrsetKey(r.owner, r.class, r.type);
        if (rrsets.has(k)) continue; // first answer wins; the same RRset is often seen in several answers
        let s = got.get(k);
        if (!s) got.set(k, (s = newSet(r.owner, r.class, r.type, r.ttl, opts.intern)));
        if (r.ttl < s.ttl) s.ttl = r.ttl;
        addRdata(s, r.rdata);
      }
      for (const [k, s] of got) {
        evidence(s);
        rrsets.set(k, s);
      }
      // RRsets seen again in this answer get it as second evidence (from the answer's records: no scan of every RRset).
      for (const r of a.records) {
        if (r.section !== "answer") continue;
        const k = rrsetKey(r.owner, r.class, r.type);
        const s = got.has(k) ? undefined : rrsets.get(k);
        if (s && s.evidence.length < 2) evidence(s);
      }
    } else {
      // A referral: NS at a cut below the apex, in the authority section.
      const ns = a.records.filter(
        (r) => r.section === "authority" && r.type === T.NS && !namesEqual(r.owner, apex) && isSubdomain(r.owner, apex),
      );
      if (ns.length === 0) continue;
      const k = rrsetKey(ns[0].owner, ns[0].class, T.NS);
      if (!cutWire.some((c) => namesEqual(c, ns[0].owner))) cutWire.push(ns[0].owner);
      const ck = nameKey(ns[0].owner);
      if (!answered.has(ck)) answered.set(ck, new Set());
      answered.get(ck)!.add(T.NS);
      const known = rrsets.get(k);
      if (known) {
        if (known.evidence.length < 2) evidence(known);
        continue;
      }
      const s = newSet(ns[0].owner, ns[0].class, T.NS, ns[0].ttl, opts.intern);
      for (const r of ns) {
        if (!namesEqual(r.owner, ns[0].owner)) continue;
        if (r.ttl < s.ttl) s.ttl = r.ttl;
        addRdata(s, r.rdata);
      }
      evidence(s);
      rrsets.set(k, s);
    }
  }
  // Drop anything the server answered at or below a cut that is not the parent side's (it is the child's data).
  for (const [k, s] of rrsets) if (!parentSide(s.owner, s.type, cutWire)) rrsets.delete(k);

  const cnameAt = (owner: Uint8Array) => rrsets.has(rrsetKey(owner, 1, T.CNAME));
  const asked = (owner: Uint8Array, type: number): boolean => {
    // After a full transfer, absence is real absence for everything the parent side holds;
    // the child's data (at or below a cut) is never this zone's to judge.
    if (xfr && isSubdomain(owner, apex)) return parentSide(owner, type, cutWire);
    const set = answered.get(nameKey(owner));
    if (!set) return false;
    if (type === T.CNAME) return set.size > 0; // a CNAME shows whatever type was asked
    return set.has(type) || cnameAt(owner);
  };
  compact(rrsets);
  const soa = rrsets.get(rrsetKey(apex, 1, T.SOA));
  return {
    label,
    kind: "server",
    rrsets,
    asked,
    cuts: uniq(cutWire.map(lowerText)),
    serial: soa ? soaSerial(soa.rdatas[0]) : null,
    complete: !!xfr,
  };
}

/** A union of views (e.g. every source): the first view holding an RRset wins. */
export function mergeViews(label: string, views: readonly ZoneView[]): ZoneView {
  const rrsets = new Map<string, RRsetView>();
  for (const v of views) for (const [k, s] of v.rrsets) if (!rrsets.has(k)) rrsets.set(k, s);
  return {
    label,
    kind: views.every((v) => v.kind === "source") ? "source" : "server",
    rrsets,
    asked: (o, t) => views.some((v) => v.asked(o, t)),
    cuts: uniq(views.flatMap((v) => v.cuts)),
    serial: views.reduce<number | null>(
      (m, v) => (v.serial !== null && (m === null || v.serial > m) ? v.serial : m),
      null,
    ),
  };
}

/** SOA serial: after MNAME and RNAME (RFC 1035 §3.3.13). */
export function soaSerial(rdata: Uint8Array): number | null {
  let i = 0;
  for (let n = 0; n < 2; n++) {
    while (i < rdata.length && rdata[i] !== 0) i += rdata[i] + 1;
    i++;
  }
  if (i + 4 > rdata.length) return null;
  return new DataView(rdata.buffer, rdata.byteOffset + i, 4).getUint32(0);
}

/** SOA MINIMUM: the last 32-bit field (RFC 1035 §3.3.13, RFC 2308 §4). */
export function soaMinimum(rdata: Uint8Array): number | null {
  if (rdata.length < 20) return null;
  return new DataView(rdata.buffer, rdata.byteOffset + rdata.length - 4, 4).getUint32(0);
}

function uniq(xs: string[]): string[] {
  return [...new Set(xs)].sort();
}
