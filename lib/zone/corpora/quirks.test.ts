/**
 * corpora/quirks: one edge case per file (origin q.example., header = SOA,
 * NS, ns1 A). Each case asserts our documented decision; `section` names the
 * heading of lib/zone/quirks.md that explains it.
 */
import { expect, it } from "vitest";
import { corpus, describeCorpus, listCorpus, parseFile } from "./helpers";
import { nameToText } from "../name";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";

interface Case {
  section: string;
  /** Records kept beyond the 3 header records. */
  extra: number;
  errors?: string[];
  warnings?: string[];
  /** Owner and TTL of the first record after the header. */
  owner?: string;
  ttl?: number;
  rdataHex?: string;
}

const CASES: Record<string, Case> = {
  "01-class-before-ttl": { section: "ttl-class-order", extra: 1, owner: "x.q.example.", ttl: 600 },
  "02-ttl-units": { section: "ttl-units", extra: 1, ttl: 5400 },
  "03-ttl-units-uppercase": { section: "ttl-units", extra: 1, ttl: 3600 },
  "04-lowercase-class-type": { section: "case", extra: 1 },
  "05-generic-type-rfc3597": { section: "generic", extra: 1, rdataHex: "c0000202" },
  "06-generic-class-CLASS1": { section: "generic-class", extra: 1 },
  "07-generic-rdata-known-type": { section: "generic", extra: 1, rdataHex: "c0000202" },
  "08-escaped-dot-in-label": { section: "escapes", extra: 1, owner: "a\\.b.q.example." },
  "09-decimal-escape-owner": { section: "escapes", extra: 1, owner: "Abc.q.example." },
  "10-txt-semicolon-in-quotes": { section: "quotes", extra: 1, rdataHex: "03613b620463286429" },
  "11-txt-unquoted-words": { section: "quotes", extra: 1, rdataHex: "0568656c6c6f05776f726c64" },
  "12-txt-256-char-string": { section: "txt-256", extra: 0, errors: [D.STRING_TOO_LONG] },
  "13-txt-255-char-string": { section: "txt-256", extra: 1 },
  "14-label-64-chars": { section: "name-limits", extra: 0, errors: [D.LABEL_TOO_LONG] },
  "15-label-63-chars": { section: "name-limits", extra: 1 },
  "16-name-over-255": { section: "name-limits", extra: 0, errors: [D.NAME_TOO_LONG] },
  "17-empty-label": { section: "name-limits", extra: 0, errors: [D.EMPTY_LABEL] },
  "18-no-final-newline": { section: "crlf", extra: 1 },
  "19-crlf-line-endings": { section: "crlf", extra: 2, warnings: [D.LINE_ENDING] },
  "20-parens-with-comments": { section: "parens", extra: 2, rdataHex: "000a046d61696c0171076578616d706c6500" },
  "21-nested-parens": { section: "parens", extra: 2, rdataHex: "000a046d61696c0171076578616d706c6500" },
  "22-at-in-rdata": { section: "case", extra: 1, rdataHex: "0171076578616d706c6500" },
  "23-wildcard-owner": { section: "case", extra: 1, owner: "*.q.example." },
  "24-blank-owner-after-origin": { section: "blank-owner", extra: 2, warnings: [D.INHERITED_OWNER] },
  "25-ttl-2pow31": { section: "ttl-range", extra: 1, ttl: 2147483648, warnings: [D.TTL_TOO_LARGE] },
  "26-ttl-2pow32": { section: "ttl-range", extra: 0, errors: [D.BAD_TTL] },
  "27-generate": { section: "generate", extra: 5, owner: "host1.q.example." },
  "28-include-relative": { section: "include", extra: 1, owner: "inc.q.example." },
  "29-utf8-in-txt": { section: "raw-bytes", extra: 1, rdataHex: "05636166c3a9" },
  "30-utf8-owner": { section: "raw-bytes", extra: 1, owner: "caf\\195\\169.q.example." },
  "31-nul-byte": { section: "raw-bytes", extra: 0, errors: [D.BAD_CHARACTER] },
  "32-ipv4-leading-zero": { section: "rdata", extra: 0, errors: [D.BAD_RDATA] },
  "33-ipv6-embedded-ipv4": { section: "rdata", extra: 1, rdataHex: "00000000000000000000ffffc0000202" },
  "34-cname-and-other-data": { section: "cname", extra: 1, errors: [D.CNAME_AND_OTHER] },
  "35-out-of-zone-owner": { section: "out-of-zone", extra: 1, owner: "x.other.example.", warnings: [D.OUT_OF_ZONE] },
  "36-dollar-ttl-units": { section: "ttl-units", extra: 1, ttl: 86400 },
  "37-unknown-type-mnemonic": { section: "generic", extra: 0, errors: [D.UNKNOWN_TYPE] },
  "38-quoted-owner": { section: "quoted-owner", extra: 1, owner: "x.q.example." },
  "39-tab-only-separators": { section: "case", extra: 1 },
  "40-svcb-alpn-escapes": { section: "quotes", extra: 1 },
  "41-no-dollar-ttl": { section: "ttl-default", extra: 0, warnings: [D.TTL_DEFAULTED] },
  "42-records-before-soa": { section: "out-of-zone", extra: 0 },
};

const FILES = listCorpus("quirks")
  .filter((f) => f.endsWith(".zone"))
  .map((f) => f.slice(0, -5))
  .sort();

describeCorpus("quirks corpus decisions (lib/zone/quirks.md)", () => {
  it("covers every file of the corpus", () => {
    expect(Object.keys(CASES).sort()).toEqual(FILES);
  });

  it.each(FILES)("%s", (file) => {
    const c = CASES[file];
    const r = parseFile(corpus("quirks", `${file}.zone`), "q.example.");
    const errs = r.diagnostics.filter((d) => d.severity === "error").map((d) => d.code);
    const warns = r.diagnostics.filter((d) => d.severity === "warning").map((d) => d.code);
    expect({ section: c.section, errors: errs, warnings: warns }).toEqual({
      section: c.section,
      errors: c.errors ?? [],
      warnings: c.warnings ?? [],
    });
    expect(r.records.length).toBe(3 + c.extra);
    // The record under test is the first one after the 3 header records.
    const rec = r.records[3];
    if (c.owner !== undefined) expect(nameToText(rec!.owner)).toBe(c.owner);
    if (c.ttl !== undefined) expect(rec!.ttl).toBe(c.ttl);
    if (c.rdataHex !== undefined) expect(Buffer.from(rec!.rdata).toString("hex")).toBe(c.rdataHex);
  });

  it("41: with no $TTL every record gets the last explicit TTL (100)", () => {
    const r = parseFile(corpus("quirks", "41-no-dollar-ttl.zone"), "q.example.");
    expect(r.records.map((x) => x.ttl)).toEqual([100, 100, 100]);
  });

  it("34: the CNAME is the rejected record, the A record stays", () => {
    const r = parseFile(corpus("quirks", "34-cname-and-other-data.zone"), "q.example.");
    expect(r.records.map((x) => [nameToText(x.owner), x.type])).toContainEqual(["x.q.example.", 1]);
    expect(r.records.some((x) => x.type === 5)).toBe(false);
    expect(r.typeCounts.CNAME).toEqual({ read: 1, rejected: 1 });
  });
});
