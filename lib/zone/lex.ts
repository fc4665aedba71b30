/**
 * Master-file tokenizer (RFC 1035 §5.1). One pass over the string with
 * charCodeAt; tokens are kept as offsets in parallel typed arrays so a record
 * costs no allocation until the parser asks for a token's text.
 *
 * The unit returned by next() is an *entry*: one logical line (RFC 1035 §5.1:
 * parentheses continue an entry across line ends). Blank and comment-only
 * lines are skipped. Lexical errors are recorded (first one wins) and the
 * entry is still returned whole, so the parser can reject it and resync at
 * the next entry.
 */
import { DIAGNOSTIC_CODES as D, type DiagnosticCode } from "./diagnostics";

/** Token flag: the token was a "quoted string" (offsets exclude the quotes). */
export const TOKEN_QUOTED = 1;

const NL = 10;
const CR = 13;
const SP = 32;
const TAB = 9;
const QUOTE = 34;
const LPAREN = 40;
const RPAREN = 41;
const SEMI = 59;
const BACKSLASH = 92;

export class Lexer {
  readonly src: string;
  readonly len: number;
  readonly keepComments: boolean;
  pos = 0;
  /** Current 1-based line and the offset where it starts. */
  line = 1;
  lineStart = 0;

  // --- the current entry -------------------------------------------------
  count = 0;
  start: Int32Array = new Int32Array(64);
  end: Int32Array = new Int32Array(64);
  tline: Int32Array = new Int32Array(64);
  tcol: Int32Array = new Int32Array(64);
  flags: Uint8Array = new Uint8Array(64);
  /** The entry's first line starts with blank space: owner = previous owner (RFC 1035 §5.1). */
  blankOwner = false;
  entryLine = 0;
  /** Offset of the entry's first character (start of its first line). */
  entryOffset = 0;
  /** Trailing comment text(s) of the entry, only when keepComments. */
  comment: string | undefined = undefined;

  errCode: DiagnosticCode | null = null;
  errMessage = "";
  errLine = 0;
  errCol = 0;
  errOffset = 0;

  /** First CRLF line end seen (line number, 0 = none); reported once by the parser. */
  crlfLine = 0;

  constructor(src: string, keepComments = false) {
    this.src = src;
    this.len = src.length;
    this.keepComments = keepComments;
  }

  private error(code: DiagnosticCode, message: string, offset: number, line: number, lineStart: number): void {
    if (this.errCode !== null) return;
    this.errCode = code;
    this.errMessage = message;
    this.errLine = line;
    this.errCol = offset - lineStart + 1;
    this.errOffset = offset;
  }

  private push(s: number, e: number, line: number, col: number, flag: number): void {
    const i = this.count;
    if (i === this.start.length) this.grow();
    this.start[i] = s;
    this.end[i] = e;
    this.tline[i] = line;
    this.tcol[i] = col;
    this.flags[i] = flag;
    this.count = i + 1;
  }

  private grow(): void {
    const n = this.start.length * 2;
    const g32 = (a: Int32Array) => {
      const b = new Int32Array(n);
      b.set(a);
      return b;
    };
    this.start = g32(this.start);
    this.end = g32(this.end);
    this.tline = g32(this.tline);
    this.tcol = g32(this.tcol);
    const f = new Uint8Array(n);
    f.set(this.flags);
    this.flags = f;
  }

