import { describe, expect, it } from "vitest";
import { Lexer, TOKEN_QUOTED } from "./lex";
import { DIAGNOSTIC_CODES as D } from "./diagnostics";

function entries(src: string, keepComments = false) {
  const lex = new Lexer(src, keepComments);
  const out: {
    line: number;
    blank: boolean;
    toks: [string, number, number, boolean][];
    err: string | null;
    comment?: string;
  }[] = [];
  while (lex.next()) {
    const toks: [string, number, number, boolean][] = [];
    for (let i = 0; i < lex.count; i++)
      toks.push([lex.text(i), lex.tline[i], lex.tcol[i], (lex.flags[i] & TOKEN_QUOTED) !== 0]);
    out.push({
      line: lex.entryLine,
      blank: lex.blankOwner,
      toks,
      err: lex.errCode,
      ...(keepComments ? { comment: lex.comment } : {}),
    });
  }
  return out;
}

describe("Lexer", () => {
  it("splits entries on line ends outside parentheses and skips blank/comment lines", () => {
    const e = entries('a 1 IN TXT ( "x y" ; c1\n\t z )\n\n; only a comment\n  b\\ c\\;d\n');
    expect(e).toEqual([
      {
        line: 1,
        blank: false,
        err: null,
        toks: [
          ["a", 1, 1, false],
          ["1", 1, 3, false],
          ["IN", 1, 5, false],
          ["TXT", 1, 8, false],
          ["x y", 1, 14, true],
          ["z", 2, 3, false],
        ],
      },
      { line: 5, blank: true, err: null, toks: [["b\\ c\\;d", 5, 3, false]] },
    ]);
  });

  it("ends a word at a quote: the quoted part is the next token, starting where the word ends", () => {
    const e = entries('x HTTPS 1 . alpn="h2 h3";tail\r\n', true);
    expect(e[0].toks).toEqual([
      ["x", 1, 1, false],
      ["HTTPS", 1, 3, false],
      ["1", 1, 9, false],
      [".", 1, 11, false],
      ["alpn=", 1, 13, false],
      ["h2 h3", 1, 18, true],
    ]);
    expect(e[0].err).toBeNull();
    expect(e[0].comment).toBe("tail");
    // BIND reads a"b c" as two strings; an escaped quote stays inside the word.
    expect(entries('t TXT a"b c" d\\"e\n')[0].toks.map((t) => [t[0], t[3]])).toEqual([
      ["t", false],
      ["TXT", false],
      ["a", false],
      ["b c", true],
      ['d\\"e', false],
    ]);
    expect(entries('a"b NS @\n')[0].err).toBe(D.UNTERMINATED_QUOTE);
  });

  it("records the first error: unterminated quote, stray ')', unclosed '('", () => {
    expect(entries('a TXT "abc\n').map((x) => x.err)).toEqual([D.UNTERMINATED_QUOTE]);
    expect(entries("a A 1 )\n").map((x) => x.err)).toEqual([D.UNBALANCED_PARENS]);
    const lex = new Lexer("a (\nb\nc");
    expect(lex.next()).toBe(true);
    expect([lex.errCode, lex.errLine, lex.errCol, lex.count]).toEqual([D.UNBALANCED_PARENS, 1, 3, 3]);
    expect(lex.next()).toBe(false);
  });

  it("rejects text glued to a closing quote and raw control bytes", () => {
    expect(entries('a TXT "x"y\n')[0].err).toBe(D.BAD_CHARACTER);
    expect(entries("a\u0007 A 1\n")[0].err).toBe(D.BAD_CHARACTER);
  });
});
