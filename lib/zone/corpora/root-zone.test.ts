import { expect, it } from "vitest";
import { corpus, describeCorpus, errors, parseFile } from "./helpers";
import { typeToText } from "../rrtype";

// Per-type counts from corpora/root-zone/README.txt (named-checkzone, kzonecheck, ldns, NSD and dnspython agree).
const CASES: [string, Record<string, number>][] = [
  ["root-2022021501.zone", { NS: 7504, A: 5567, AAAA: 5228, RRSIG: 2854, DS: 1804, NSEC: 1488, DNSKEY: 2, SOA: 1 }],
  ["root-2017082100.zone", { NS: 7376, A: 4348, AAAA: 3774, RRSIG: 2950, DS: 2772, NSEC: 1548, DNSKEY: 3, SOA: 1 }],
];

describeCorpus("IANA root zone copies", () => {
  it.each(CASES)("%s parses cleanly with the published per-type counts", (file, expected) => {
    const r = parseFile(corpus("root-zone", file), ".");
    expect(errors(r)).toEqual([]);
    const counts: Record<string, number> = {};
    for (const rec of r.records) counts[typeToText(rec.type)] = (counts[typeToText(rec.type)] ?? 0) + 1;
    expect(counts).toEqual(expected);
    expect(r.records.length).toBe(Object.values(expected).reduce((a, b) => a + b, 0));
  });

  it("root-2026082201-nosig.zone (BIND-style columns, ZONEMD) parses cleanly", () => {
    const r = parseFile(corpus("root-zone", "root-2026082201-nosig.zone"), ".");
    expect(errors(r)).toEqual([]);
    expect(r.records.length).toBe(22094);
    expect(r.typeCounts.ZONEMD).toEqual({ read: 1, rejected: 0 });
    expect(r.typeCounts.SOA).toEqual({ read: 1, rejected: 0 });
  });
});
