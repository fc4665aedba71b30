/**
 * Import report: per-type counts and the invariant that nothing vanishes
 * (DESIGN §4): for every type, read = represented + providerOnly + rejected,
 * and `represented` equals the records actually returned.
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { typeToText } from "../rrtype";
import { rdataToText } from "../rdata";
import { nameToText } from "../name";
import { identifyProviders } from "../../providers/identify-providers";
import { FINGERPRINTS, type Field } from "../../providers/fingerprints";
import type { Diagnostic, ZoneRecord } from "../types";
import type { ImportFormat, ImportReport, ProviderDependency, ProviderRecord, TypeCounts } from "./types";

export const IMPORTER_VERSION = "1.0.0";

export type Counts = Record<string, TypeCounts>;
export type Outcome = "represented" | "providerOnly" | "rejected";

function entry(counts: Counts, type: string): TypeCounts {
  let c = counts[type];
  if (!c) {
    c = { read: 0, represented: 0, providerOnly: 0, rejected: 0 };
    counts[type] = c;
  }
  return c;
}

/** One more record of `type` was read, with this outcome. */
export function tally(counts: Counts, type: string, outcome: Outcome, n = 1): void {
  const c = entry(counts, type);
  c.read += n;
  c[outcome] += n;
}

/** A record already counted changes outcome (e.g. represented -> providerOnly). */
export function recount(counts: Counts, type: string, from: Outcome, to: Outcome): void {
  const c = entry(counts, type);
  c[from] -= 1;
  c[to] += 1;
}

/** A counted record turns out not to be a record at all (the closing SOA of an AXFR). */
export function uncount(counts: Counts, type: string, outcome: Outcome): void {
  const c = entry(counts, type);
  c.read -= 1;
  c[outcome] -= 1;
}

/** Seed counts from parseZone's typeCounts: represented = read - rejected until importers move records. */
export function countsFromParse(
  typeCounts: Record<string, { read: number; rejected: number }>,
  into: Counts = {},
): Counts {
  for (const [type, tc] of Object.entries(typeCounts)) {
    const c = entry(into, type);
    c.read += tc.read;
    c.rejected += tc.rejected;
    c.represented += tc.read - tc.rejected;
  }
  return into;
}

export function totalsOf(counts: Counts): TypeCounts {
  const t = { read: 0, represented: 0, providerOnly: 0, rejected: 0 };
  for (const c of Object.values(counts)) {
    t.read += c.read;
    t.represented += c.represented;
    t.providerOnly += c.providerOnly;
    t.rejected += c.rejected;
  }
  return t;
}

/**
 * Violations of the counts invariant, as messages (empty when sound). Also
 * checks that counts agree with what the importer actually returns.
 */
export function checkCounts({
  counts,
  records,
  providerRecords,
}: {
  counts: Counts;
  records: ZoneRecord[];
  providerRecords: ProviderRecord[];
}): string[] {
  const problems: string[] = [];
  const seen: Counts = {};
  for (const r of records) entry(seen, typeToText(r.type)).represented++;
  for (const p of providerRecords) if (!p.represented) entry(seen, p.type.toUpperCase()).providerOnly++;
  for (const [type, c] of Object.entries(counts)) {
    if (
      c.read !== c.represented + c.providerOnly + c.rejected ||
      c.read < 0 ||
      c.represented < 0 ||
      c.providerOnly < 0 ||
      c.rejected < 0
    ) {
      problems.push(
        `${type}: read ${c.read} != represented ${c.represented} + providerOnly ${c.providerOnly} + rejected ${c.rejected}`,
      );
    }
  }
  for (const type of new Set([...Object.keys(counts), ...Object.keys(seen)])) {
    const want = counts[type] ?? { represented: 0, providerOnly: 0 };
    const got = seen[type] ?? { represented: 0, providerOnly: 0 };
    if (want.represented !== got.represented)
      problems.push(`${type}: counted ${want.represented} represented but ${got.represented} records returned`);
    if (want.providerOnly !== got.providerOnly)
      problems.push(
        `${type}: counted ${want.providerOnly} provider-only but ${got.providerOnly} provider records returned`,
      );
  }
  return problems;
}

/** Types whose RDATA a provider fingerprint inspects (see lib/providers/identify-providers.ts fieldsOf). */
const VALUE_TYPES = new Set([1, 2, 5, 6, 15, 16, 28, 39, 99, 65401]);

/** Fingerprint patterns by the record part they look at. */
const PATTERNS = new Map<Field, RegExp[]>();
for (const fp of FINGERPRINTS) {
  const list = PATTERNS.get(fp.field);
  if (list) list.push(fp.pattern);
  else PATTERNS.set(fp.field, [fp.pattern]);
}

