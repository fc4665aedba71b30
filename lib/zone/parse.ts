/**
 * RFC 1035 §5 master-file parser with the BIND extensions ($TTL from
 * RFC 2308 §4, $GENERATE, TTL units, RFC 3597 generic types/classes).
 *
 * Design for speed (1M records in a few seconds): the lexer hands over token
 * offsets; owner, TTL, class and type are read straight from the source
 * string; consecutive records with the same owner text share one Uint8Array;
 * only RDATA tokens become strings (the rdata codec contract needs them).
 * Behaviours where reference tools disagree are documented in quirks.md.
 */
import type { Diagnostic, ParseLimits, ZoneRecord } from "./types";
import { DIAGNOSTIC_CODES as D, type DiagnosticCode } from "./diagnostics";
import { Lexer, TOKEN_QUOTED, lineAround } from "./lex";
import { nameKey, nameToText, parseName } from "./name";
import { parseRdata } from "./rdata";
import type { RdataContext, Token } from "./rdata/types";
import { isMetaType, typeFromText, typeToText } from "./rrtype";
import { TTL_OVERFLOW, TTL_SIGNED_MAX, parseTtlRange } from "./ttl";
import { expandTemplate, parseGenerateRange } from "./generate";

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

export const DEFAULT_LIMITS: Required<ParseLimits> = {
  maxBytes: 64 * 1024 * 1024,
  maxRecords: 2_000_000,
  maxIncludeDepth: 8,
  maxDiagnostics: 1000,
  maxGenerate: 65_536,
  maxGenerateTotal: 1_048_576,
  maxIncludeFiles: 256,
};

/** Largest batch of $GENERATE lines expanded and lexed at once (batches start at 1 and double). */
const GENERATE_BATCH = 1024;

/** typeCounts key for entries rejected before their type could be read. */
export const UNPARSED_TYPE = "UNPARSED";

const TYPE_SOA = 6;
const TYPE_CNAME = 5;
const TYPE_RRSIG = 46;
const TYPE_NSEC = 47;

/** Per-file (or per-$GENERATE) reading state. */
interface FileCtx {
  file: string;
  lex: Lexer;
  origin: Uint8Array | null;
  depth: number;
  stack: string[];
  prevOwner: Uint8Array | null;
  /** Source range of the owner text prevOwner was parsed from (cache key), -1 if none. */
  prevStart: number;
  prevEnd: number;
  prevOrigin: Uint8Array | null;
  /** Set by $ORIGIN, cleared by the next record: a blank owner here inherits the old owner (warned). */
  originJustChanged: boolean;
  /** $GENERATE expansion: every diagnostic points at the directive line. */
  fixed: { line: number; text: string } | null;
}

interface EntryError {
  code: DiagnosticCode;
  message: string;
  line: number;
  column: number;
  offset: number;
}

/**
 * Parse a master file. `text` holds one char per octet (decode files as
 * latin1) so names and TXT keep their exact bytes. Never throws on bad input.
 */
export function parseZone(text: string, options: ParseOptions): ParseResult {
  return new ZoneParser(options).run(text);
}

class ZoneParser {
  private readonly opts: ParseOptions;
  private readonly limits: Required<ParseLimits>;
  private readonly records: ZoneRecord[] = [];
  private readonly comments: (string | undefined)[] | undefined;
  private readonly diagnostics: Diagnostic[] = [];
  private dropped = 0;
  private readonly read = new Int32Array(65536);
  private readonly rejected = new Int32Array(65536);
  private readonly otherCounts = new Map<string, { read: number; rejected: number }>();
  private truncated = false;
  private stop = false;
  /** Work done so far in this parse, across $INCLUDEs (limits.maxBytes, maxIncludeFiles, maxGenerateTotal). */
  private bytesRead = 0;
  private includeFiles = 0;
  private generated = 0;

  private zoneClass = 0;
  private apex: Uint8Array | null;
  private dollarTtl = -1;
  private lastTtl = -1;
  private defaultedWarned = false;
  private readonly typeCache = new Map<number, number>();
  private readonly pool: Token[] = [];
  private readonly rdctx: RdataContext = { origin: null };
  /** ownerHash() of CNAME owners: a cheap pre-filter before exact keys. */
  private readonly cnameOwners = new Set<number>();
  private zoneChecked: Uint8Array | null = null;
  /** RDATA of the first SOA accepted (quirks.md §soa). */
  private firstSoa: Uint8Array | null = null;

  constructor(opts: ParseOptions) {
    this.opts = opts;
    this.limits = { ...DEFAULT_LIMITS, ...(opts.limits ?? {}) };
    this.comments = opts.keepComments ? [] : undefined;
    this.apex = opts.origin ?? null;
  }

