/**
 * Presentation values from API exports -> canonical wire RDATA, through the
 * same parseRdata a master file uses, so every source compares byte for byte.
 */
import { parseRdata } from "../rdata";
import { ROOT } from "../name";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { Diagnostic } from "../types";
import { tokenizeValue } from "./tokenize";
import { diag } from "./internal";

export type ValueResult = { ok: true; wire: Uint8Array } | { ok: false; diagnostic: Diagnostic };

/**
 * API values name hosts absolutely, with or without the trailing dot, so the
 * root is the origin for names inside RDATA.
 */
export function valueToWire(
  type: number,
  value: string,
  at: { file: string; line: number; what: string },
): ValueResult {
  const t = tokenizeValue(value, at.line);
  if (!t.ok)
    return {
      ok: false,
      diagnostic: diag({
        file: at.file,
        line: at.line,
        column: 0,
        code: D.UNTERMINATED_QUOTE,
        message: `${at.what}: ${t.message} in ${JSON.stringify(value)}`,
      }),
    };
  if (t.tokens.length === 0)
    return {
      ok: false,
      diagnostic: diag({
        file: at.file,
        line: at.line,
        column: 0,
        code: D.UNEXPECTED_END,
        message: `${at.what}: empty value`,
      }),
    };
  const r = parseRdata(type, t.tokens, 0, t.tokens.length, { origin: ROOT });
  if (r.ok) return { ok: true, wire: r.wire };
  return {
    ok: false,
    diagnostic: diag({
      file: at.file,
      line: at.line,
      column: 0,
      code: r.code,
      message: `${at.what}: ${r.message} in ${JSON.stringify(value)}`,
    }),
  };
}
