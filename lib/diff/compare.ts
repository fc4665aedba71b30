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
  for (let i = 0; i < rdata.length; ) {
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

export function compareViews(here: ZoneView, there: ZoneView, explain: Explainer = () => null): Comparison {
  const entries: DiffEntry[] = [];
  const unchecked: string[] = [];
  let matched = 0;
  const keys = new Set([...here.rrsets.keys(), ...there.rrsets.keys()]);
  for (const key of [...keys].sort()) {
    const h = here.rrsets.get(key) ?? null;
    const t = there.rrsets.get(key) ?? null;
    const any = (h ?? t)!;
    const base = { owner: any.ownerText, type: any.typeText, key, here: h, there: t, onlyHere: [] as string[], onlyThere: [] as string[], explained: null };
    let e: DiffEntry | null = null;
    if (h && t) {
      if (!sameRdata(h, t)) {
        e = { ...base, kind: "rdata", onlyHere: textsOnlyIn(h, t), onlyThere: textsOnlyIn(t, h) };
        if (h.type === TXT && sameTxtConcatenation(h, t)) e.txtSplit = true;
      }
      else if (h.ttl !== t.ttl) e = { ...base, kind: "ttl" };
      else matched++;
    } else if (h) {
      if (there.asked(h.owner, h.type)) e = { ...base, kind: "only-here", onlyHere: [...h.texts] };
      else unchecked.push(key);
    } else if (t) {
      if (here.asked(t.owner, t.type)) e = { ...base, kind: "only-there", onlyThere: [...t.texts] };
      else unchecked.push(key);
    }
    if (e) {
      e.explained = explain(e);
      entries.push(e);
    }
  }
  return { here: here.label, there: there.label, entries, matched, unchecked };
}