  run(text: string): ParseResult {
    const origin = this.opts.origin ?? null;
    const ctx = this.fileCtx(this.opts.file, text, origin, 0, [this.opts.file], null);
    let endOrigin = origin;
    if (ctx) {
      this.readFile(ctx);
      endOrigin = ctx.origin;
    }
    this.checkCnames();
    if (this.dropped > 0) {
      this.diagnostics.push({
        file: this.opts.file,
        line: 0,
        column: 0,
        code: D.LIMIT_DIAGNOSTICS,
        message: `${this.dropped} more diagnostics were not kept (limit ${this.limits.maxDiagnostics})`,
        severity: "warning",
      });
    }
    const typeCounts: Record<string, { read: number; rejected: number }> = {};
    for (let t = 0; t < 65536; t++) {
      if (this.read[t] > 0) typeCounts[typeToText(t)] = { read: this.read[t], rejected: this.rejected[t] };
    }
    // Added, never assigned: a rejected entry whose type token reads like a
    // known mnemonic (a quoted "NS") shares the key with the real NS records.
    for (const [k, v] of this.otherCounts) {
      const c = typeCounts[k];
      if (c) {
        c.read += v.read;
        c.rejected += v.rejected;
      } else typeCounts[k] = { read: v.read, rejected: v.rejected };
    }
    const result: ParseResult = {
      records: this.records,
      diagnostics: this.diagnostics,
      diagnosticsDropped: this.dropped,
      origin: endOrigin,
      typeCounts,
      truncated: this.truncated,
    };
    if (this.comments) result.comments = this.comments;
    return result;
  }

  // --- diagnostics -----------------------------------------------------------

  private push(d: Diagnostic): void {
    if (this.diagnostics.length < this.limits.maxDiagnostics) this.diagnostics.push(d);
    else this.dropped++;
  }

  private diag(
    ctx: FileCtx,
    line: number,
    column: number,
    offset: number,
    code: DiagnosticCode,
    message: string,
    severity: "error" | "warning" = "error",
  ): void {
    if (this.diagnostics.length >= this.limits.maxDiagnostics) {
      this.dropped++;
      return;
    }
    const fixed = ctx.fixed;
    this.diagnostics.push({
      file: ctx.file,
      line: fixed ? fixed.line : line,
      column: fixed ? 1 : column,
      code,
      message,
      severity,
      text: fixed ? fixed.text : lineAround(ctx.lex.src, offset),
    });
  }

  /** Diagnostic at token i of the current entry. */
  private diagTok(
    ctx: FileCtx,
    i: number,
    code: DiagnosticCode,
    message: string,
    severity: "error" | "warning" = "error",
  ): void {
    const lex = ctx.lex;
    this.diag(ctx, lex.tline[i], lex.tcol[i], lex.start[i], code, message, severity);
  }

  private errTok(ctx: FileCtx, i: number, code: DiagnosticCode, message: string): EntryError {
    const lex = ctx.lex;
    return { code, message, line: lex.tline[i], column: lex.tcol[i], offset: lex.start[i] };
  }

  /** Error just after the last token (something is missing). */
  private errEnd(ctx: FileCtx, code: DiagnosticCode, message: string): EntryError {
    const lex = ctx.lex;
    const i = lex.count - 1;
    if (i < 0) return { code, message, line: lex.entryLine, column: 1, offset: lex.entryOffset };
    const w = lex.end[i] - lex.start[i] + ((lex.flags[i] & TOKEN_QUOTED) !== 0 ? 2 : 0);
    return { code, message, line: lex.tline[i], column: lex.tcol[i] + w, offset: lex.start[i] };
  }

  private report(ctx: FileCtx, e: EntryError): void {
    this.diag(ctx, e.line, e.column, e.offset, e.code, e.message);
  }

  // --- files -------------------------------------------------------------------

  private fileCtx(
    file: string,
    text: string,
    origin: Uint8Array | null,
    depth: number,
    stack: string[],
    parent: FileCtx | null,
  ): FileCtx | null {
    // The byte limit covers everything one parse reads: an $INCLUDE fan-out
    // (a file including another several times, nested) must not multiply it.
    if (this.bytesRead + text.length > this.limits.maxBytes) {
      this.truncated = true;
      if (parent) {
        this.diag(
          parent,
          parent.lex.entryLine,
          1,
          parent.lex.entryOffset,
          D.LIMIT_BYTES,
          `${file}: reading its ${text.length} bytes would bring this parse to ${this.bytesRead + text.length} bytes, above the limit of ${this.limits.maxBytes}: reading stopped`,
        );
        this.stop = true;
      } else {
        this.push({
          file,
          line: 0,
          column: 0,
          code: D.LIMIT_BYTES,
          message: `input is ${text.length} bytes, above the limit of ${this.limits.maxBytes}: not read`,
          severity: "error",
        });
      }
      return null;
    }
    this.bytesRead += text.length;
    const lex = new Lexer(text, this.opts.keepComments === true);
    const ctx: FileCtx = {
      file,
      lex,
      origin,
      depth,
      stack,
      prevOwner: parent ? parent.prevOwner : null,
      prevStart: -1,
      prevEnd: -1,
      prevOrigin: null,
      originJustChanged: false,
      fixed: null,
    };
    // A UTF-8 byte order mark (EF BB BF as latin1) is skipped with a warning.
    if (text.charCodeAt(0) === 0xef && text.charCodeAt(1) === 0xbb && text.charCodeAt(2) === 0xbf) {
      lex.pos = 3;
      lex.lineStart = 3;
      this.diag(ctx, 1, 1, 0, D.LINE_ENDING, "UTF-8 byte order mark skipped", "warning");
    }
    return ctx;
  }

