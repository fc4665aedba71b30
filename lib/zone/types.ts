/**
 * Core data of the zone engine. Everything that reads DNS data (master files,
 * provider exports, live answers) produces these shapes, so an export and a
 * live answer compare byte for byte.
 */

/** A problem found while reading input. Never thrown: always collected. */
export interface Diagnostic {
  /** File name as the user gave it (upload label or CLI path). */
  file: string;
  /** 1-based line; 0 when the problem concerns the whole file. */
  line: number;
  /** 1-based column of the offending token; 0 when unknown. */
  column: number;
  /** Stable machine code, see diagnostics.ts. Tests assert codes, not wording. */
  code: DiagnosticCode;
  message: string;
  /** errors reject a record (or the file); warnings keep it. */
  severity: "error" | "warning";
  /** The offending source line (truncated to 200 chars) so reports can show it. */
  text?: string;
}

export type { DiagnosticCode } from "./diagnostics";
import type { DiagnosticCode } from "./diagnostics";

/**
 * One resource record.
 * - owner: uncompressed wire name, original spelling (case kept for display;
 *   compare with nameKey()/canonical order, RFC 4343).
 * - rdata: canonical wire RDATA (RFC 4034 §6.2: embedded names of the listed
 *   types lowercased, never compressed).
 */
export interface ZoneRecord {
  owner: Uint8Array;
  ttl: number;
  class: number;
  type: number;
  rdata: Uint8Array;
  /** Where it was read: file name and 1-based line (0 for non-text sources). */
  file: string;
  line: number;
}

/** (owner, class, type) with one TTL and a set of RDATA — the unit of comparison. */
export interface RRset {
  owner: Uint8Array;
  class: number;
  type: number;
  ttl: number;
  /** Canonical wire RDATA, deduplicated, in canonical order (RFC 4034 §6.3). */
  rdatas: Uint8Array[];
}

export interface ParseLimits {
  /**
   * Maximum input bytes per parse: the file plus every file it $INCLUDEs,
   * counted each time one is read (default 64 MiB).
   */
  maxBytes: number;
  /** Maximum records overall (default 2,000,000). */
  maxRecords: number;
  /** Maximum $INCLUDE nesting depth (default 8). */
  maxIncludeDepth: number;
  /** Maximum diagnostics kept; further ones are counted, not stored (default 1000). */
  maxDiagnostics: number;
  /** Maximum records one $GENERATE may produce (default 65,536). */
  maxGenerate: number;
  /**
   * Maximum $GENERATE entries (accepted or failed) in one parse, includes
   * too (default 1,048,576). Optional so older full ParseLimits literals still type-check.
   */
  maxGenerateTotal?: number;
  /** Maximum $INCLUDE files read in one parse, counting re-reads (default 256). */
  maxIncludeFiles?: number;
}
