/**
 * SVCB/HTTPS through the real master-file parser (lexer + parseZone), not the
 * rdata test tokenizer: the RFC 9460 §2.1 `key="quoted value"` syntax must
 * survive the lexer (quirks.md §quotes). Corpora: dnspython
 * svcb_test_vectors (text vs RFC 3597 generic), NSD svcb.tdir (failure
 * cases, success cases vs .cmp, Appendix D vectors presentation vs wire).
 */
import { readdirSync } from "node:fs";
import { expect, it } from "vitest";
import { Lexer } from "../lex";
import { parseZone, type ParseResult } from "../parse";
import { name, nameToText } from "../name";
import { rdataToText } from "../rdata";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { corpus, describeCorpus, errors, hex, parseFile, readLatin1 } from "./helpers";

const SVCB = 64;
const HTTPS = 65;

/** Wrap each entry of an RDATA-only file into "vN 300 IN <type> <rdata>" and parse the result as one zone. */
function parseRdataFile(path: string, type: string): ParseResult {
  const text = readLatin1(path);
  const lex = new Lexer(text);
  const offsets: number[] = [];
  while (lex.next()) offsets.push(lex.entryOffset);
  const zone = offsets
    .map(
      (o, k) =>
        `v${k} 300 IN ${type} ${text.slice(o, k + 1 < offsets.length ? offsets[k + 1] : text.length).trimEnd()}\n`,
    )
    .join("");
  return parseZone(zone, { file: path, origin: name("example.") });
}

const svcbOnly = (r: ParseResult) => r.records.filter((x) => x.type === SVCB || x.type === HTTPS);
const fmt = (r: ParseResult) => r.diagnostics.map((d) => `${d.line}:${d.column} ${d.code} ${d.message} | ${d.text}`);

describeCorpus("quoted SvcParam values through parseZone", () => {
  it('reads alpn="h2,h3" and dohpath="/q{?dns}" (RFC 9460 §2.1, RFC 9461 §5)', () => {
    const r = parseZone('$TTL 60\n_dns IN SVCB 1 doh.example. alpn="h2,h3" dohpath="/q{?dns}" ; DoH\n', {
      file: "z",
      origin: name("example."),
    });
    expect(fmt(r)).toEqual([]);
    expect(r.records.length).toBe(1);
    const rec = r.records[0];
    // 0001 | doh.example. | alpn: 0001 0006 02"h2" 02"h3" | dohpath: 0007 0008 "/q{?dns}"
    expect(hex(rec.rdata)).toBe(
      "0001" +
        "03646F68076578616D706C6500" +
        "00010006026832026833" +
        "00070008" +
        hex(Buffer.from("/q{?dns}", "latin1")),
    );
    expect(rdataToText(SVCB, rec.rdata)).toBe('1 doh.example. alpn="h2,h3" dohpath="/q{?dns}"');
  });

  it("keeps blanks, ';' and escapes inside the quoted value", () => {
    const r = parseZone('$TTL 60\nx HTTPS 1 . key7="/a b;c" key667="hello\\210qoo" alpn="f\\\\\\\\oo\\\\,bar,h2"\n', {
      file: "z",
      origin: name("example."),
    });
    expect(fmt(r)).toEqual([]);
    expect(rdataToText(HTTPS, r.records[0].rdata)).toBe(
      '1 . alpn="f\\\\\\\\oo\\\\,bar,h2" dohpath="/a b;c" key667="hello\\210qoo"',
    );
  });

  it("does not join a quoted token that is separated from key= by a blank", () => {
    const r = parseZone('$TTL 60\nx SVCB 1 . alpn= "h2"\n', { file: "z", origin: name("example.") });
    // "alpn=" alone is an empty alpn (an error at the key token); the quoted "h2" is not its value.
    expect(errors(r).map((d) => [d.line, d.column, d.code])).toEqual([[2, 12, D.BAD_RDATA]]);
  });

  it("reports an unterminated quoted value at its opening quote", () => {
    const r = parseZone('$TTL 60\nx SVCB 1 . alpn="h2\ny A 192.0.2.1\n', { file: "z", origin: name("example.") });
    expect(errors(r).map((d) => [d.line, d.column, d.code])).toEqual([[2, 17, D.UNTERMINATED_QUOTE]]);
    expect(r.records.map((x) => nameToText(x.owner))).toEqual(["y.example."]);
  });
});

