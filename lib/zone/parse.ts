/**
 * RFC 1035 §5 master-file parser with the BIND extensions.
 * CONTRACT (implemented by the parser work; signatures are fixed):
 */
import type { Diagnostic, ParseLimits, ZoneRecord } from "./types";

export interface IncludeResolver {
  /**
   * Resolve a $INCLUDE path as written, relative to the including file
   * (`from`). CLI: the file system relative to the including file; web app:
   * only files of the same upload. null -> INCLUDE_NOT_FOUND diagnostic.
   * `text` is one char per octet (latin1), like parseZone's input.
   */
  (path: string, from: string): { file: string; text: string } | null;
}

export interface ParseOptions {
  /** Name used in diagnostics and ZoneRecord.file. */
  file: string;
  /** Initial origin (wire). Default: none (relative names are errors until $ORIGIN). */
  origin?: Uint8Array | null;
  /** TTL when neither $TTL nor any earlier explicit TTL applies (warning TTL_DEFAULTED). */
  defaultTtl?: number;
  /** Default class (1 = IN). */
  defaultClass?: number;
  limits?: Partial<ParseLimits>;
  /** Absent -> $INCLUDE yields INCLUDE_NOT_FOUND. */
  include?: IncludeResolver;
  /** When true, result.comments[i] holds the trailing ";" comment text of records[i] (importers read cf_tags). */
  keepComments?: boolean;
}

export interface ParseResult {
  records: ZoneRecord[];
  /** Aligned with records when keepComments is set (comment text without the leading ';'). */
  comments?: (string | undefined)[];
  diagnostics: Diagnostic[];
  /** Diagnostics counted beyond limits.maxDiagnostics. */
  diagnosticsDropped: number;
  /** The origin in force at the end of the top-level file (or the initial one). */
  origin: Uint8Array | null;
  /** Per type mnemonic: records read (attempted) and rejected; represented = read - rejected. */
  typeCounts: Record<string, { read: number; rejected: number }>;
  /** Whether a limit stopped reading early. */
  truncated: boolean;
}

/**
 * Parse a master file. `text` holds one char per octet (decode files as
 * latin1) so names and TXT keep their exact bytes. Never throws on bad input.
 */
export function parseZone(text: string, options: ParseOptions): ParseResult {
  void text; void options;
  throw new Error("parseZone: not implemented yet");
}
