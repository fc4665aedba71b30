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

export function parseJsonFile(file: DecodedFile): JsonResult {
  const text = decodeUtf8(file.bytes);
  try {
    return { ok: true, value: JSON.parse(text) as unknown, text };
  } catch (e) {
    const msg = e instanceof Error ? e.message : String(e);
    let pos = { line: 0, column: 0 };
    const lc = /line (\d+) column (\d+)/.exec(msg);
    const p = /position (\d+)/.exec(msg);
    if (lc) pos = { line: Number(lc[1]), column: Number(lc[2]) };
    else if (p) pos = lineColumn(text, Number(p[1]));
    else if (/end of JSON input/i.test(msg)) pos = lineColumn(text, text.length);
    return { ok: false, diagnostic: diag(file.name, pos.line, pos.column, D.BAD_FORMAT, `malformed JSON: ${msg}`) };
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
