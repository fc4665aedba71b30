/**
 * Shared driver for the master-file formats (BIND, Cloudflare export, dig
 * AXFR output, PowerDNS): $INCLUDE resolution, top-level file selection,
 * parseZone per file, counts, and PowerDNS-only types as provider records.
 */
import { readFileSync } from "node:fs";
import { dirname, join, posix, basename } from "node:path";
import { DEFAULT_LIMITS, parseZone, type IncludeResolver } from "../parse";
import { isProviderOnlyType, T, typeToText } from "../rrtype";
import { rdataToText } from "../rdata";
import { nameToText, parseName } from "../name";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { Diagnostic, ZoneRecord } from "../types";
import { decodeLatin1 } from "./text";
import { countsFromParse, recount, type Counts } from "./report";
import { makeProviderRecord } from "./provider-record";
import { diag, type DecodedFile, type FormatOptions, type FormatOutput } from "./internal";
import type { ProviderRecord } from "./types";

export interface MasterParsed {
  records: ZoneRecord[];
  /** Aligned with records (trailing comment text) when keepComments was set. */
  comments: (string | undefined)[];
  diagnostics: Diagnostic[];
  diagnosticsDropped: number;
  counts: Counts;
  /** Origin in force at the end of the first top-level file. */
  origin: Uint8Array | null;
  truncated: boolean;
}

export interface MasterOptions extends FormatOptions {
  keepComments?: boolean;
  /** Initial origin for parseZone (wire); defaults to options.origin. */
  originWire?: Uint8Array | null;
  /** Rewrite a file's text before parsing; must keep line numbers. */
  preprocess?: (file: DecodedFile) => string;
}

const INCLUDE_RE = /^\$INCLUDE[ \t]+("([^"]*)"|(\S+))/gim;

function includeTargets(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(INCLUDE_RE)) out.push(m[2] ?? m[3]);
  return out;
}

/** Bundle resolution: relative to the including file's name, then by exact or base name (web uploads are flat). */
function bundleResolver(files: DecodedFile[]): IncludeResolver {
  const byName = new Map(files.map((f) => [posix.normalize(f.name), f]));
  return (path, from) => {
    const candidates = [posix.normalize(posix.join(posix.dirname(from), path)), posix.normalize(path)];
    for (const c of candidates) {
      const f = byName.get(c);
      if (f) return { file: f.name, text: f.text };
    }
    const byBase = files.filter((f) => basename(f.name) === basename(path));
    return byBase.length === 1 ? { file: byBase[0].name, text: byBase[0].text } : null;
  };
}

/** CLI resolution: the file system, relative to the including file (like named-checkzone). */
function filesystemResolver(): IncludeResolver {
  return (path, from) => {
    // join keeps a relative CLI path relative, so diagnostics name the file as the user would.
    const full = join(dirname(from), path);
    try {
      return { file: full, text: decodeLatin1(readFileSync(full)) };
    } catch {
      return null;
    }
  };
}

/** Files $INCLUDEd by another file of the import are read through that file, not on their own. */
export function topLevelFiles(files: DecodedFile[]): DecodedFile[] {
  if (files.length < 2) return files;
  const resolver = bundleResolver(files);
  const included = new Set<string>();
  for (const f of files) {
    for (const target of includeTargets(f.text)) {
      const hit = resolver(target, f.name);
      if (hit && hit.file !== f.name) included.add(hit.file);
    }
  }
  const top = files.filter((f) => !included.has(f.name));
  return top.length > 0 ? top : files.slice(0, 1);
}

export function originWireOf(origin: string | undefined, file: string, diagnostics: Diagnostic[]): Uint8Array | null {
  if (origin === undefined || origin === "") return null;
  const r = parseName(origin.endsWith(".") ? origin : origin + ".", null);
  if (r.ok) return r.wire;
  diagnostics.push(diag({ file, line: 0, column: 0, code: r.code, message: `origin "${origin}": ${r.message}` }));
  return null;
}

