/**
 * Conformance corpora (CUTOVER_CORPORA, see lib/zone/corpora/helpers.ts):
 * - simdzone types-text-vs-generic.tsv: text and RFC 3597 forms must give the
 *   same wire, and the generic hex IS the expected wire.
 * - simdzone svcb-cases.tsv: RFC 9460 Appendix D vectors + NSD cases (strict mode).
 * - dnspython svcb_test_vectors.text vs .generic: record-for-record equal wire.
 * - NSD svcb.tdir: failure-cases-NN must be rejected; success cases and the
 *   test vectors in presentation vs wire form must load identically.
 */
import { readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { expect, it } from "vitest";
import { name } from "../name";
import { canonicalRdata, parseRdata, rdataToText } from "./convert";
import { readRecords, tokenizeRecords } from "./test-lexer.testutil";
import { CORPORA, describeCorpus } from "../corpora/helpers";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function parseOne(text: string, origin = name("example.com.")) {
  const recs = readRecords(text, origin);
  expect(recs.length).toBe(1);
  const r = recs[0];
  return { type: r.type, res: parseRdata(r.type, r.tokens, r.start, r.end, { origin: r.origin }) };
}

function wireOf(text: string, origin?: Uint8Array): Uint8Array {
  const { res } = parseOne(text, origin);
  if (!res.ok) throw new Error(`${text}: ${res.code} ${res.message} @${res.token}`);
  return res.wire;
}

function expectedHex(generic: string): string {
  // "\# len hex..." with words and parentheses: the hex digits are the expected wire.
  const body = generic
    .slice(generic.indexOf("\\#") + 2)
    .replace(/[()]/g, " ")
    .trim()
    .split(/\s+/);
  return body.slice(1).join("").toLowerCase();
}

describeCorpus("simdzone types-text-vs-generic.tsv", () => {
  const rows = readFileSync(join(CORPORA, "simdzone/types-text-vs-generic.tsv"), "latin1")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"))
    .filter((cols) => cols[2] && cols[2].trim() !== "")
    .map(([id, text, generic]) => ({ id, text: JSON.parse(text) as string, generic: JSON.parse(generic) as string }));

  it("has the pairs the README promises", () => {
    expect(rows.length).toBeGreaterThanOrEqual(45);
  });

  for (const row of rows) {
    it(`${row.id}: text == generic == expected wire`, () => {
      const { type } = parseOne(row.text);
      // simdzone keeps names as written; we return canonical (RFC 4034 §6.2) wire.
      const want = hex(canonicalRdata(type, Buffer.from(expectedHex(row.generic), "hex")));
      const fromText = wireOf(row.text);
      const fromGeneric = wireOf(row.generic);
      expect(hex(fromText)).toBe(want);
      expect(hex(fromGeneric)).toBe(want);
      // and back: presentation of the wire parses to the same wire
      const again = wireOf(`x. ${typeName(row.text)} ${rdataToText(type, fromText)}`);
      expect(hex(again)).toBe(want);
    });
  }
});

/** Type mnemonic as written in a corpus line (after owner, TTL, class). */
function typeName(text: string): string {
  const recs = readRecords(text, name("example.com."));
  const r = recs[0];
  return r.tokens[r.start - 1].text;
}

describeCorpus("simdzone svcb-cases.tsv (strict mode)", () => {
  const rows = readFileSync(join(CORPORA, "simdzone/svcb-cases.tsv"), "latin1")
    .split("\n")
    .filter((l) => l && !l.startsWith("#"))
    .map((l) => l.split("\t"))
    .map(([secondary, type, expected, id, text]) => ({
      secondary,
      type,
      expected,
      id,
      text: JSON.parse(text) as string,
    }))
    .filter((r) => r.secondary === "false");

  it("covers accept and reject cases", () => {
    expect(rows.filter((r) => r.expected === "0").length).toBeGreaterThan(30);
    expect(rows.filter((r) => r.expected !== "0").length).toBeGreaterThan(20);
  });

  /**
   * Strict-mode cases where we decide otherwise, each with its reason (lib/zone/quirks.md §svcb).
   * We give the answer of simdzone's lenient ("secondary") mode, which the TSV also lists.
   */
  const DIFFERS: Record<string, string> = {
    nsd_s05_https_text:
      "HTTPS mandatory=port: listing an automatically mandatory key is a SHOULD NOT (RFC 9460 §8), not malformed; BIND and Knot load it",
  };

  for (const row of rows) {
    const accept = DIFFERS[row.id] ? row.expected !== "0" : row.expected === "0";
    it(`${row.id} ${accept ? "accepted" : "rejected"}${DIFFERS[row.id] ? ` (differs: ${DIFFERS[row.id]})` : ""}`, () => {
      const { res } = parseOne(row.text, name("example.com."));
      expect(res.ok, res.ok ? "" : `${res.code} ${res.message}`).toBe(accept);
    });
  }

  it("every DIFFERS entry names a strict case whose lenient twin accepts", () => {
    const all = readFileSync(join(CORPORA, "simdzone/svcb-cases.tsv"), "latin1")
      .split("\n")
      .map((l) => l.split("\t"));
    for (const id of Object.keys(DIFFERS)) {
      expect(
        all.some(([sec, , exp, i]) => sec === "false" && i === id && exp !== "0"),
        id,
      ).toBe(true);
      expect(
        all.some(([sec, , exp, i]) => sec === "true" && i === id && exp === "0"),
        id,
      ).toBe(true);
    }
  });

  it("Appendix D text and generic forms give identical wire", () => {
    const byId = new Map(rows.map((r) => [r.id, r.text]));
    let pairs = 0;
    for (const [id, text] of byId) {
      if (!id.endsWith("_generic_text")) continue;
      const textId = id.replace("_generic_text", "_text");
      const plain = byId.get(textId);
      if (!plain) continue;
      expect(hex(wireOf(plain)), textId).toBe(hex(wireOf(text)));
      pairs++;
    }
    expect(pairs).toBeGreaterThanOrEqual(18);
  });
});

describeCorpus("dnspython svcb_test_vectors", () => {
  const textRecs = tokenizeRecords(readFileSync(join(CORPORA, "dnspython/svcb_test_vectors.text"), "latin1"));
  const genRecs = tokenizeRecords(readFileSync(join(CORPORA, "dnspython/svcb_test_vectors.generic"), "latin1"));

  it("has the same number of records in both files", () => {
    expect(textRecs.length).toBe(10);
    expect(genRecs.length).toBe(textRecs.length);
  });

  for (const type of [64, 65]) {
    it(`type ${type}: text and generic forms give the same wire, and text round-trips`, () => {
      textRecs.forEach((toks, i) => {
        const a = parseRdata(type, toks, 0, toks.length, { origin: null });
        const g = genRecs[i];
        const b = parseRdata(type, g, 0, g.length, { origin: null });
        expect(a.ok && b.ok, `record ${i}`).toBe(true);
        if (!a.ok || !b.ok) return;
        expect(hex(a.wire)).toBe(hex(b.wire));
        const back = tokenizeRecords(rdataToText(type, a.wire))[0];
        const c = parseRdata(type, back, 0, back.length, { origin: null });
        expect(c.ok && hex(c.wire)).toBe(hex(a.wire));
      });
    });
  }
});

describeCorpus("NSD svcb.tdir", () => {
  const dir = join(CORPORA, "nsd/svcb.tdir");
  const read = (f: string) => readFileSync(join(dir, f), "latin1");

  /** Records under test: everything but the SOA. */
  function svcbRecords(text: string) {
    return readRecords(text, name("failure-cases.")).filter((r) => r.type === 64 || r.type === 65);
  }

  const failures = readdirSync(dir)
    .filter((f) => f.startsWith("svcb.failure-cases-"))
    .sort();

  it("has 32 failure cases", () => {
    expect(failures.length).toBe(32);
  });

  for (const f of failures) {
    it(`${f} is rejected`, () => {
      const recs = svcbRecords(read(f));
      expect(recs.length).toBeGreaterThan(0);
      const results = recs.map((r) => parseRdata(r.type, r.tokens, r.start, r.end, { origin: r.origin }));
      // The file fails when at least one record in it is rejected.
      expect(results.some((r) => !r.ok)).toBe(true);
    });
  }

  it("success cases all load and match the expected output", () => {
    const got = svcbRecords(read("svcb.success-cases.zone")).map((r) => {
      const res = parseRdata(r.type, r.tokens, r.start, r.end, { origin: r.origin });
      expect(res.ok, JSON.stringify(r.tokens.map((t) => t.text))).toBe(true);
      return res.ok ? hex(res.wire) : "";
    });
    const want = svcbRecords(read("svcb.success-cases.zone.cmp")).map((r) => {
      const res = parseRdata(r.type, r.tokens, r.start, r.end, { origin: r.origin });
      expect(res.ok, JSON.stringify(r.tokens.map((t) => t.text))).toBe(true);
      return res.ok ? hex(res.wire) : "";
    });
    expect(got.length).toBeGreaterThan(5);
    expect(got).toEqual(want);
  });

  it("test vectors in presentation form equal the wire-form zone", () => {
    const pf = svcbRecords(read("svcb.test-vectors-pf.zone"));
    const wf = svcbRecords(read("svcb.test-vectors-wf.zone"));
    expect(pf.length).toBe(wf.length);
    expect(pf.length).toBeGreaterThan(5);
    pf.forEach((r, i) => {
      const a = parseRdata(r.type, r.tokens, r.start, r.end, { origin: r.origin });
      const w = wf[i];
      const b = parseRdata(w.type, w.tokens, w.start, w.end, { origin: w.origin });
      expect(a.ok && b.ok).toBe(true);
      if (a.ok && b.ok) expect(hex(a.wire)).toBe(hex(b.wire));
    });
  });
});
