/**
 * Shapes shared by the format modules (not part of the public contract).
 */
import type { Diagnostic, ParseLimits, ZoneRecord } from "../types";
import type { ProviderRecord } from "./types";
import type { Counts } from "./report";

/** An ImportFile with its decoded text and hash. */
export interface DecodedFile {
  name: string;
  bytes: Uint8Array;
  /** latin1: one char per octet. */
  text: string;
  sha256: string;
}

/** What one format module produces; index.ts turns it into an ImportResult. */
export interface FormatOutput {
  records: ZoneRecord[];
  providerRecords: ProviderRecord[];
  diagnostics: Diagnostic[];
  diagnosticsDropped: number;
  counts: Counts;
  /** Absolute presentation origin or null. */
  origin: string | null;
  ok: boolean;
}

/** Options every format module receives (already defaulted by index.ts). */
export interface FormatOptions {
  origin?: string;
  defaultTtl?: number;
  limits?: Partial<ParseLimits>;
  includes: "filesystem" | "bundle";
}

/** A diagnostic of an importer at file:line:column; an error unless `severity` says otherwise. */
export function diag({
  file,
  line,
  column,
  code,
  message,
  severity = "error",
}: Omit<Diagnostic, "severity"> & { severity?: Diagnostic["severity"] }): Diagnostic {
  return { file, line, column, code, message, severity };
}

/** Stable order by file (first appearance) then line, so merged diagnostics read top to bottom. */
export function sortByPosition(diagnostics: Diagnostic[]): Diagnostic[] {
  const fileOrder = new Map<string, number>();
  for (const d of diagnostics) if (!fileOrder.has(d.file)) fileOrder.set(d.file, fileOrder.size);
  return diagnostics
    .map((d, i) => ({ d, i }))
    .sort((a, b) => fileOrder.get(a.d.file)! - fileOrder.get(b.d.file)! || a.d.line - b.d.line || a.i - b.i)
    .map((x) => x.d);
}