export function parseMasterFiles(files: DecodedFile[], options: MasterOptions): MasterParsed {
  const out: MasterParsed = {
    records: [],
    comments: [],
    diagnostics: [],
    diagnosticsDropped: 0,
    counts: {},
    origin: null,
    truncated: false,
  };
  const include = options.includes === "filesystem" ? filesystemResolver() : bundleResolver(files);
  const initial =
    options.originWire !== undefined
      ? options.originWire
      : originWireOf(options.origin, files[0]?.name ?? "", out.diagnostics);
  // The record limit holds for the import, not per file: each file gets what the earlier ones left.
  const maxRecords = options.limits?.maxRecords ?? DEFAULT_LIMITS.maxRecords;
  const top = topLevelFiles(files);
  top.forEach((f, index) => {
    const text = options.preprocess ? options.preprocess(f) : f.text;
    const r = parseZone(text, {
      file: f.name,
      origin: initial,
      defaultTtl: options.defaultTtl,
      limits: { ...options.limits, maxRecords: Math.max(0, maxRecords - out.records.length) },
      include,
      keepComments: options.keepComments,
    });
    if (top.length === 1) {
      // One file (the usual case): its arrays as they are; a 1M-record copy is tens of MB and a GC pass.
      out.records = r.records;
      out.comments = r.comments ?? []; // read by index: absent = no comment
    } else {
      for (let i = 0; i < r.records.length; i++) {
        out.records.push(r.records[i]);
        out.comments.push(r.comments?.[i]);
      }
    }
    out.diagnostics.push(...r.diagnostics);
    out.diagnosticsDropped += r.diagnosticsDropped;
    countsFromParse(r.typeCounts, out.counts);
    if (index === 0) out.origin = r.origin;
    out.truncated ||= r.truncated;
  });
  return out;
}

/**
 * PowerDNS-only types (ALIAS 65401, LUA 65402; also TYPE65401 in unexpanded
 * AXFR output) leave `records` and become provider records.
 */
export function extractProviderTypes(
  parsed: MasterParsed,
  origin: string | null,
  providerRecords: ProviderRecord[],
): void {
  if (!parsed.records.some((r) => isProviderOnlyType(r.type))) return;
  const keep: ZoneRecord[] = [];
  const keepComments: (string | undefined)[] = [];
  parsed.records.forEach((r, i) => {
    if (!isProviderOnlyType(r.type)) {
      keep.push(r);
      keepComments.push(parsed.comments[i]);
      return;
    }
    const type = typeToText(r.type);
    const owner = nameToText(r.owner);
    recount(parsed.counts, type, "represented", "providerOnly");
    providerRecords.push(
      makeProviderRecord({
        provider: "powerdns",
        kind: r.type === T.ALIAS ? "alias-type" : "lua",
        owner,
        type,
        value: rdataToText(r.type, r.rdata),
        ttl: r.ttl,
        file: r.file,
        line: r.line,
        origin,
      }),
    );
    parsed.diagnostics.push(
      diag({
        file: r.file,
        line: r.line,
        column: 0,
        code: D.PROVIDER_RECORD,
        message: `${owner} ${type} is a PowerDNS-only record; kept as a provider record`,
        severity: "warning",
      }),
    );
  });
  parsed.records = keep;
  parsed.comments = keepComments;
}

/** Absolute presentation origin: explicit option, else the first SOA owner, else the parser's origin. */
export function reportOrigin(
  explicit: Uint8Array | null,
  records: ZoneRecord[],
  parsed: Uint8Array | null,
): string | null {
  if (explicit) return nameToText(explicit);
  const soa = records.find((r) => r.type === T.SOA);
  if (soa) return nameToText(soa.owner);
  return parsed ? nameToText(parsed) : null;
}

/**
 * What a master-file importer (BIND, dig AXFR) returns once parsed: the reported origin, the provider-only types
 * moved out of the zone data (which adds diagnostics to the parse's), and the diagnostics `diagnostics` makes of the
 * parse's, in the order the importer chose.
 */
export function masterFileOutput(o: {
  explicit: Uint8Array | null;
  parsed: MasterParsed;
  diagnostics: (parsed: Diagnostic[]) => Diagnostic[];
  ok: boolean;
}): FormatOutput {
  const origin = reportOrigin(o.explicit, o.parsed.records, o.parsed.origin);
  const providerRecords: ProviderRecord[] = [];
  extractProviderTypes(o.parsed, origin, providerRecords);
  return {
    records: o.parsed.records,
    providerRecords,
    diagnostics: o.diagnostics(o.parsed.diagnostics),
    diagnosticsDropped: o.parsed.diagnosticsDropped,
    counts: o.parsed.counts,
    origin,
    ok: o.ok,
  };
}
