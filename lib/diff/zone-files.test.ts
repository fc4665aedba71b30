import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { name, nameKey } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { toRRsets } from "../zone/rrset";
import { typeFromText } from "../zone/rrtype";
import type { ZoneRecord } from "../zone/types";
import { compactZone, diffZoneRecords } from "./zone-files";

const rec = (owner: string, type: number, ttl: number, rdata: number[]): ZoneRecord => ({
  owner: name(owner),
  ttl,
  class: 1,
  type,
  rdata: Uint8Array.from(rdata),
  file: "t",
  line: 1,
});

/** The reference: toRRsets (rrset.ts) on each side, compared through string keys. */
function naive(a: ZoneRecord[], b: ZoneRecord[]) {
  const index = (rs: ZoneRecord[]) =>
    new Map(
      toRRsets(rs).rrsets.map((s) => [
        `${nameKey(s.owner)}/${s.class}/${s.type}`,
        { ttl: s.ttl, rd: s.rdatas.map((r) => rdataToText(s.type, r)) },
      ]),
    );
  const ia = index(a);
  const ib = index(b);
  let equal = 0;
  const changes: string[] = [];
  for (const [k, x] of ia) {
    const y = ib.get(k);
    if (!y) changes.push(`only-in-a ${k}`);
    else if (x.ttl === y.ttl && x.rd.join("|") === y.rd.join("|")) equal++;
    else changes.push(`changed ${k} ${x.ttl !== y.ttl} ${x.rd.join("|") !== y.rd.join("|")}`);
  }
  for (const k of ib.keys()) if (!ia.has(k)) changes.push(`only-in-b ${k}`);
  return { equal, changes: changes.sort() };
}

describe("diffZoneRecords", () => {
  it("owners case-folded, RDATA as sets, TTL apart from RDATA", () => {
    const a = [
      rec("www.Example.test", 1, 300, [192, 0, 2, 1]),
      rec("www.example.test", 1, 300, [192, 0, 2, 2]),
      rec("mail.example.test", 1, 60, [192, 0, 2, 3]),
    ];
    const b = [
      rec("WWW.example.TEST", 1, 300, [192, 0, 2, 2]),
      rec("www.example.test", 1, 300, [192, 0, 2, 1]),
      rec("www.example.test", 1, 300, [192, 0, 2, 1]),
      rec("mail.example.test", 1, 120, [192, 0, 2, 3]),
    ];
    const r = diffZoneRecords(compactZone(a), b);
    expect(r.diff.summary).toEqual({ equal: 1, differ: 1, onlyInA: 0, onlyInB: 0, rdataDiffers: 0, ttlDiffers: 1 });
    expect(r.diff.differences[0]).toMatchObject({
      owner: "mail.example.test.",
      type: "A",
      change: "changed",
      ttl: { a: 60, b: 120 },
      rdataDiffers: false,
      common: 1,
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["duplicate-rr"]);
    expect(r.records).toBe(3);
  });

  it("property: the same verdicts as toRRsets compared by string keys", () => {
    const owners = ["a.t", "A.t", "b.t", "c.b.t", "x.y.t"];
    const arb = fc.array(
      fc.record({
        o: fc.integer({ min: 0, max: owners.length - 1 }),
        type: fc.constantFrom(1, 16, 99),
        ttl: fc.constantFrom(60, 300),
        rd: fc.array(fc.integer({ min: 0, max: 3 }), { minLength: 1, maxLength: 2 }),
      }),
      { maxLength: 12 },
    );
    fc.assert(
      fc.property(arb, arb, (xa, xb) => {
        const mk = (x: { o: number; type: number; ttl: number; rd: number[] }) =>
          rec(owners[x.o], x.type, x.ttl, x.type === 16 ? [x.rd.length, ...x.rd.map((v) => 0x61 + v)] : x.rd);
        const a = xa.map(mk);
        const b = xb.map(mk);
        const got = diffZoneRecords(compactZone(a), b).diff;
        const want = naive(a, b);
        expect(got.summary.equal).toBe(want.equal);
        const seen = got.differences.map((d) => {
          const k = `${nameKey(name(d.owner))}/1/${typeFromText(d.type)}`;
          return d.change === "changed" ? `changed ${k} ${d.ttlDiffers} ${d.rdataDiffers}` : `${d.change} ${k}`;
        });
        expect(seen.sort()).toEqual(want.changes);
      }),
      { numRuns: 2000, seed: 3 },
    );
  });
});
