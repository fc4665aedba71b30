/**
 * `cutover zone diff A B`: import two files in any supported format and
 * compare them RRset by RRset in canonical wire form (lib/diff/zone-files.ts).
 * Exit 0 equal, 1 different, 2 on errors (usage, unreadable file, input
 * errors: a diff of a half-read file would mislead, so none is printed).
 */
import { readFileSync } from "node:fs";
import { parseOrExplain } from "./command-line";
import { parseDefaultTtl, unknownFormat } from "./zone-options";
import { z } from "zod";
import {
  compactZone,
  diffZoneRecords,
  rrsetDifferenceSchema,
  zoneDiffSummarySchema,
  type CompactZone,
  type ZoneDiff,
} from "../diff/zone-files";
import type { ZoneRecord } from "../zone/types";
import { importZone, IMPORT_FORMATS, type ImportFormat } from "../zone/import";
import { EXIT, type CliIo } from "./io";
import { collectGarbage } from "./collect-garbage";
import { USAGE } from "./usage";
import { exitCodeOf, formatDiagnostic } from "./zone-normalize";

type Format = ImportFormat | "auto";

interface DiffArgs {
  files: [string, string];
  /** Per file (the same for both when given once). */
  formats: [Format, Format];
  origins: [string | undefined, string | undefined];
  defaultTtl?: number;
  json: boolean;
}

type Parsed = { ok: true; args: DiffArgs } | { ok: false; message: string };

/** An option given once applies to both files, twice: first to A, second to B. */
function perFile<T>(
  values: T[] | undefined,
  name: string,
  fallback: T,
): { ok: true; v: [T, T] } | { ok: false; message: string } {
  const v = values ?? [];
  if (v.length > 2)
    return { ok: false, message: `--${name} given ${v.length} times (once for both files, or twice: A then B)` };
  if (v.length === 0) return { ok: true, v: [fallback, fallback] };
  return { ok: true, v: [v[0], v[v.length - 1]] };
}

