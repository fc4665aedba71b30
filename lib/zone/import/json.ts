/**
 * JSON input for the API-export formats: parse errors become diagnostics
 * with line and column (never exceptions).
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { Diagnostic } from "../types";
import { decodeUtf8 } from "./text";
import { diag, type DecodedFile } from "./internal";

export type JsonResult = { ok: true; value: unknown; text: string } | { ok: false; diagnostic: Diagnostic };

function lineColumn(text: string, offset: number): { line: number; column: number } {
  const before = text.slice(0, offset);
  const line = before.split("\n").length;
  return { line, column: offset - before.lastIndexOf("\n") };
}

/**
 * Deepest array/object nesting accepted. Real exports nest about 5 levels;
 * JSON.parse copes with any depth, but JSON.stringify, String(array) and
 * other recursive walks of the value overflow the stack on deep input.
 */
export const MAX_JSON_DEPTH = 64;

/**
 * Offset of the bracket that opens level `limit + 1`, or -1. `text` must be
 * valid JSON (so brackets outside strings pair up). Iterative: a linear scan.
 */
export function tooDeepAt(text: string, limit = MAX_JSON_DEPTH): number {
  let depth = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22 /* " */) {
      for (i++; i < text.length; i++) {
        const d = text.charCodeAt(i);
        if (d === 0x5c /* \ */) i++;
        else if (d === 0x22) break;
      }
    } else if (c === 0x5b /* [ */ || c === 0x7b /* { */) {
      if (++depth > limit) return i;
    } else if (c === 0x5d /* ] */ || c === 0x7d /* } */) depth--;
  }
  return -1;
}

export function parseJsonFile(file: DecodedFile): JsonResult {
  const text = decodeUtf8(file.bytes);
  try {
    const value = JSON.parse(text) as unknown;
    const deep = tooDeepAt(text);
    if (deep >= 0) {
      const pos = lineColumn(text, deep);
      return {
        ok: false,
        diagnostic: diag({
          file: file.name,
          line: pos.line,
          column: pos.column,
          code: D.BAD_FORMAT,
          message: `JSON nested deeper than ${MAX_JSON_DEPTH} levels: not an export this importer reads`,
        }),
      };
    }
    return { ok: true, value, text };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    let pos = { line: 0, column: 0 };
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const p = /position (\d+)/.exec(msg);
    if (lc) pos = { line: Number(lc[1]), column: Number(lc[2]) };
    else if (p) pos = lineColumn(text, Number(p[1]));
    else if (/end of JSON input/i.test(msg)) pos = lineColumn(text, text.length);
    return {
      ok: false,
      diagnostic: diag({
        file: file.name,
        line: pos.line,
        column: pos.column,
        code: D.BAD_FORMAT,
        message: `malformed JSON: ${msg}`,
      }),
    };
  }
}

/** 1-based lines of successive `"key":` occurrences, to give JSON records a line number. */
export function keyLines(text: string, key: string): number[] {
  const out: number[] = [];
  const re = new RegExp(`"${key}"\\s*:`, "g");
  let line = 1;
  let last = 0;
  for (const m of text.matchAll(re)) {
    for (let i = last; i < m.index; i++) if (text.charCodeAt(i) === 10) line++;
    last = m.index;
    out.push(line);
  }
  return out;
}

/** JSON.stringify that never throws (deep nesting, BigInt, cycles): null instead. */
export function safeStringify(value: unknown): string | null {
  try {
    return JSON.stringify(value) ?? null;
  } catch {
    return null;
  }
}
