/** ldns tests (corpora/ldns): 08-zonereader input must give one record per line of ldns's output. */
import { expect, it } from "vitest";
import { corpus, describeCorpus, errors, parseFile, readLatin1 } from "./helpers";

describeCorpus("ldns corpus", () => {
  it("08-zonereader: every record of the expected output is read", () => {
    const r = parseFile(corpus("ldns", "08-zonereader.inputzone"), "jelte.nlnetlabs.nl.");
    const expectedLines = readLatin1(corpus("ldns", "08-zonereader.outputzone"))
      .split("\n")
      .filter((l) => l.trim() !== "" && !l.startsWith(";")).length;
    // Line 3882 "A \\# 0": generic RDATA is validated like text (RFC 3597 §5); ldns keeps a 0-octet A, we reject it.
    expect(errors(r).map((d) => `${d.line}:${d.code}`)).toEqual(["3882:bad-generic-rdata"]);
    expect(r.records.length).toBe(expectedLines - 1);
  });

  it.each([
    // www has CNAME and A: ldns is a pure parser and keeps both; we reject the CNAME (quirks.md §cname).
    ["14-read-zone.db", "miek.nl.", ["17:cname-and-other-data"]],
    ["27-tab-between-cstrings.db", "example.", []],
    ["28-tab-instead-of-space.db", "example.", []],
  ])("%s loads", (file, origin, expected) => {
    const r = parseFile(corpus("ldns", file), origin);
    expect(errors(r).map((d) => `${d.line}:${d.code}`)).toEqual(expected);
    expect(r.records.length).toBeGreaterThan(0);
  });

  it("29-generic-rdata-tab.db: CLASS32 TYPE731 generic RDATA split by tabs and parentheses", () => {
    // No TTL in the file: ldns uses its default 3600 (quirks.md §ttl-default: defaultTtl option).
    const r = parseFile(corpus("ldns", "29-generic-rdata-tab.db"), null, { defaultTtl: 3600 });
    expect(r.records.map((x) => [x.class, x.type, x.ttl, Buffer.from(x.rdata).toString("hex")])).toEqual([
      [32, 731, 3600, "abcdef012345"],
    ]);
  });
});