  private readFile(ctx: FileCtx): void {
    const lex = ctx.lex;
    while (!this.stop && lex.next()) this.entry(ctx);
    if (lex.crlfLine > 0) {
      this.diag(
        ctx,
        lex.crlfLine,
        1,
        lineStartOffset(lex.src, lex.crlfLine),
        D.LINE_ENDING,
        "CRLF line endings (accepted)",
        "warning",
      );
    }
  }

  private entry(ctx: FileCtx): void {
    const lex = ctx.lex;
    if (
      !lex.blankOwner &&
      lex.count > 0 &&
      (lex.flags[0] & TOKEN_QUOTED) === 0 &&
      lex.src.charCodeAt(lex.start[0]) === 0x24 /* $ */
    ) {
      if (ctx.fixed) {
        this.countOther(UNPARSED_TYPE, true);
        this.diagTok(ctx, 0, D.BAD_GENERATE, "a $GENERATE owner must not start with a directive");
        return;
      }
      this.directive(ctx);
      return;
    }
    this.record(ctx);
  }

  // --- records -------------------------------------------------------------------

  private countOther(key: string, rejected: boolean): void {
    let c = this.otherCounts.get(key);
    if (!c) {
      c = { read: 0, rejected: 0 };
      this.otherCounts.set(key, c);
    }
    c.read++;
    if (rejected) c.rejected++;
  }

  private record(ctx: FileCtx): void {
    const lex = ctx.lex;
    const src = lex.src;
    const n = lex.count;
    let err: EntryError | null = null;
    if (lex.errCode !== null) {
      err = {
        code: lex.errCode,
        message: lex.errMessage,
        line: lex.errLine,
        column: lex.errCol,
        offset: lex.errOffset,
      };
    }

    // Owner (RFC 1035 §5.1: blank = previous owner).
    let owner: Uint8Array | null = null;
    let i = 0;
    if (lex.blankOwner) {
      owner = ctx.prevOwner;
      if (owner === null && err === null) {
        err = {
          code: D.NO_OWNER,
          message: "blank owner but no previous owner in this file",
          line: lex.entryLine,
          column: 1,
          offset: lex.entryOffset,
        };
      } else if (ctx.originJustChanged && owner !== null) {
        this.diag(
          ctx,
          lex.entryLine,
          1,
          lex.entryOffset,
          D.INHERITED_OWNER,
          "blank owner after $ORIGIN: the previous owner is used, not the new origin",
          "warning",
        );
      }
    } else {
      i = 1;
      const s = lex.start[0];
      const e = lex.end[0];
      if (
        ctx.prevStart >= 0 &&
        ctx.prevOrigin === ctx.origin &&
        e - s === ctx.prevEnd - ctx.prevStart &&
        sameText(src, s, ctx.prevStart, e - s)
      ) {
        owner = ctx.prevOwner;
      } else {
        const r = parseName(src.slice(s, e), ctx.origin);
        if (r.ok) {
          owner = r.wire;
          ctx.prevStart = s;
          ctx.prevEnd = e;
          ctx.prevOrigin = ctx.origin;
        } else {
          ctx.prevStart = -1;
          if (err === null) err = this.errTok(ctx, 0, r.code, `owner: ${r.message}`);
        }
      }
      // A bad owner still becomes the previous owner for blank lines? No: they fail too (BIND).
      ctx.prevOwner = owner;
    }
    ctx.originJustChanged = false;

    // TTL and class in either order (RFC 1035 §5.1).
    let ttl = -1;
    let cls = -1;
    for (let k = 0; k < 2 && i < n; k++) {
      if ((lex.flags[i] & TOKEN_QUOTED) !== 0) break;
      const s = lex.start[i];
      const e = lex.end[i];
      const c0 = src.charCodeAt(s);
      if (c0 >= 0x30 && c0 <= 0x39) {
        if (ttl >= 0) break;
        const v = parseTtlRange(src, s, e);
        if (v < 0) {
          if (err === null) {
            err = this.errTok(
              ctx,
              i,
              D.BAD_TTL,
              v === TTL_OVERFLOW ? `TTL ${src.slice(s, e)} is 2^32 or more` : `bad TTL "${src.slice(s, e)}"`,
            );
          }
          ttl = 0;
        } else {
          ttl = v;
          if (v > TTL_SIGNED_MAX && err === null) {
            this.diagTok(ctx, i, D.TTL_TOO_LARGE, `TTL ${v} is above 2^31-1 (RFC 2181 §8); kept as written`, "warning");
          }
        }
        i++;
        continue;
      }
      if (cls >= 0) break;
      const c = classAt(src, s, e);
      if (c === -1) break;
      if (c === -2) {
        if (err === null) err = this.errTok(ctx, i, D.BAD_CLASS, `bad class "${src.slice(s, e)}"`);
        cls = 0;
      } else cls = c;
      i++;
    }

