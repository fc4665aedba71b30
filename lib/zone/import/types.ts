/**
 * Importer contract: every format yields the same ImportResult so sources
 * compare alike. Counts must add up: read = represented + providerOnly + rejected.
 */
import type { Diagnostic, ParseLimits, ZoneRecord } from "../types";

export const IMPORT_FORMATS = ["bind", "cloudflare", "axfr", "route53", "cloudflare-json", "powerdns"] as const;
export type ImportFormat = (typeof IMPORT_FORMATS)[number];

export interface ImportFile {
  /** Name as uploaded / given on the command line. */
  name: string;
  bytes: Uint8Array;
}

export interface ImportOptions {
  /** "auto" (default) detects from content. */
  format?: ImportFormat | "auto";
  /** Zone origin, presentation form ("project.test."); detected when absent (SOA owner, Cloudflare banner, Route 53 apex). */
  origin?: string;
  defaultTtl?: number;
  limits?: Partial<ParseLimits>;
  /**
   * How $INCLUDE resolves: "filesystem" (CLI: relative to the including file on disk)
   * or "bundle" (web: only other files of the same import). Default "bundle".
   */
  includes?: "filesystem" | "bundle";
  /**
   * Look for provider dependencies in the represented records (report.providerDependencies).
   * Default true; `cutover zone diff` turns it off (it compares records only, at 1M-record scale).
   */
  providerDependencies?: boolean;
}

/** A record that exists only inside one provider and does not survive a zone-file copy. */
export interface ProviderRecord {
  provider: "route53" | "cloudflare" | "powerdns";
  /** alias | routing-policy | proxied | flattened | auto-ttl | alias-type | lua | url-forward | ... */
  kind: string;
  /** Absolute presentation owner ("www.project.test."). */
  owner: string;
  /** Type mnemonic as the provider states it ("A", "ALIAS", "LUA"). */
  type: string;
  /** The provider's value as text (alias target, proxied origin address, LUA snippet). */
  value: string;
  ttl: number | null;
  /** Provider attributes kept verbatim (SetIdentifier, Weight, HostedZoneId, cf_tags…). */
  attributes: Record<string, string | number | boolean | null>;
  /** Why it will not transfer as-is. */
  reason: string;
  /** What it would need at a new operator (the concrete replacement). */
  replacement: string;
  file: string;
  line: number;
  /**
   * true when the record is ALSO kept in `records` and counted as represented
   * (advisory entries such as Cloudflare auto-TTL); absent/false means the
   * record exists only here and is counted as providerOnly.
   */
  represented?: boolean;
}

/** A represented record that depends on a provider (found by lib/providers fingerprints). */
export interface ProviderDependency {
  owner: string;
  type: string;
  value: string;
  file: string;
  line: number;
  matches: import("../../providers/types").ProviderMatch[];
}

export interface TypeCounts {
  read: number;
  represented: number;
  providerOnly: number;
  rejected: number;
}

export interface ImportReport {
  format: ImportFormat;
  /** Bumped when importer behaviour changes, so stored reports can be told apart. */
  importerVersion: string;
  files: { name: string; sha256: string; bytes: number }[];
  /** Absolute presentation origin, or null when unknown. */
  origin: string | null;
  /** Per type mnemonic. */
  counts: Record<string, TypeCounts>;
  totals: TypeCounts;
  diagnostics: Diagnostic[];
  diagnosticsDropped: number;
  providerRecords: ProviderRecord[];
  /** Represented records that point into or were injected by a provider (e.g. Cloudflare Email Routing MX). */
  providerDependencies?: ProviderDependency[];
  /** Whether the import is usable at all (false e.g. for "; Transfer failed."). */
  ok: boolean;
}

export interface ImportResult {
  records: ZoneRecord[];
  providerRecords: ProviderRecord[];
  diagnostics: Diagnostic[];
  report: ImportReport;
}