  /** Read the next non-empty entry. False at end of input. */
  next(): boolean {
    const src = this.src;
    const len = this.len;
    for (;;) {
      this.count = 0;
      this.errCode = null;
      this.comment = undefined;
      let pos = this.pos;
      if (pos >= len) return false;
      let line = this.line;
      let lineStart = this.lineStart;
      this.entryLine = line;
      this.entryOffset = pos;
      const c0 = src.charCodeAt(pos);
      this.blankOwner = c0 === SP || c0 === TAB;
      let depth = 0;
      let openOffset = 0;
      let openLine = 0;
      let openLineStart = 0;
      for (;;) {
        if (pos >= len) {
          if (depth > 0) this.error(D.UNBALANCED_PARENS, `"(" is never closed`, openOffset, openLine, openLineStart);
          break;
        }
        const c = src.charCodeAt(pos);
        if (c === NL) {
          pos++;
          line++;
          lineStart = pos;
          if (depth === 0) break;
          continue;
        }
        if (c === SP || c === TAB) {
          pos++;
          continue;
        }
        if (c === CR) {
          // CRLF is accepted; a lone CR counts as blank space (BIND does the same).
          if (this.crlfLine === 0 && src.charCodeAt(pos + 1) === NL) this.crlfLine = line;
          pos++;
          continue;
        }
        if (c === SEMI) {
          let e = src.indexOf("\n", pos);
          if (e < 0) e = len;
          if (this.keepComments) {
            let ce = e;
            if (ce > pos && src.charCodeAt(ce - 1) === CR) ce--;
            const text = src.slice(pos + 1, ce).trim();
            this.comment = this.comment === undefined ? text : this.comment + "\n" + text;
          }
          pos = e;
          continue;
        }
        if (c === LPAREN) {
          if (depth === 0) {
            openOffset = pos;
            openLine = line;
            openLineStart = lineStart;
          }
          // Nested parentheses are accepted like BIND (quirks.md §parens).
          depth++;
          pos++;
          continue;
        }
        if (c === RPAREN) {
          if (depth === 0) this.error(D.UNBALANCED_PARENS, `")" without "("`, pos, line, lineStart);
          else depth--;
          pos++;
          continue;
        }
        if (c === QUOTE) {
          const s = pos + 1;
          let j = s;
          let closed = false;
          while (j < len) {
            const ch = src.charCodeAt(j);
            if (ch === QUOTE) {
              closed = true;
              break;
            }
            if (ch === NL) break;
            if (ch === BACKSLASH) {
              const nx = src.charCodeAt(j + 1);
              if (nx === NL || j + 1 >= len) break;
              j += 2;
              continue;
            }
            if ((ch < SP && ch !== TAB && ch !== CR) || ch === 127) {
              this.error(
                D.BAD_CHARACTER,
                `raw control character 0x${ch.toString(16).padStart(2, "0")} in quoted string (use \\DDD)`,
                j,
                line,
                lineStart,
              );
            }
            j++;
          }
          if (closed) {
            this.push(s, j, line, pos - lineStart + 1, TOKEN_QUOTED);
            pos = j + 1;
            // A closing quote must end the token ("a"b and """ are errors, as in Knot and BIND).
            const nx = src.charCodeAt(pos);
            if (
              pos < len &&
              nx !== SP &&
              nx !== TAB &&
              nx !== NL &&
              nx !== CR &&
              nx !== SEMI &&
              nx !== LPAREN &&
              nx !== RPAREN
            ) {
              this.error(D.BAD_CHARACTER, `text right after a closing quote`, pos, line, lineStart);
            }
          } else {
            this.error(D.UNTERMINATED_QUOTE, `quoted string is not closed on this line`, pos, line, lineStart);
            let e = j;
            if (e > s && src.charCodeAt(e - 1) === CR) e--;
            this.push(s, e, line, pos - lineStart + 1, TOKEN_QUOTED);
            pos = j;
          }
          continue;
        }
        // Unquoted token: runs to blank space, line end, ';', '(' or ')'.
        const s = pos;
        let j = pos;
        while (j < len) {
          const ch = src.charCodeAt(j);
          if (ch === BACKSLASH) {
            const nx = src.charCodeAt(j + 1);
            // A backslash before a line end or EOF stays a lone backslash (BAD_ESCAPE later).
            if (nx === NL || nx === CR || j + 1 >= len) {
              j++;
              break;
            }
            j += 2;
            continue;
          }
          if (ch <= SP || ch === SEMI || ch === LPAREN || ch === RPAREN) {
            if (ch === SP || ch === TAB || ch === NL || ch === CR) break;
            if (ch === SEMI || ch === LPAREN || ch === RPAREN) break;
            this.error(
              D.BAD_CHARACTER,
              `raw control character 0x${ch.toString(16).padStart(2, "0")} (use \\DDD)`,
              j,
              line,
              lineStart,
            );
          } else if (ch === QUOTE) {
            // A quote ends the word and starts a quoted token (BIND reads a"b c" as "a" "b c"):
            // SVCB key="v a l" (RFC 9460 §2.1) becomes `key=` plus an adjacent quoted token,
            // which the SVCB codec joins because it starts right where `key=` ends.
            break;
          } else if (ch === 127) {
            this.error(D.BAD_CHARACTER, `raw control character 0x7f (use \\DDD)`, j, line, lineStart);
          }
          j++;
        }
        if (j > len) j = len;
        this.push(s, j, line, s - lineStart + 1, 0);
        pos = j;
      }
      this.pos = pos;
      this.line = line;
      this.lineStart = lineStart;
      if (this.count > 0 || this.errCode !== null) return true;
    }
  }

  /** Text of token i (for quoted tokens: between the quotes, escapes not processed). */
  text(i: number): string {
    return this.src.slice(this.start[i], this.end[i]);
  }

  /** The source line containing offset, truncated to 200 chars (diagnostic context). */
  lineText(offset: number): string {
    return lineAround(this.src, offset);
  }
}

export function lineAround(src: string, offset: number): string {
  let s = src.lastIndexOf("\n", offset - 1) + 1;
  if (offset === 0) s = 0;
  let e = src.indexOf("\n", offset);
  if (e < 0) e = src.length;
  if (e > s && src.charCodeAt(e - 1) === CR) e--;
  if (e - s > 200) e = s + 200;
  return src.slice(s, e);
}