    // Type.
    let type = -1;
    if (i >= n) {
      if (err === null) err = this.errEnd(ctx, D.UNEXPECTED_END, "record ends before its type");
    } else {
      const t = (lex.flags[i] & TOKEN_QUOTED) !== 0 ? undefined : this.typeAt(src, lex.start[i], lex.end[i]);
      if (t === undefined) {
        const mnemonic = lex.text(i).toUpperCase();
        if (err === null)
          err = this.errTok(ctx, i, D.UNKNOWN_TYPE, `unknown type "${lex.text(i)}" (use TYPEnnn, RFC 3597)`);
        this.countOther(mnemonic === "" ? UNPARSED_TYPE : mnemonic, true);
        this.report(ctx, err);
        return;
      }
      type = t;
      if (isMetaType(t) && err === null)
        err = this.errTok(ctx, i, D.META_TYPE, `${typeToText(t)} cannot appear in a zone`);
      i++;
    }
    if (type < 0) {
      this.countOther(UNPARSED_TYPE, true);
      this.report(ctx, err!);
      return;
    }
    this.read[type]++;

    // Class checks: NONE/ANY only exist in updates/queries; one class per zone.
    if (err === null) {
      if (cls < 0) cls = this.zoneClass || (this.opts.defaultClass ?? 1);
      if (cls === 254 || cls === 255) {
        err = {
          code: D.BAD_CLASS,
          message: `class ${cls === 255 ? "ANY" : "NONE"} cannot appear in a zone`,
          line: lex.tline[0],
          column: lex.tcol[0],
          offset: lex.start[0],
        };
      } else if (this.zoneClass === 0) this.zoneClass = cls;
      else if (cls !== this.zoneClass) {
        err = {
          code: D.CLASS_MISMATCH,
          message: `class ${cls} differs from the zone's class ${this.zoneClass}`,
          line: lex.tline[0],
          column: lex.tcol[0],
          offset: lex.start[0],
        };
      }
    }
    if (err !== null) {
      this.rejected[type]++;
      this.report(ctx, err);
      return;
    }

    // RDATA.
    const m = n - i;
    const pool = this.pool;
    while (pool.length < m) pool.push({ text: "", quoted: false, line: 0, column: 0 });
    for (let k = 0; k < m; k++) {
      const tok = pool[k];
      const j = i + k;
      tok.text = src.slice(lex.start[j], lex.end[j]);
      tok.quoted = (lex.flags[j] & TOKEN_QUOTED) !== 0;
      tok.line = lex.tline[j];
      tok.column = lex.tcol[j];
    }
    this.rdctx.origin = ctx.origin;
    const rd = parseRdata(type, pool, 0, m, this.rdctx);
    if (!rd.ok) {
      this.rejected[type]++;
      const ti = rd.token;
      if (ti >= 0 && ti < m) this.diagTok(ctx, i + ti, rd.code, rd.message);
      else this.report(ctx, { ...this.errEnd(ctx, rd.code, rd.message) });
      return;
    }

    // TTL rules (RFC 1035 §5.1 "last explicitly stated", RFC 2308 §4 $TTL); see quirks.md §ttl-default.
    if (ttl >= 0) this.lastTtl = ttl;
    else if (this.dollarTtl >= 0) ttl = this.dollarTtl;
    else if (this.lastTtl >= 0) {
      ttl = this.lastTtl;
      this.warnDefaulted(ctx, `no $TTL: using the last explicit TTL ${ttl} (RFC 1035 §5.1)`);
    } else if (this.opts.defaultTtl !== undefined) {
      ttl = this.opts.defaultTtl;
      this.warnDefaulted(ctx, `no $TTL and no explicit TTL: using the default TTL ${ttl}`);
    } else if (type === TYPE_SOA && rd.wire.length >= 20) {
      const w = rd.wire;
      const o = w.length - 4;
      ttl = ((w[o] << 24) | (w[o + 1] << 16) | (w[o + 2] << 8) | w[o + 3]) >>> 0;
      this.lastTtl = ttl;
      this.warnDefaulted(ctx, `no $TTL and no explicit TTL: using the SOA MINIMUM ${ttl} (BIND)`);
    } else {
      this.rejected[type]++;
      this.diag(
        ctx,
        lex.entryLine,
        1,
        lex.entryOffset,
        D.BAD_TTL,
        "no TTL known: no $TTL, no earlier explicit TTL and no SOA yet",
      );
      return;
    }

    if (this.records.length >= this.limits.maxRecords) {
      this.rejected[type]++;
      this.diag(
        ctx,
        lex.entryLine,
        1,
        lex.entryOffset,
        D.LIMIT_RECORDS,
        `more than ${this.limits.maxRecords} records: reading stopped`,
      );
      this.truncated = true;
      this.stop = true;
      return;
    }

    const own = owner!;
    if (type === TYPE_SOA && !this.checkSoa(ctx, own, rd.wire)) {
      this.rejected[type]++;
      return;
    }
    if (this.apex !== null && own !== this.zoneChecked) {
      this.zoneChecked = own;
      if (!inZone(own, this.apex)) {
        this.diag(
          ctx,
          lex.entryLine,
          lex.blankOwner ? 1 : lex.tcol[0],
          lex.entryOffset,
          D.OUT_OF_ZONE,
          "owner is outside the zone (kept)",
          "warning",
        );
      }
    }
    if (type === TYPE_CNAME) this.cnameOwners.add(ownerHash(own));
    const line = ctx.fixed ? ctx.fixed.line : lex.entryLine;
    this.records.push({ owner: own, ttl, class: cls, type, rdata: rd.wire, file: ctx.file, line });
    if (this.comments) this.comments.push(ctx.fixed ? undefined : lex.comment);
  }

