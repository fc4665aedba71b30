/**
 * Stable diagnostic codes. Add codes freely; never rename or reuse one
 * (tests, golden files and stored reports depend on them).
 */
export const DIAGNOSTIC_CODES = {
  // --- lexical / syntax -------------------------------------------------
  /** A quoted string is not closed before the end of the line/file. */
  UNTERMINATED_QUOTE: "unterminated-quote",
  /** ')' without '(' or '(' never closed. */
  UNBALANCED_PARENS: "unbalanced-parens",
  /** A line ends in the middle of a record (missing type or rdata). */
  UNEXPECTED_END: "unexpected-end",
  /** A character that is not allowed in this position (e.g. raw NUL/control byte). */
  BAD_CHARACTER: "bad-character",
  /** A backslash escape that is malformed (\DDD > 255, lone backslash at EOF). */
  BAD_ESCAPE: "bad-escape",
  /** CRLF, BOM or other line-ending oddity accepted with a warning. */
  LINE_ENDING: "line-ending",

  // --- names ------------------------------------------------------------
  /** A label longer than 63 octets (RFC 1035 §2.3.4). */
  LABEL_TOO_LONG: "label-too-long",
  /** A name longer than 255 octets in wire form (RFC 1035 §2.3.4). */
  NAME_TOO_LONG: "name-too-long",
  /** An empty label ("a..b", leading dot). */
  EMPTY_LABEL: "empty-label",
  /** A relative name when no $ORIGIN is known. */
  NO_ORIGIN: "no-origin",
  /** A record whose owner is outside the zone's origin (kept, flagged). */
  OUT_OF_ZONE: "out-of-zone",
  /** A blank owner (line starting with blank space) but no previous owner in this file. */
  NO_OWNER: "no-owner",
  /** A blank owner right after $ORIGIN: the previous owner is used, not the new origin (BIND warns too). */
  INHERITED_OWNER: "inherited-owner",

  // --- fields -----------------------------------------------------------
  /** TTL not a number in 0..2^32-1 (units allowed); 2^32 is an error, never wrapped. */
  BAD_TTL: "bad-ttl",
  /** TTL above 2^31-1: RFC 2181 §8 says treat as 0; we keep it and warn. */
  TTL_TOO_LARGE: "ttl-too-large",
  /** No $TTL and no explicit TTL: the previous record's TTL (or SOA minimum) is used. */
  TTL_DEFAULTED: "ttl-defaulted",
  /** Unknown class mnemonic or CLASSnnn out of range. */
  BAD_CLASS: "bad-class",
  /** Class differs from the zone's class. */
  CLASS_MISMATCH: "class-mismatch",
  /** Unknown type mnemonic (use TYPEnnn / RFC 3597 instead). */
  UNKNOWN_TYPE: "unknown-type",
  /** RDATA does not match the type's presentation syntax. */
  BAD_RDATA: "bad-rdata",
  /** RFC 3597 "\\# len hex" with wrong length or bad hex. */
  BAD_GENERIC_RDATA: "bad-generic-rdata",
  /** A number out of range for its field. */
  NUMBER_OVERFLOW: "number-overflow",
  /** Extra tokens after a complete RDATA. */
  TRAILING_DATA: "trailing-data",
  /** A character-string longer than 255 octets (RFC 1035 §3.3). */
  STRING_TOO_LONG: "string-too-long",
  /** RDATA longer than 65535 octets once encoded (RFC 1035 §3.2.1 RDLENGTH is 16 bits). */
  RDATA_TOO_LONG: "rdata-too-long",
  /** An SVCB/HTTPS SvcParam that breaks RFC 9460 rules (duplicate key, mandatory list, missing or forbidden value). */
  BAD_SVC_PARAM: "bad-svc-param",
  /** A meta type (ANY, AXFR, OPT…) that cannot appear in a zone. */
  META_TYPE: "meta-type",

  // --- directives -------------------------------------------------------
  /** An unknown $DIRECTIVE. */
  BAD_DIRECTIVE: "bad-directive",
  /** $INCLUDE target missing, outside the upload, or not allowed here. */
  INCLUDE_NOT_FOUND: "include-not-found",
  /** $INCLUDE nesting deeper than the limit or a cycle. */
  INCLUDE_DEPTH: "include-depth",
  /** $GENERATE syntax error or range too large. */
  BAD_GENERATE: "bad-generate",

  // --- zone semantics ---------------------------------------------------
  /** CNAME together with other data at the same owner (RFC 1034 §3.6.2). */
  CNAME_AND_OTHER: "cname-and-other-data",
  /** More than one SOA, or SOA not at the origin. */
  BAD_SOA: "bad-soa",
  /** Same RR twice (dropped as duplicate, RFC 2181 §5). */
  DUPLICATE_RR: "duplicate-rr",
  /** RRset whose records disagree on TTL (RFC 2181 §5.2): lowest kept. */
  TTL_MISMATCH: "ttl-mismatch",

  // --- limits -----------------------------------------------------------
  /** Input larger than the byte limit: reading stopped. */
  LIMIT_BYTES: "limit-bytes",
  /** More records than the record limit: reading stopped. */
  LIMIT_RECORDS: "limit-records",
  /** Too many diagnostics: further ones counted but not kept. */
  LIMIT_DIAGNOSTICS: "limit-diagnostics",
  /** More $GENERATE entries in one parse than limits.maxGenerateTotal: reading stopped. */
  LIMIT_GENERATE: "limit-generate",
  /** More $INCLUDE files read in one parse than limits.maxIncludeFiles: reading stopped. */
  LIMIT_INCLUDES: "limit-includes",

  // --- importers --------------------------------------------------------
  /** The input format could not be recognised or is malformed as a whole. */
  BAD_FORMAT: "bad-format",
  /** A dig AXFR output that says the transfer failed. */
  TRANSFER_FAILED: "transfer-failed",
  /** A record that only exists inside one provider (kept as provider record). */
  PROVIDER_RECORD: "provider-record",
  /** Cloudflare TTL 1 = "automatic" (300 s) applied. */
  AUTO_TTL: "auto-ttl",
  /** A value that an importer had to normalise (e.g. Route 53 \\052). */
  NORMALISED: "normalised",
  /** A dig AXFR output without the closing SOA (RFC 5936 §2.2): the transfer may be truncated. */
  TRANSFER_TRUNCATED: "transfer-truncated",
  /** Importer bug guard: read != represented + providerOnly + rejected for a type. */
  COUNTS_MISMATCH: "counts-mismatch",
  /** Several files of one import are in different formats. */
  MIXED_FORMATS: "mixed-formats",
} as const;

export type DiagnosticCode = (typeof DIAGNOSTIC_CODES)[keyof typeof DIAGNOSTIC_CODES];
