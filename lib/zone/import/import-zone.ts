/**
 * Entry point of the importers: decode, detect, dispatch to one format
 * module, build the report (ARCHITECTURE.md, "An importer").
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { Diagnostic } from "../types";
import { decodeLatin1, sha256Hex } from "./text";
import { detectFileFormat, detectFormat } from "./detect";
import { buildReport } from "./report";
import { importBind } from "./bind";
import { importCloudflare } from "./cloudflare";
import { importAxfr } from "./axfr";
import { importRoute53 } from "./route53";
import { importCloudflareJson } from "./cloudflare-json";
import { importPowerDns } from "./powerdns";
import { diag, type DecodedFile, type FormatOptions, type FormatOutput } from "./internal";
import type { ImportFile, ImportFormat, ImportOptions, ImportResult } from "./types";

const IMPORTERS: Record<ImportFormat, (files: DecodedFile[], options: FormatOptions) => FormatOutput> = {
  bind: importBind,
  cloudflare: importCloudflare,
  axfr: importAxfr,
  route53: importRoute53,
  "cloudflare-json": importCloudflareJson,
  powerdns: importPowerDns,
};

const DEFAULT_MAX_BYTES = 64 * 1024 * 1024;

function failed(format: ImportFormat, files: DecodedFile[], diagnostics: Diagnostic[]): ImportResult {
  const report = buildReport({
    format,
    files,
    origin: null,
    counts: {},
    records: [],
    providerRecords: [],
    diagnostics,
    diagnosticsDropped: 0,
    ok: false,
  });
  return { records: [], providerRecords: [], diagnostics: report.diagnostics, report };
}

export function importZone(files: ImportFile[], options: ImportOptions = {}): ImportResult {
  const maxBytes = options.limits?.maxBytes ?? DEFAULT_MAX_BYTES;
  const decoded: DecodedFile[] = files.map((f) => ({
    name: f.name,
    bytes: f.bytes,
    text: decodeLatin1(f.bytes),
    sha256: sha256Hex(f.bytes),
  }));
  const requested = options.format ?? "auto";
  if (decoded.length === 0)
    return failed(requested === "auto" ? "bind" : requested, decoded, [
      diag({
        file: "",
        line: 0,
        column: 0,
        code: D.BAD_FORMAT,
        message: "no files to import",
      }),
    ]);

  const tooBig = decoded.filter((f) => f.bytes.length > maxBytes);
  if (tooBig.length > 0) {
    return failed(
      requested === "auto" ? "bind" : requested,
      decoded,
      tooBig.map((f) =>
        diag({
          file: f.name,
          line: 0,
          column: 0,
          code: D.LIMIT_BYTES,
          message: `${f.bytes.length} bytes exceed the ${maxBytes}-byte limit`,
        }),
      ),
    );
  }

  let format: ImportFormat;
  if (requested !== "auto") format = requested;
  else {
    const detected = detectFormat(
      files,
      decoded.map((f) => f.text),
    );
    if (!detected) {
      const per = decoded.map((f, i) => ({ f, d: detectFileFormat(files[i], f.text) }));
      const formats = new Set(per.map((p) => p.d.format).filter((x) => x !== null));
      const diagnostics =
        formats.size > 1
          ? [
              diag({
                file: decoded[0].name,
                line: 0,
                column: 0,
                code: D.MIXED_FORMATS,
                message: `files are in different formats (${per.map((p) => `${p.f.name}: ${p.d.format ?? "unknown"}`).join(", ")}); import them separately`,
              }),
            ]
          : per.map((p) =>
              diag({
                file: p.f.name,
                line: 0,
                column: 0,
                code: D.BAD_FORMAT,
                message: `unrecognised format: ${p.d.reason}; choose one of bind, cloudflare, axfr, route53, cloudflare-json, powerdns`,
              }),
            );
      // The report needs some format; "bind" with ok = false and the diagnostics says nothing was read.
      return failed("bind", decoded, diagnostics);
    }
    format = detected;
  }

  const out = IMPORTERS[format](decoded, {
    origin: options.origin,
    defaultTtl: options.defaultTtl,
    limits: options.limits,
    includes: options.includes ?? "bundle",
  });
  const report = buildReport({
    format,
    files: decoded,
    origin: out.origin,
    counts: out.counts,
    records: out.records,
    providerRecords: out.providerRecords,
    diagnostics: out.diagnostics,
    diagnosticsDropped: out.diagnosticsDropped,
    ok: out.ok,
    providerDependencies: options.providerDependencies,
  });
  return { records: out.records, providerRecords: out.providerRecords, diagnostics: report.diagnostics, report };
}