  /**
   * One SOA per zone, at the apex (RFC 1035 §5.2: "exactly one SOA RR …
   * at the top of the zone"; RFC 2181 §6.1). False = reject the record.
   * - Not at the apex: kept with a bad-soa warning (like out-of-zone data,
   *   Cutover shows what the file says; usually a wrong origin).
   * - A second, different SOA at the apex: rejected (bad-soa error), the
   *   first one stays — two serials would make every later check ambiguous.
   * - An exact repeat (an AXFR dump ends with it, RFC 5936 §2.2): kept with
   *   a warning; the RRset stage drops the duplicate.
   * See quirks.md §soa.
   */
  private checkSoa(ctx: FileCtx, owner: Uint8Array, rdata: Uint8Array): boolean {
    const lex = ctx.lex;
    const col = lex.blankOwner ? 1 : lex.tcol[0];
    const apex = this.apex;
    if (apex !== null && !(owner.length === apex.length && inZone(owner, apex))) {
      this.diag(
        ctx,
        lex.entryLine,
        col,
        lex.entryOffset,
        D.BAD_SOA,
        `SOA is not at the zone apex ${nameToText(apex)} (RFC 1035 §5.2): kept`,
        "warning",
      );
      return true;
    }
    const first = this.firstSoa;
    if (first === null) {
      this.firstSoa = rdata;
      this.apex = owner;
      return true;
    }
    if (sameBytes(first, rdata)) {
      this.diag(
        ctx,
        lex.entryLine,
        col,
        lex.entryOffset,
        D.BAD_SOA,
        "the SOA is repeated (as at the end of an AXFR): kept once",
        "warning",
      );
      return true;
    }
    this.diag(
      ctx,
      lex.entryLine,
      col,
      lex.entryOffset,
      D.BAD_SOA,
      "a second, different SOA at the apex (a zone has exactly one, RFC 1035 §5.2): rejected, the first is kept",
    );
    return false;
  }

  private warnDefaulted(ctx: FileCtx, message: string): void {
    // Once per parse: a zone without $TTL would otherwise warn on every record.
    if (this.defaultedWarned) return;
    this.defaultedWarned = true;
    const lex = ctx.lex;
    this.diag(ctx, lex.entryLine, 1, lex.entryOffset, D.TTL_DEFAULTED, message, "warning");
  }

  /** Type number of src[s..e), cached by a numeric key of the upper-cased mnemonic. */
  private typeAt(src: string, s: number, e: number): number | undefined {
    const n = e - s;
    let key = 0;
    if (n > 0 && n <= 10) {
      for (let p = s; p < e; p++) {
        let c = src.charCodeAt(p);
        let v: number;
        if (c >= 0x61 && c <= 0x7a) c -= 32;
        if (c >= 0x41 && c <= 0x5a) v = c - 0x41 + 11;
        else if (c >= 0x30 && c <= 0x39) v = c - 0x30 + 1;
        else if (c === 0x2d) v = 37;
        else {
          key = -1;
          break;
        }
        key = key * 38 + v;
      }
    } else key = -1;
    if (key > 0) {
      const hit = this.typeCache.get(key);
      if (hit !== undefined) return hit;
    }
    const t = typeFromText(src.slice(s, e));
    if (t !== undefined && key > 0) this.typeCache.set(key, t);
    return t;
  }

  /**
   * CNAME and other data at one owner (RFC 1034 §3.6.2; RRSIG/NSEC allowed by
   * RFC 4035 §2.5): the CNAME records are rejected, the other data kept
   * (quirks.md §cname).
   */
  private checkCnames(): void {
    if (this.cnameOwners.size === 0) return;
    // Exact keys of CNAME owners (hash collisions are resolved here).
    const cnameKeys = new Set<string>();
    for (const r of this.records) if (r.type === TYPE_CNAME) cnameKeys.add(nameKey(r.owner));
    const conflicted = new Set<string>();
    let last: Uint8Array | null = null;
    let lastKey: string | null = null;
    for (const r of this.records) {
      if (r.owner !== last) {
        last = r.owner;
        lastKey = this.cnameOwners.has(ownerHash(r.owner)) ? nameKey(r.owner) : null;
        if (lastKey !== null && !cnameKeys.has(lastKey)) lastKey = null;
      }
      if (lastKey !== null && r.type !== TYPE_CNAME && r.type !== TYPE_RRSIG && r.type !== TYPE_NSEC)
        conflicted.add(lastKey);
    }
    if (conflicted.size === 0) return;
    const keep: ZoneRecord[] = [];
    const keepComments: (string | undefined)[] = [];
    const comments = this.comments;
    for (let k = 0; k < this.records.length; k++) {
      const r = this.records[k];
      if (r.type === TYPE_CNAME && conflicted.has(nameKey(r.owner))) {
        this.rejected[TYPE_CNAME]++;
        this.push({
          file: r.file,
          line: r.line,
          column: 1,
          code: D.CNAME_AND_OTHER,
          message: "CNAME and other data at the same owner (RFC 1034 §3.6.2): the CNAME is rejected",
          severity: "error",
        });
        continue;
      }
      keep.push(r);
      if (comments) keepComments.push(comments[k]);
    }
    this.records.length = 0;
    for (const r of keep) this.records.push(r);
    if (comments) {
      comments.length = 0;
      for (const c of keepComments) comments.push(c);
    }
  }

