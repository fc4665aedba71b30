/**
 * Property: for generated presentation RDATA of many types,
 *   w1 = parse(text); w2 = parse(rdataToText(w1))  =>  w1 == w2
 * and printing is a fixed point (print(w2) == print(w1)).
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { typeToText } from "../rrtype";
import { parseRdata, rdataToText } from "./convert";
import { gens, ORIGIN } from "./arbitraries.testutil";
import { rdataTokens } from "./test-lexer.testutil";

function parse(type: number, text: string): Uint8Array {
  const toks = rdataTokens(text);
  const r = parseRdata(type, toks, 0, toks.length, { origin: ORIGIN });
  if (!r.ok) throw new Error(`${typeToText(type)} "${text}": ${r.code} ${r.message} (token ${r.token})`);
  return r.wire;
}

describe("text -> wire -> text -> wire round trip", () => {
  for (const [type, gen] of gens) {
    it(`${typeToText(type)}`, () => {
      fc.assert(
        fc.property(gen, (text) => {
          const w1 = parse(type, text);
          const t1 = rdataToText(type, w1);
          expect(t1.startsWith("\\#") && type !== 65280, `${text} printed as ${t1}`).toBe(false);
          const w2 = parse(type, t1);
          expect(Buffer.from(w2).toString("hex")).toBe(Buffer.from(w1).toString("hex"));
          expect(rdataToText(type, w2)).toBe(t1);
        }),
        { numRuns: 150 },
      );
    });
  }
});
