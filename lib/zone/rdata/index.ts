/**
 * RDATA codecs: presentation tokens -> canonical wire, wire -> presentation.
 * CONTRACT (implemented by the rdata work; signatures are fixed):
 */
import type { Token, RdataContext, RdataParseResult } from "./types";
export type { Token, RdataContext, RdataParseResult } from "./types";

/**
 * Parse RDATA for `type` from tokens[start..end). Handles RFC 3597 generic
 * syntax ("\\# len hex", unquoted "\\#" token) for every type, known or not;
 * for known types generic data is validated and canonicalised like text input.
 * Returns canonical wire RDATA (RFC 4034 §6.2). Never throws.
 */
export function parseRdata(
  type: number,
  tokens: Token[],
  start: number,
  end: number,
  ctx: RdataContext,
): RdataParseResult {
  void type; void tokens; void start; void end; void ctx;
  throw new Error("parseRdata: not implemented yet");
}

/** Presentation text of wire RDATA; unknown or undecodable -> "\\# len hex". Never throws. */
export function rdataToText(type: number, rdata: Uint8Array): string {
  void type; void rdata;
  throw new Error("rdataToText: not implemented yet");
}

/** Canonical form (RFC 4034 §6.2) of RDATA received from elsewhere (e.g. the network). */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  void type;
  return rdata;
}
