/** NSD tpkg data (corpora/nsd): parsezone must load; fuzz reproducers must be rejected cleanly. */
import { expect, it } from "vitest";
import { corpus, describeCorpus, errors, hex, parseFile } from "./helpers";
import { nameToText } from "../name";
import { typeToText } from "../rrtype";
import type { ParseResult } from "../parse";

const FUZZ = [
  "b64_pton.c.global-buffer-overflow",
  "heap-buffer-overflow",
  "heap-use-after-free",
  "namedb.c-107-second.sigsegv",
  "namedb.c-107-third.sigsegv",
  "namedb.c-107.sigsegv",
  "possible-stack-buffer-overflow",
  "radtree.c-956.sigsev",
];

describeCorpus("NSD corpus", () => {
  it("parsezone.zone loads (origin example.com)", () => {
    const r = parseFile(corpus("nsd", "parsezone.tdir", "parsezone.zone"), "example.com.");
    expect(errors(r).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(r.records.length).toBeGreaterThan(0);
  });

  it.each(FUZZ)("fuzz reproducer %s is rejected without throwing", (file) => {
    const r = parseFile(corpus("nsd", "parsezone.tdir", file), "example.com.");
    expect(errors(r).length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(0);
      expect(typeof d.code).toBe("string");
    }
  });
});

describeCorpus("NSD rr-test.zone -> rr-test.cmp_zone", () => {
  const dir = corpus("nsd", "rr-test.tdir");
  /**
   * Types without a text codec here (RFC 3597 generic form only): their
   * records are rejected in BOTH files, with bad-rdata, and counted.
   * ATMA (34, ATM Forum), CLA (263) and IPN (264) (DTN, IANA-registered without an RFC).
   */
  const NO_TEXT_CODEC = { ATMA: 2, IPN: 3, CLA: 1 };

  const key = (r: ParseResult) =>
    r.records
      .map((x) => `${nameToText(x.owner).toLowerCase()} ${x.ttl} ${x.class} ${typeToText(x.type)} ${hex(x.rdata)}`)
      .sort();
  const rejected = (r: ParseResult) => {
    const out: Record<string, number> = {};
    for (const [t, c] of Object.entries(r.typeCounts)) if (c.rejected) out[t] = c.rejected;
    return out;
  };

  it("reading the zone gives exactly the records of NSD's expected output", () => {
    const zone = parseFile(`${dir}/rr-test.zone`, "blaat.nl.");
    const cmp = parseFile(`${dir}/rr-test.cmp_zone`, "blaat.nl.");
    expect(zone.records.length).toBe(103);
    expect(key(zone)).toEqual(key(cmp));
    expect(errors(zone).every((d) => d.code === "bad-rdata")).toBe(true);
    expect(rejected(zone)).toEqual(NO_TEXT_CODEC);
    expect(rejected(cmp)).toEqual(NO_TEXT_CODEC);
    expect(zone.diagnostics.filter((d) => d.severity === "warning")).toEqual([]);
  });

  it("rr-test.nsap.int.zone loads", () => {
    const r = parseFile(`${dir}/rr-test.nsap.int.zone`, null);
    expect(errors(r).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(r.records.filter((x) => x.type === 23).length).toBe(6); // NSAP-PTR (RFC 1348)
  });
});
