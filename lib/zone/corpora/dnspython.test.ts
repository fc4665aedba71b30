/**
 * dnspython's tests/example must parse to the same RRsets as its
 * example2.good (dnspython's own absolute-name rendering of the same zone).
 * Both files go through our parser; RRsets compared as
 * (owner key, class, type, TTL, sorted RDATA hex).
 */
import { expect, it } from "vitest";
import { corpus, describeCorpus, errors, hex, parseFile } from "./helpers";
import { toRRsets } from "../rrset";
import { nameKey, nameToText } from "../name";
import { typeToText } from "../rrtype";
import type { ParseResult } from "../parse";

function rrsetKeys(r: ParseResult): string[] {
  return toRRsets(r.records).rrsets.map(
    (s) =>
      `${nameToText(Uint8Array.from(nameKey(s.owner), (c) => c.charCodeAt(0)))} ${s.class} ${typeToText(s.type)} ${s.ttl} ${s.rdatas.map(hex).join(",")}`,
  );
}

describeCorpus("dnspython example zone", () => {
  const input = parseFile(corpus("dnspython", "example"), "example.");
  const good = parseFile(corpus("dnspython", "example2.good"), "example.");

  it("both files parse without errors", () => {
    expect(errors(input).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(errors(good).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
  });

  it("example and example2.good give the same RRsets", () => {
    const a = rrsetKeys(input);
    const b = rrsetKeys(good);
    expect(a.filter((x) => !b.includes(x))).toEqual([]);
    expect(b.filter((x) => !a.includes(x))).toEqual([]);
    expect(a.length).toBe(b.length);
  });
});
