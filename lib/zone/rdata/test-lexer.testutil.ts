/**
 * TEST-ONLY stand-in for the master-file lexer: splits presentation text
 * into records of tokens (whitespace-separated, double quotes kept as one
 * quoted token, ";" comments dropped, parentheses join lines, "$ORIGIN"
 * honoured). `key="value"` yields an unquoted `key=` token followed by an
 * adjacent quoted token, which is how a real lexer sees it.
 */
import { classFromText, typeFromText } from "../rrtype";
import { name as nameOf } from "../name";
import type { Token } from "./types";

export function tokenizeRecords(text: string): Token[][] {
  const records: Token[][] = [];
  let cur: Token[] = [];
  let depth = 0;
  let line = 1;
  let col = 1;
  let i = 0;
  const n = text.length;
  const flush = () => {
    if (cur.length) records.push(cur);
    cur = [];
  };
  while (i < n) {
    const c = text[i];
    if (c === "\n") {
      if (depth === 0) flush();
      line++;
      col = 1;
      i++;
      continue;
    }
    if (c === " " || c === "\t" || c === "\r") {
      i++;
      col++;
      continue;
    }
    if (c === ";") {
      while (i < n && text[i] !== "\n") i++;
      continue;
    }
    if (c === "(") {
      depth++;
      i++;
      col++;
      continue;
    }
    if (c === ")") {
      depth--;
      i++;
      col++;
      continue;
    }
    if (c === '"') {
      const startCol = col;
      let j = i + 1;
      let s = "";
      while (j < n && text[j] !== '"') {
        if (text[j] === "\\" && j + 1 < n) {
          s += text[j] + text[j + 1];
          j += 2;
        } else s += text[j++];
      }
      cur.push({ text: s, quoted: true, line, column: startCol });
      col += j + 1 - i;
      i = j + 1;
      continue;
    }
    const startCol = col;
    let s = "";
    while (i < n && !' \t\r\n;()"'.includes(text[i])) {
      if (text[i] === "\\" && i + 1 < n) {
        s += text[i] + text[i + 1];
        i += 2;
        col += 2;
      } else {
        s += text[i++];
        col++;
      }
    }
    cur.push({ text: s, quoted: false, line, column: startCol });
  }
  flush();
  return records;
}

export interface TestRecord {
  type: number;
  tokens: Token[];
  start: number;
  end: number;
  origin: Uint8Array | null;
}

/** Records of a small zone snippet: owner [ttl] [class] type rdata... */
export function readRecords(text: string, origin: Uint8Array | null = null): TestRecord[] {
  const out: TestRecord[] = [];
  let org = origin;
  for (const toks of tokenizeRecords(text)) {
    if (toks[0].text.toUpperCase() === "$ORIGIN") {
      org = nameOf(toks[1].text);
      continue;
    }
    if (toks[0].text.startsWith("$")) continue;
    // A line starting with blanks has no owner (RFC 1035 §5.1: previous owner).
    let i = toks[0].column === 1 ? 1 : 0;
    while (i < toks.length) {
      const t = toks[i].text;
      if (/^\d+$/.test(t) || classFromText(t) !== undefined) i++;
      else break;
    }
    const type = typeFromText(toks[i].text);
    if (type === undefined) throw new Error(`test lexer: no type in ${JSON.stringify(toks.map((t) => t.text))}`);
    out.push({ type, tokens: toks, start: i + 1, end: toks.length, origin: org });
  }
  return out;
}

/** Tokens of RDATA only (no owner/type), single record. */
export function rdataTokens(text: string): Token[] {
  return tokenizeRecords(text).flat();
}