describeCorpus("dnspython svcb_test_vectors through parseZone", () => {
  const dir = corpus("dnspython");
  for (const type of ["SVCB", "HTTPS"]) {
    it(`${type}: text and generic forms give the same wire`, () => {
      const text = parseRdataFile(`${dir}/svcb_test_vectors.text`, type);
      const generic = parseRdataFile(`${dir}/svcb_test_vectors.generic`, type);
      expect(fmt(text)).toEqual([]);
      expect(fmt(generic)).toEqual([]);
      expect(text.records.length).toBe(10);
      expect(text.records.map((x) => hex(x.rdata))).toEqual(generic.records.map((x) => hex(x.rdata)));
      // the two quoted vectors really went through the quoted-token path
      expect(rdataToText(text.records[0].type, text.records[4].rdata)).toBe(
        '1 foo.example.com. key667="hello\\210qoo"',
      );
      expect(rdataToText(text.records[0].type, text.records[5].rdata)).toBe(
        "1 foo.example.com. ipv6hint=2001:db8::1,2001:db8::53:1",
      );
    });
  }
});

describeCorpus("NSD svcb.tdir through parseZone", () => {
  const dir = corpus("nsd", "svcb.tdir");
  const failures = readdirSync(dir)
    .filter((f) => f.startsWith("svcb.failure-cases-"))
    .sort();

  it("has 32 failure cases", () => {
    expect(failures.length).toBe(32);
  });

  it.each(failures)("%s: its SVCB/HTTPS record is rejected, the SOA still loads", (f) => {
    const r = parseFile(`${dir}/${f}`, "failure-cases.");
    expect(errors(r).length).toBeGreaterThan(0);
    expect(r.records.filter((x) => x.type === 6).length).toBe(1);
    expect(svcbOnly(r)).toEqual([]);
  });

  it("success cases load and equal the expected output (.cmp)", () => {
    const got = parseFile(`${dir}/svcb.success-cases.zone`, "success-cases.");
    const want = parseFile(`${dir}/svcb.success-cases.zone.cmp`, "success-cases.");
    expect(fmt(got).filter((d) => d.includes("error") || !d.includes("warning"))).toEqual([]);
    const key = (r: ParseResult) => svcbOnly(r).map((x) => `${nameToText(x.owner)} ${x.ttl} ${x.type} ${hex(x.rdata)}`);
    expect(key(got).length).toBe(6);
    expect(key(got)).toEqual(key(want));
    // s08 is the quoted dohpath
    const s08 = svcbOnly(got).find((x) => nameToText(x.owner) === "s08.success-cases.");
    expect(s08 && rdataToText(HTTPS, s08.rdata)).toBe('0 . alpn="h2" dohpath="/dns-query{?dns}"');
  });

  it("RFC 9460 Appendix D vectors: presentation form equals the wire form", () => {
    const pf = parseFile(`${dir}/svcb.test-vectors-pf.zone`, "test-vectors.");
    const wf = parseFile(`${dir}/svcb.test-vectors-wf.zone`, "test-vectors.");
    expect(errors(pf)).toEqual([]);
    expect(errors(wf)).toEqual([]);
    const key = (r: ParseResult) => svcbOnly(r).map((x) => `${nameToText(x.owner)} ${x.type} ${hex(x.rdata)}`);
    expect(key(pf).length).toBeGreaterThanOrEqual(10);
    expect(key(pf)).toEqual(key(wf));
  });

  it("crypto.cloudflare.com.zone (echconfig, hints) loads", () => {
    const r = parseFile(`${dir}/crypto.cloudflare.com.zone`, "crypto.cloudflare.com.");
    expect(errors(r)).toEqual([]);
    expect(svcbOnly(r).length).toBe(1);
  });
});