  // --- directives -----------------------------------------------------------------

  private directive(ctx: FileCtx): void {
    const lex = ctx.lex;
    const name = lex.text(0).toUpperCase();
    if (lex.errCode !== null) {
      this.report(ctx, {
        code: lex.errCode,
        message: lex.errMessage,
        line: lex.errLine,
        column: lex.errCol,
        offset: lex.errOffset,
      });
      return;
    }
    switch (name) {
      case "$ORIGIN":
        return this.dirOrigin(ctx);
      case "$TTL":
        return this.dirTtl(ctx);
      case "$INCLUDE":
        return this.dirInclude(ctx);
      case "$GENERATE":
        return this.dirGenerate(ctx);
      default:
        this.diagTok(ctx, 0, D.BAD_DIRECTIVE, `unknown directive ${lex.text(0)}`);
    }
  }

  private argCount(ctx: FileCtx, min: number, max: number, usage: string): boolean {
    const n = ctx.lex.count - 1;
    if (n < min) {
      this.report(ctx, this.errEnd(ctx, D.UNEXPECTED_END, `usage: ${usage}`));
      return false;
    }
    if (n > max) {
      this.diagTok(ctx, max + 1, D.TRAILING_DATA, `extra text after ${usage}`);
      return false;
    }
    return true;
  }

  private dirOrigin(ctx: FileCtx): void {
    if (!this.argCount(ctx, 1, 1, "$ORIGIN <domain-name>")) return;
    // A relative $ORIGIN is appended to the current origin (BIND; quirks.md §origin).
    const r = parseName(ctx.lex.text(1), ctx.origin);
    if (!r.ok) {
      this.diagTok(ctx, 1, r.code, `$ORIGIN: ${r.message}`);
      return;
    }
    ctx.origin = r.wire;
    ctx.originJustChanged = true;
  }

  private dirTtl(ctx: FileCtx): void {
    if (!this.argCount(ctx, 1, 1, "$TTL <ttl>")) return;
    const lex = ctx.lex;
    const v = parseTtlRange(lex.src, lex.start[1], lex.end[1]);
    if (v < 0) {
      this.diagTok(
        ctx,
        1,
        D.BAD_TTL,
        v === TTL_OVERFLOW ? `$TTL ${lex.text(1)} is 2^32 or more` : `bad $TTL "${lex.text(1)}"`,
      );
      return;
    }
    if (v > TTL_SIGNED_MAX)
      this.diagTok(ctx, 1, D.TTL_TOO_LARGE, `$TTL ${v} is above 2^31-1 (RFC 2181 §8); kept`, "warning");
    this.dollarTtl = v;
  }

  private dirInclude(ctx: FileCtx): void {
    if (!this.argCount(ctx, 1, 2, "$INCLUDE <file> [<origin>]")) return;
    const lex = ctx.lex;
    const path = unescapeText(lex.text(1));
    let origin = ctx.origin;
    if (lex.count > 2) {
      const r = parseName(lex.text(2), ctx.origin);
      if (!r.ok) {
        this.diagTok(ctx, 2, r.code, `$INCLUDE origin: ${r.message}`);
        return;
      }
      origin = r.wire;
    }
    if (ctx.depth + 1 > this.limits.maxIncludeDepth) {
      this.diagTok(ctx, 1, D.INCLUDE_DEPTH, `$INCLUDE nested deeper than ${this.limits.maxIncludeDepth}`);
      return;
    }
    const resolver = this.opts.include;
    const got = resolver ? resolver(path, ctx.file) : null;
    if (!got) {
      this.diagTok(
        ctx,
        1,
        D.INCLUDE_NOT_FOUND,
        resolver ? `$INCLUDE "${path}" not found` : `$INCLUDE "${path}" is not allowed here`,
      );
      return;
    }
    if (ctx.stack.includes(got.file)) {
      this.diagTok(ctx, 1, D.INCLUDE_DEPTH, `$INCLUDE cycle: ${[...ctx.stack, got.file].join(" -> ")}`);
      return;
    }
    // Depth alone does not bound the work: 4 includes per file, 8 deep, is 4^8 reads.
    if (++this.includeFiles > this.limits.maxIncludeFiles) {
      this.diagTok(
        ctx,
        1,
        D.LIMIT_INCLUDES,
        `more than ${this.limits.maxIncludeFiles} $INCLUDE files read in this parse: reading stopped`,
      );
      this.truncated = true;
      this.stop = true;
      return;
    }
    const child = this.fileCtx(got.file, got.text, origin, ctx.depth + 1, [...ctx.stack, got.file], ctx);
    if (!child) return;
    // $TTL is scoped like $ORIGIN (RFC 1035 §5.1 says an include does not change the parent's origin; Knot restores $TTL too).
    const savedTtl = this.dollarTtl;
    this.readFile(child);
    this.dollarTtl = savedTtl;
  }