function hit(field: Field, subject: string): boolean {
  const list = PATTERNS.get(field);
  if (list) for (const p of list) if (p.test(subject)) return true;
  return false;
}

function absLower(name: string): string {
  const n = name.toLowerCase();
  return n.endsWith(".") ? n : n + ".";
}

function nameEnd(w: Uint8Array, i: number): number {
  while (i < w.length && w[i] !== 0) i += w[i] + 1;
  return i + 1;
}

/** rdataToText of the record valueMayMatch last looked at, when it needed it. */
let lastText: string | undefined;

function textOf(r: ZoneRecord): string {
  return (lastText ??= rdataToText(r.type, r.rdata));
}

/**
 * Whether a fingerprint could match the record's value. A cheap superset of
 * identifyProviders' value fields (same field per type as its fieldsOf),
 * read from the wire where that is cheaper than rdataToText: names never
 * contain blanks in presentation (name.ts escapes them as \032), so the
 * subject is the same string fieldsOf would split out.
 */
function valueMayMatch(r: ZoneRecord): boolean {
  const w = r.rdata;
  switch (r.type) {
    case 1:
      return hit("address", w.length === 4 ? `${w[0]}.${w[1]}.${w[2]}.${w[3]}` : firstWord(textOf(r)));
    case 28:
      return hit("address", firstWord(textOf(r)));
    case 2:
      return hit("ns-target", absLower(nameToText(w)));
    case 5:
    case 39:
    case 65401:
      return hit("cname-target", absLower(nameToText(w)));
    case 15:
      return hit("mx-target", absLower(nameToText(w, 2)));
    case 6:
      return hit("soa-mname", absLower(nameToText(w))) || hit("soa-rname", absLower(nameToText(w, nameEnd(w, 0))));
    case 16:
    case 99:
      return hit("txt", textOf(r));
    default:
      return false;
  }
}

function firstWord(text: string): string {
  return text.trim().split(/\s+/)[0].toLowerCase();
}

/** Represented records that point into a provider, with what to do about each. */
export function findProviderDependencies(records: ZoneRecord[]): ProviderDependency[] {
  const out: ProviderDependency[] = [];
  // Hot on large zones (1M records): consecutive records share one owner
  // array, so the owner text and its fingerprint test run once per owner;
  // the value is tested on its own field first (valueMayMatch) and only a
  // record that may match goes through identifyProviders, which builds the
  // evidence and replacement text. No closures in this loop: under tsx each
  // one costs a keepNames call.
  let lastOwner: Uint8Array | null = null;
  let owner = "";
  let ownerHit = false;
  for (const r of records) {
    if (r.owner !== lastOwner) {
      lastOwner = r.owner;
      owner = nameToText(r.owner);
      ownerHit = hit("owner", absLower(owner));
    }
    lastText = undefined;
    if (!ownerHit && !(VALUE_TYPES.has(r.type) && valueMayMatch(r))) continue;
    const type = typeToText(r.type);
    const value = textOf(r);
    const matches = identifyProviders({ owner, type, value });
    if (matches.length > 0) out.push({ owner, type, value, file: r.file, line: r.line, matches });
  }
  lastText = undefined;
  return out;
}

export interface BuildReportInput {
  format: ImportFormat;
  files: { name: string; bytes: Uint8Array; sha256: string }[];
  origin: string | null;
  counts: Counts;
  records: ZoneRecord[];
  providerRecords: ProviderRecord[];
  diagnostics: Diagnostic[];
  diagnosticsDropped: number;
  ok: boolean;
  /** false: leave providerDependencies out (default: look for them). */
  providerDependencies?: boolean;
}

export function buildReport(input: BuildReportInput): ImportReport {
  const diagnostics = [...input.diagnostics];
  const problems = checkCounts({
    counts: input.counts,
    records: input.records,
    providerRecords: input.providerRecords,
  });
  for (const message of problems) {
    diagnostics.push({
      file: input.files[0]?.name ?? "",
      line: 0,
      column: 0,
      code: D.COUNTS_MISMATCH,
      message,
      severity: "error",
    });
  }
  // Stable key order so goldens and stored reports diff cleanly.
  const counts: Counts = {};
  for (const type of Object.keys(input.counts).sort()) counts[type] = { ...input.counts[type] };
  return {
    format: input.format,
    importerVersion: IMPORTER_VERSION,
    files: input.files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes.length })),
    origin: input.origin,
    counts,
    totals: totalsOf(counts),
    diagnostics,
    diagnosticsDropped: input.diagnosticsDropped,
    providerRecords: input.providerRecords,
    ...(input.providerDependencies === false ? {} : { providerDependencies: findProviderDependencies(input.records) }),
    ok: input.ok && problems.length === 0,
  };
}
