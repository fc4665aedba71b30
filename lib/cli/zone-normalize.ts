/**
 * `cutover zone normalize FILE...`: import exports in any supported format
 * and print canonical master-file lines (absolute owner, explicit TTL and
 * class, RFC 4034 §6.1 canonical order) or JSON.
 */
import { readFileSync } from "node:fs";
import { parseOrExplain } from "./command-line";
import { parseDefaultTtl, unknownFormat } from "./zone-options";
import { importZone, type ImportFile, type ImportFormat, type ImportResult } from "../zone/import";
import { sortCanonical } from "../zone/rrset";
import { recordToText } from "../zone/serialize";
import { nameToText } from "../zone/name";
import { classToText, typeToText } from "../zone/rrtype";
import { rdataToText } from "../zone/rdata";
import type { Diagnostic } from "../zone/types";
import { EXIT, type CliIo } from "./io";
import { USAGE } from "./usage";

interface NormalizeArgs {
  files: string[];
  origin?: string;
  format: ImportFormat | "auto";
  defaultTtl?: number;
  json: boolean;
}

type Parsed = { ok: true; args: NormalizeArgs } | { ok: false; message: string };

export function parseNormalizeArgs(argv: string[]): Parsed {
  const parsed = parseOrExplain({
    args: argv,
    allowPositionals: true,
    strict: true,
    options: {
      origin: { type: "string" },
      format: { type: "string", default: "auto" },
      "default-ttl": { type: "string" },
      json: { type: "boolean", default: false },
    },
  });
  if (!parsed.ok) return parsed;
  const { values, positionals } = parsed.args;
  const format = values.format ?? "auto";
  const unknown = unknownFormat(format);
  if (unknown) return { ok: false, message: unknown };
  const ttl = parseDefaultTtl(values["default-ttl"]);
  if (!ttl.ok) return ttl;
  const defaultTtl = ttl.value;
  if (positionals.length === 0) return { ok: false, message: "no files given" };
  return {
    ok: true,
    args: {
      files: positionals,
      origin: values.origin,
      format: format as ImportFormat | "auto",
      defaultTtl,
      json: values.json ?? false,
    },
  };
}

export function formatDiagnostic(d: Diagnostic): string {
  return `${d.file}:${d.line}:${d.column}: ${d.code}: ${d.message}`;
}

function hex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

/** Text output: one RR per line; provider records as comments, so the output still loads as a zone. */
export function renderText(result: ImportResult): string {
  const lines = sortCanonical(result.records).map(recordToText);
  for (const p of result.providerRecords) {
    const tag = p.represented ? "provider-note" : "provider-record";
    lines.push(`; ${tag} ${p.provider} ${p.kind}: ${p.owner}\t${p.ttl ?? "-"}\t${p.type}\t${p.value}`);
    lines.push(`;   replacement: ${p.replacement}`);
  }
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}

export function renderJson(result: ImportResult): string {
  const report = result.report;
  const out = {
    records: sortCanonical(result.records).map((r) => ({
      owner: nameToText(r.owner),
      ttl: r.ttl,
      class: classToText(r.class),
      type: typeToText(r.type),
      rdata: rdataToText(r.type, r.rdata),
      wire: hex(r.rdata),
    })),
    providerRecords: result.providerRecords,
    diagnostics: result.diagnostics.map((d) => ({
      file: d.file,
      line: d.line,
      column: d.column,
      code: d.code,
      message: d.message,
      severity: d.severity,
    })),
    counts: report.counts,
    totals: report.totals,
    format: report.format,
    origin: report.origin,
    ok: report.ok,
  };
  return JSON.stringify(out, null, 2) + "\n";
}

export function exitCodeOf(result: ImportResult): number {
  const failed =
    !result.report.ok || result.report.totals.rejected > 0 || result.diagnostics.some((d) => d.severity === "error");
  return failed ? EXIT.FAILED : EXIT.OK;
}

export function zoneNormalize(argv: string[], io: CliIo): number {
  const parsed = parseNormalizeArgs(argv);
  if (!parsed.ok) {
    io.stderr.write(`cutover zone normalize: ${parsed.message}\n${USAGE}`);
    return EXIT.USAGE;
  }
  const { args } = parsed;
  const files: ImportFile[] = [];
  for (const path of args.files) {
    try {
      files.push({ name: path, bytes: new Uint8Array(readFileSync(path)) });
    } catch (e) {
      const code = (e as { code?: string }).code ?? "error";
      io.stderr.write(`cutover zone normalize: cannot read ${path}: ${code}\n`);
      return EXIT.USAGE;
    }
  }
  const result = importZone(files, {
    format: args.format,
    origin: args.origin,
    defaultTtl: args.defaultTtl,
    includes: "filesystem",
  });
  io.stdout.write(args.json ? renderJson(result) : renderText(result));
  for (const d of result.diagnostics) io.stderr.write(formatDiagnostic(d) + "\n");
  if (result.report.diagnosticsDropped > 0)
    io.stderr.write(`(${result.report.diagnosticsDropped} more diagnostics not shown)\n`);
  return exitCodeOf(result);
}
