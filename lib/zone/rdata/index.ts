// The RDATA module's public surface; the conversions live in convert.ts, one codec per type in registry.ts.
export { parseRdata, rdataToText, canonicalRdata } from "./convert";
export type { Token, RdataContext, RdataParseResult } from "./types";
