/**
 * A one-line presentation lexer for values that arrive outside a master file
 * (Route 53 `Value`, Cloudflare API `content`). Produces the same Token shape
 * as the master-file lexer: escapes are NOT processed, quotes are stripped
 * and flagged, so parseRdata sees exactly what it would see in a zone file.
 */
import type { Token } from "../rdata/types";

export type TokenizeResult = { ok: true; tokens: Token[] } | { ok: false; column: number; message: string };

export function tokenizeValue(text: string, line = 0): TokenizeResult {
  const tokens: Token[] = [];
  let i = 0;
  const n = text.length;
  while (i < n) {
    const c = text[i];
    if (c === " " || c === "\t" || c === "\r" || c === "\n") {
      i++;
      continue;
    }
    const start = i;
    if (c === '"') {
      i++;
      let s = "";
      let closed = false;
      while (i < n) {
        const d = text[i];
        if (d === "\\" && i + 1 < n) {
          s += d + text[i + 1];
          i += 2;
          continue;
        }
        if (d === '"') {
          closed = true;
          i++;
          break;
        }
        s += d;
        i++;
      }
      if (!closed) return { ok: false, column: start + 1, message: "unterminated quoted string" };
      tokens.push({ text: s, quoted: true, line, column: start + 1 });
      continue;
    }
    let s = "";
    while (i < n) {
      const d = text[i];
      if (d === " " || d === "\t" || d === "\r" || d === "\n" || d === '"') break;
      if (d === "\\" && i + 1 < n) {
        s += d + text[i + 1];
        i += 2;
        continue;
      }
      s += d;
      i++;
    }
    tokens.push({ text: s, quoted: false, line, column: start + 1 });
  }
  return { ok: true, tokens };
}
