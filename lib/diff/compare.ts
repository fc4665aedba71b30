/**
 * Compare two views RRset by RRset: only-here, only-there, different RDATA,
 * different TTL. A key counts only where the other side was asked; the rest
 * is listed as unchecked so missing evidence never looks like a match.
 */
import { compareRdata } from "../zone/rrset";
import type { Comparison, DiffEntry, RRsetView, ZoneView } from "./types";

export type Explainer = (entry: DiffEntry) => string | null;

function sameRdata(a: RRsetView, b: RRsetView): boolean {
  if (a.rdatas.length !== b.rdatas.length) return false;
  for (let i = 0; i < a.rdatas.length; i++) if (compareRdata(a.rdatas[i], b.rdatas[i]) !== 0) return false;
  return true;
}

function textsOnlyIn(a: RRsetView, b: RRsetView): string[] {
  return a.rdatas.flatMap((r, i) => (b.rdatas.some((x) => compareRdata(x, r) === 0) ? [] : [a.texts[i]]));
}

/** A TXT RDATA's character-strings joined (RFC 1035 §3.3.14); null when malformed. */
export function txtConcatenation(rdata: Uint8Array): string | null {
  let out = "";
  for (let i = 0; i < rdata.length;) {
    const n = rdata[i];
    if (i + 1 + n > rdata.length) return null;
    out += Buffer.from(rdata.subarray(i + 1, i + 1 + n)).toString("latin1");
    i += 1 + n;
  }
  return out;
}

/** Same text once each RDATA's strings are concatenated, as a set (RRsets are sets, RFC 2181 §5). */
function sameTxtConcatenation(a: RRsetView, b: RRsetView): boolean {
  const joined = (v: RRsetView) => {
    const all = v.rdatas.map(txtConcatenation);
    return all.includes(null) ? null : [...new Set(all as string[])].sort().join("\u0000");
  };
  const ja = joined(a);
  return ja !== null && ja === joined(b);
}

const TXT = 16;

/** The owner part of an RRset key (nameKey of the wire owner) and the rest ("|class|type"). */
function splitKey(key: string): [string, string] {
  const bar = key.indexOf("|");
  return [key.slice(0, bar), key.slice(bar)];
}

/** Every name a view holds data at or below (owners and their ancestors: empty non-terminals exist, RFC 4592 §2.2.2). */
function existingNames(v: ZoneView): Set<string> {
  const out = new Set<string>();
  for (const k of v.rrsets.keys()) {
    let n = splitKey(k)[0];
    while (n.length > 0 && !out.has(n)) {
      out.add(n);
      n = n.slice(n.charCodeAt(0) + 1);
    }
  }
  return out;
}

/**
 * The wildcard RRset `view` would synthesize the answer for (owner, type)
 * from (RFC 4592 §3.3.1): the owner does not exist there, and the source of
 * synthesis `*.<closest encloser>` holds that type. Null when no synthesis.
 */
function synthesisSource(view: ZoneView, exists: Set<string>, key: string): RRsetView | null {
  const [owner, rest] = splitKey(key);
  if (exists.has(owner)) return null;
  let ce = owner.slice(owner.charCodeAt(0) + 1);
  while (ce.length > 0 && !exists.has(ce)) ce = ce.slice(ce.charCodeAt(0) + 1);
  if (ce.length === 0) return null;
  return view.rrsets.get("\u0001*" + ce + rest) ?? null;
}

export function compareViews({
  here,
  there,
  explain = () => null,
}: {
  here: ZoneView;
  there: ZoneView;
  explain?: Explainer;
}): Comparison {
  const entries: DiffEntry[] = [];
  const unchecked: string[] = [];
  const synthesized: string[] = [];
  let matched = 0;
  const hereNames = existingNames(here);
  const thereNames = existingNames(there);
  // An RRset one side answers that the other side would answer from its wildcard with the same data is not missing
  // there (RFC 4592): names a wildcard answers (common labels, guesses) are synthesized, not zone content to copy.
  const coveredBy = (v: ZoneView, names: Set<string>, s: RRsetView) => {
    const w = synthesisSource(v, names, s.key);
    return w !== null && sameRdata(w, s);
  };
  // The other side answers the name from its wildcard with other data: a different answer, not an absent one
  // (a name masked by a wildcard, RFC 4592 §3.3.1).
  const maskedBy = (v: ZoneView, names: Set<string>, s: RRsetView) =>
    v.kind === "source" || v.asked(s.owner, s.type) ? synthesisSource(v, names, s.key) : null;
  const keys = new Set([...here.rrsets.keys(), ...there.rrsets.keys()]);
  for (const key of [...keys].sort()) {
    const h = here.rrsets.get(key) ?? null;
    const t = there.rrsets.get(key) ?? null;
    const any = (h ?? t)!;
    const base = {
      owner: any.ownerText,
      type: any.typeText,
      key,
      here: h,
      there: t,
      onlyHere: [] as string[],
      onlyThere: [] as string[],
      explained: null,
    };
    let e: DiffEntry | null = null;
    if (h && t) {
      if (!sameRdata(h, t)) {
        e = { ...base, kind: "rdata", onlyHere: textsOnlyIn(h, t), onlyThere: textsOnlyIn(t, h) };
        if (h.type === TXT && sameTxtConcatenation(h, t)) e.txtSplit = true;
      } else if (h.ttl !== t.ttl) e = { ...base, kind: "ttl" };
      else matched++;
    } else if (h) {
      const w = coveredBy(there, thereNames, h) ? null : maskedBy(there, thereNames, h);
      if (coveredBy(there, thereNames, h)) synthesized.push(key);
      else if (w)
        e = {
          ...base,
          kind: "rdata",
          there: w,
          onlyHere: textsOnlyIn(h, w),
          onlyThere: textsOnlyIn(w, h),
          wildcard: w.ownerText,
        };
      else if (there.asked(h.owner, h.type)) e = { ...base, kind: "only-here", onlyHere: [...h.texts] };
      else unchecked.push(key);
    } else if (t) {
      const w = coveredBy(here, hereNames, t) ? null : maskedBy(here, hereNames, t);
      if (coveredBy(here, hereNames, t)) synthesized.push(key);
      else if (w)
        e = {
          ...base,
          kind: "rdata",
          here: w,
          onlyHere: textsOnlyIn(w, t),
          onlyThere: textsOnlyIn(t, w),
          wildcard: w.ownerText,
        };
      else if (here.asked(t.owner, t.type)) e = { ...base, kind: "only-there", onlyThere: [...t.texts] };
      else unchecked.push(key);
    }
    if (e) {
      e.explained = explain(e);
      entries.push(e);
    }
  }
  return { here: here.label, there: there.label, entries, matched, unchecked, synthesized };
}