export function parseDiffArgs(argv: string[]): Parsed {
  const parsed = parseOrExplain({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      format: { type: "string", multiple: true },
      origin: { type: "string", multiple: true },
      "default-ttl": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!parsed.ok) return parsed;
  const { values, positionals } = parsed.args;
  for (const f of values.format ?? []) {
    const unknown = unknownFormat(f);
    if (unknown) return { ok: false, message: unknown };
  }
  const formats = perFile(values.format as Format[] | undefined, "format", "auto" as Format);
  if (!formats.ok) return formats;
  const origins = perFile<string | undefined>(values.origin, "origin", undefined);
  if (!origins.ok) return origins;
  const ttl = parseDefaultTtl(values["default-ttl"]);
  if (!ttl.ok) return ttl;
  const defaultTtl = ttl.value;
  if (positionals.length !== 2) return { ok: false, message: `two files expected, got ${positionals.length}` };
  return {
    ok: true,
    args: {
      files: [positionals[0], positionals[1]],
      formats: formats.v,
      origins: origins.v,
      defaultTtl,
      json: values.json ?? false,
    },
  };
}

export const zoneDiffSideSchema = z.object({
  file: z.string(),
  /** The import format used (detected or given). */
  format: z.enum(IMPORT_FORMATS),
  origin: z.string().nullable(),
  /** Records compared (after RFC 2181 §5 duplicates collapsed). */
  records: z.number().int(),
  rrsets: z.number().int(),
  /** Provider-only records (Route 53 aliases, proxied records…): not zone data, not compared; `zone normalize` lists them. */
  providerOnly: z.number().int(),
});

/** `cutover zone diff --json` output. */
export const zoneDiffJsonSchema = z.object({
  equal: z.boolean(),
  a: zoneDiffSideSchema,
  b: zoneDiffSideSchema,
  summary: zoneDiffSummarySchema,
  differences: z.array(rrsetDifferenceSchema),
});
export type ZoneDiffJson = z.infer<typeof zoneDiffJsonSchema>;
export type ZoneDiffSide = z.infer<typeof zoneDiffSideSchema>;

interface Imported {
  records: ZoneRecord[];
  format: ImportFormat;
  origin: string | null;
  providerOnly: number;
}

/** Import one file, print its diagnostics as `zone normalize` does; null when it had errors. */
function load(
  path: string,
  format: Format,
  origin: string | undefined,
  defaultTtl: number | undefined,
  io: CliIo,
): Imported | null | "unreadable" {
  let bytes: Uint8Array;
  try {
    bytes = readFileSync(path); // a Buffer is a Uint8Array: no copy of a 40 MB file
  } catch (e) {
    io.stderr.write(`cutover zone diff: cannot read ${path}: ${(e as { code?: string }).code ?? "error"}\n`);
    return "unreadable";
  }
  const result = importZone([{ name: path, bytes }], {
    format,
    origin,
    defaultTtl,
    includes: "filesystem",
    providerDependencies: false,
  });
  for (const d of result.diagnostics) io.stderr.write(formatDiagnostic(d) + "\n");
  if (result.report.diagnosticsDropped > 0)
    io.stderr.write(`(${result.report.diagnosticsDropped} more diagnostics not shown)\n`);
  if (exitCodeOf(result) !== EXIT.OK) return null;
  const providerOnly = result.providerRecords.filter((p) => !p.represented).length;
  return { records: result.records, format: result.report.format, origin: result.report.origin, providerOnly };
}

/**
 * load + compactZone, in a function of its own: only the packed zone
 * outlives it (a variable of the caller's frame would keep the parsed
 * records reachable until the caller returns).
 */
function loadPacked(
  path: string,
  format: Format,
  origin: string | undefined,
  defaultTtl: number | undefined,
  io: CliIo,
): { zone: CompactZone; meta: ZoneDiffSide } | null | "unreadable" {
  const imported = load(path, format, origin, defaultTtl, io);
  if (imported === null || imported === "unreadable") return imported;
  const zone = compactZone(imported.records);
  for (const d of zone.diagnostics) io.stderr.write(formatDiagnostic(d) + "\n");
  return {
    zone,
    meta: {
      file: path,
      format: imported.format,
      origin: imported.origin,
      records: zone.records,
      rrsets: zone.rrsets,
      providerOnly: imported.providerOnly,
    },
  };
}

function ttlText(t: number | null): string {
  return t === null ? "-" : String(t);
}

/** Text: "-" only in A, "+" only in B, "~" a TTL change; one line per RDATA, canonical order. */
export function renderDiffText(a: ZoneDiffSide, b: ZoneDiffSide, diff: ZoneDiff): string {
  const side = (mark: string, s: ZoneDiffSide) =>
    `${mark} ${s.file} (${s.format}, origin ${s.origin ?? "unknown"}, ${s.records} records, ${s.rrsets} RRsets)`;
  const lines = [side("---", a), side("+++", b)];
  for (const d of diff.differences) {
    const head = `${d.owner}\t`;
    if (d.ttlDiffers) lines.push(`~ ${head}${d.class}\t${d.type}\tTTL ${d.ttl.a} -> ${d.ttl.b}`);
    for (const r of d.onlyInA) lines.push(`- ${head}${ttlText(d.ttl.a)}\t${d.class}\t${d.type}\t${r}`);
    for (const r of d.onlyInB) lines.push(`+ ${head}${ttlText(d.ttl.b)}\t${d.class}\t${d.type}\t${r}`);
  }
  for (const s of [a, b]) {
    if (s.providerOnly > 0)
      lines.push(
        `; ${s.file}: ${s.providerOnly} provider-only record(s) not compared (cutover zone normalize lists them)`,
      );
  }
  const m = diff.summary;
  lines.push(
    m.differ === 0
      ? `= equal: ${m.equal} RRsets`
      : `= ${m.differ} RRset(s) differ (${m.onlyInA} only in A, ${m.onlyInB} only in B, ${m.rdataDiffers} RDATA, ${m.ttlDiffers} TTL); ${m.equal} equal`,
  );
  return lines.join("\n") + "\n";
}

export function renderDiffJson(a: ZoneDiffSide, b: ZoneDiffSide, diff: ZoneDiff): string {
  const out: ZoneDiffJson = {
    equal: diff.summary.differ === 0,
    a,
    b,
    summary: diff.summary,
    differences: diff.differences,
  };
  return JSON.stringify(out, null, 2) + "\n";
}

export function zoneDiff(argv: string[], io: CliIo): number {
  const parsed = parseDiffArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`cutover zone diff: ${parsed.message}\n${USAGE}`);
    return EXIT.USAGE;
  }
  const { args } = parsed;
  const [fileA, fileB] = args.files;
  // A is packed and its parsed records dropped before B is read: peak memory is one import, not two.
  const a = loadPacked(fileA, args.formats[0], args.origins[0], args.defaultTtl, io);
  collectGarbage();
  // B is read even when A had errors, so one run shows every problem.
  const b = load(fileB, args.formats[1], args.origins[1], args.defaultTtl, io);
  const bad = [a === null ? fileA : null, b === null ? fileB : null].filter((x) => x !== null);
  if (bad.length > 0) io.stderr.write(`cutover zone diff: ${bad.join(" and ")} had errors; nothing compared\n`);
  if (a === null || b === null || a === "unreadable" || b === "unreadable") return EXIT.USAGE;
  const r = diffZoneRecords(a.zone, b.records);
  for (const d of r.diagnostics) io.stderr.write(formatDiagnostic(d) + "\n");
  const metaB: ZoneDiffSide = {
    file: fileB,
    format: b.format,
    origin: b.origin,
    records: r.records,
    rrsets: r.rrsets,
    providerOnly: b.providerOnly,
  };
  io.stdout.write(args.json ? renderDiffJson(a.meta, metaB, r.diff) : renderDiffText(a.meta, metaB, r.diff));
  return r.diff.summary.differ === 0 ? EXIT.OK : EXIT.FAILED;
}