  private dirGenerate(ctx: FileCtx): void {
    const lex = ctx.lex;
    const n = lex.count;
    const usage = "$GENERATE <start>-<stop>[/<step>] <lhs> [<ttl>] [<class>] <type> <rhs>";
    if (n < 5) {
      this.report(ctx, this.errEnd(ctx, D.BAD_GENERATE, `usage: ${usage}`));
      return;
    }
    const range = parseGenerateRange(lex.text(1));
    if (!range.ok) {
      this.diagTok(ctx, 1, D.BAD_GENERATE, range.message);
      return;
    }
    if (range.count > this.limits.maxGenerate) {
      this.diagTok(
        ctx,
        1,
        D.BAD_GENERATE,
        `$GENERATE would make ${range.count} records, above the limit of ${this.limits.maxGenerate}`,
      );
      return;
    }
    const lhs = lex.text(2);
    // Optional TTL/class then the type: copied as written; the record parser judges them.
    let i = 3;
    const middle: string[] = [];
    while (i < n - 1 && middle.length < 3) {
      middle.push(lex.text(i));
      const c0 = lex.src.charCodeAt(lex.start[i]);
      const isTtl = c0 >= 0x30 && c0 <= 0x39;
      const isClass = classAt(lex.src, lex.start[i], lex.end[i]) !== -1;
      i++;
      if (!isTtl && !isClass) break;
    }
    if (i !== n - 1) {
      this.diagTok(
        ctx,
        Math.min(i, n - 1),
        D.BAD_GENERATE,
        `$GENERATE takes one rhs token (quote it if it has spaces)`,
      );
      return;
    }
    const rhs = lex.text(n - 1);
    const mid = middle.join(" ");
    const { start, step } = range.range;
    const count = range.count;
    // Template errors do not depend on the value except the range check,
    // which is monotonic: the first and last values decide for all.
    for (const it of [start, start + (count - 1) * step]) {
      const l = expandTemplate(lhs, it);
      if (!l.ok) return this.diagTok(ctx, 2, D.BAD_GENERATE, l.message);
      const r = expandTemplate(rhs, it);
      if (!r.ok) return this.diagTok(ctx, n - 1, D.BAD_GENERATE, r.message);
    }
    // The records the directive would make count against maxRecords before any
    // is expanded (541 bytes of $GENERATE made 850k rows): refuse
    // here, at the directive, rather than after expanding up to the limit.
    if (this.records.length + count > this.limits.maxRecords) {
      this.diagTok(
        ctx,
        1,
        D.LIMIT_RECORDS,
        `$GENERATE would bring the records to ${this.records.length + count}, above the limit of ${this.limits.maxRecords}: reading stopped`,
      );
      this.truncated = true;
      this.stop = true;
      return;
    }
    // One running total for the whole parse (includes too): many directives,
    // each under maxGenerate, must not add up to unbounded work.
    if (this.generated + count > this.limits.maxGenerateTotal) {
      this.diagTok(
        ctx,
        1,
        D.LIMIT_GENERATE,
        `$GENERATE would bring the entries generated in this parse to ${this.generated + count}, above the limit of ${this.limits.maxGenerateTotal}: reading stopped`,
      );
      this.truncated = true;
      this.stop = true;
      return;
    }
    const sub: FileCtx = {
      file: ctx.file,
      lex: new Lexer(""),
      origin: ctx.origin,
      depth: ctx.depth,
      stack: ctx.stack,
      prevOwner: null,
      prevStart: -1,
      prevEnd: -1,
      prevOrigin: null,
      originJustChanged: false,
      fixed: { line: lex.entryLine, text: lineAround(lex.src, lex.entryOffset) },
    };
    // Lines are expanded in batches that start at 1 and double, and the
    // directive ends at the first line that does not make a record (BIND
    // aborts the $GENERATE there too): failing lines cost work but yield
    // nothing, so at most one is read per directive (quirks.md §generate).
    let done = 0;
    let batch = 1;
    while (done < count && !this.stop) {
      const k = Math.min(batch, count - done);
      const parts = new Array<string>(k);
      for (let j = 0; j < k; j++) {
        const it = start + (done + j) * step;
        const l = expandTemplate(lhs, it);
        const r = expandTemplate(rhs, it);
        // Cannot fail after the check above; kept so a future template rule cannot pass silently.
        if (!l.ok) return this.diagTok(ctx, 2, D.BAD_GENERATE, l.message);
        if (!r.ok) return this.diagTok(ctx, n - 1, D.BAD_GENERATE, r.message);
        parts[j] = `${l.text} ${mid} ${r.text}`;
      }
      this.generated += k;
      sub.lex = new Lexer(parts.join("\n"));
      // Owner-cache offsets point into the previous batch's text.
      sub.prevStart = -1;
      let entries = 0;
      let failedLine = 0;
      while (!this.stop && sub.lex.next()) {
        const before = this.records.length;
        this.entry(sub);
        entries++;
        if (this.records.length === before) {
          failedLine = sub.lex.entryLine;
          break;
        }
      }
      if (this.stop) return;
      if (failedLine === 0 && entries !== k) {
        this.diagTok(
          ctx,
          1,
          D.BAD_GENERATE,
          `$GENERATE lines for $ = ${start + done * step}..${start + (done + k - 1) * step} made ${entries} entries, not one each (a ";" or parenthesis in a template?): stopped`,
        );
        return;
      }
      if (failedLine > 0) {
        const index = done + Math.min(failedLine, k) - 1;
        const rest = count - index - 1;
        if (rest > 0) {
          this.diagTok(
            ctx,
            1,
            D.BAD_GENERATE,
            `$GENERATE stopped at $ = ${start + index * step}: that line does not make a record, the ${rest} after it are not read`,
          );
        }
        return;
      }
      done += k;
      batch = Math.min(batch * 2, GENERATE_BATCH);
    }
  }
}

