import type { DiagnosticCode } from "../diagnostics";

/**
 * A presentation token as the master-file lexer produced it.
 * - Unquoted tokens: raw text, escapes NOT processed (\DDD, \X kept as written).
 * - Quoted tokens ("..."): the text between the quotes, escapes NOT processed, quoted = true.
 */
export interface Token {
  text: string;
  quoted: boolean;
  /** 1-based line and column of the token's first character in its file. */
  line: number;
  column: number;
}

export interface RdataContext {
  /** Origin for relative names inside RDATA; null when none is known. */
  origin: Uint8Array | null;
}

export type RdataParseResult =
  | { ok: true; wire: Uint8Array }
  | {
      ok: false;
      code: DiagnosticCode;
      message: string;
      /** Index (into the tokens array) of the offending token, for the diagnostic column. */
      token: number;
    };