/** FNV-1a over the case-folded wire name (RFC 4343 folding), no allocation. */
function ownerHash(w: Uint8Array): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < w.length; i++) {
    const c = w[i];
    h = Math.imul(h ^ (c >= 0x41 && c <= 0x5a ? c + 32 : c), 0x01000193);
  }
  // 30 bits: stays a small integer in V8, so Set lookups do not box.
  return h & 0x3fffffff;
}

/** isSubdomain without allocation (hot path: once per distinct owner). */
function inZone(name: Uint8Array, zone: Uint8Array): boolean {
  const off = name.length - zone.length;
  if (off < 0) return false;
  let i = 0;
  while (i < off) i += name[i] + 1;
  if (i !== off) return false;
  for (let k = 0; k < zone.length; k++) {
    let x = name[off + k];
    let y = zone[k];
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x += 32;
    if (y >= 0x41 && y <= 0x5a) y += 32;
    if (x !== y) return false;
  }
  return true;
}

function sameBytes(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let k = 0; k < a.length; k++) if (a[k] !== b[k]) return false;
  return true;
}

function sameText(src: string, a: number, b: number, n: number): boolean {
  for (let k = 0; k < n; k++) if (src.charCodeAt(a + k) !== src.charCodeAt(b + k)) return false;
  return true;
}

function upperAt(src: string, p: number): number {
  const c = src.charCodeAt(p);
  return c >= 0x61 && c <= 0x7a ? c - 32 : c;
}

/**
 * Class mnemonic at src[s..e): number, -1 when the token is not a class,
 * -2 for a malformed CLASSnnn (RFC 3597 §5).
 */
export function classAt(src: string, s: number, e: number): number {
  const n = e - s;
  if (n === 2) {
    const a = upperAt(src, s);
    const b = upperAt(src, s + 1);
    if (a === 0x49 && b === 0x4e) return 1; // IN
    if (a === 0x43 && b === 0x48) return 3; // CH
    if (a === 0x43 && b === 0x53) return 2; // CS
    if (a === 0x48 && b === 0x53) return 4; // HS
    return -1;
  }
  if (n === 3 && upperAt(src, s) === 0x41 && upperAt(src, s + 1) === 0x4e && upperAt(src, s + 2) === 0x59) return 255;
  if (
    n === 4 &&
    upperAt(src, s) === 0x4e &&
    upperAt(src, s + 1) === 0x4f &&
    upperAt(src, s + 2) === 0x4e &&
    upperAt(src, s + 3) === 0x45
  )
    return 254;
  if (
    n > 5 &&
    upperAt(src, s) === 0x43 &&
    upperAt(src, s + 1) === 0x4c &&
    upperAt(src, s + 2) === 0x41 &&
    upperAt(src, s + 3) === 0x53 &&
    upperAt(src, s + 4) === 0x53
  ) {
    let v = 0;
    for (let p = s + 5; p < e; p++) {
      const c = src.charCodeAt(p);
      if (c < 0x30 || c > 0x39) return -2;
      v = v * 10 + (c - 0x30);
      if (v > 0xffff) return -2;
    }
    return v;
  }
  return -1;
}

/** Process \DDD and \X escapes (file names of $INCLUDE). */
export function unescapeText(text: string): string {
  if (text.indexOf("\\") < 0) return text;
  let out = "";
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c !== 0x5c || i + 1 >= text.length) {
      out += text[i];
      continue;
    }
    const d1 = text.charCodeAt(i + 1);
    const d2 = text.charCodeAt(i + 2);
    const d3 = text.charCodeAt(i + 3);
    if (d1 >= 0x30 && d1 <= 0x39 && d2 >= 0x30 && d2 <= 0x39 && d3 >= 0x30 && d3 <= 0x39) {
      out += String.fromCharCode(((d1 - 0x30) * 100 + (d2 - 0x30) * 10 + (d3 - 0x30)) & 0xff);
      i += 3;
    } else {
      out += text[i + 1];
      i += 1;
    }
  }
  return out;
}

function lineStartOffset(src: string, line: number): number {
  let off = 0;
  for (let l = 1; l < line; l++) {
    const e = src.indexOf("\n", off);
    if (e < 0) return off;
    off = e + 1;
  }
  return off;
}
