import { describe, expect, test } from "vitest";
import fc from "fast-check";
import { buildReport, checkCounts, countsFromParse, recount, tally, uncount, type Counts } from "./report";
import { importZone } from "./index";
import { name } from "../name";
import type { ZoneRecord } from "../types";

const SHA = "f2cc934890d2894b9f436636157da0504d06f1c80ab80419b08adf5ad6f6356c";
const rec = (type: number): ZoneRecord => ({
  owner: name("a.test."),
  ttl: 60,
  class: 1,
  type,
  rdata: Uint8Array.of(192, 0, 2, 1),
  file: "f",
  line: 1,
});

describe("counts ledger", () => {
  test("tally, recount and uncount keep read = represented + providerOnly + rejected", () => {
    const c: Counts = {};
    tally(c, "A", "represented", 3);
    tally(c, "A", "rejected");
    recount(c, "A", "represented", "providerOnly");
    uncount(c, "A", "represented");
    expect(c.A).toEqual({ read: 3, represented: 1, providerOnly: 1, rejected: 1 });
  });

  test("countsFromParse derives represented from read - rejected", () => {
    expect(countsFromParse({ MX: { read: 4, rejected: 1 } })).toEqual({
      MX: { read: 4, represented: 3, providerOnly: 0, rejected: 1 },
    });
  });

  test("checkCounts catches a broken sum and counts that disagree with the records", () => {
    expect(
      checkCounts({
        counts: { A: { read: 1, represented: 1, providerOnly: 0, rejected: 0 } },
        records: [rec(1)],
        providerRecords: [],
      }),
    ).toEqual([]);
    expect(
      checkCounts({
        counts: { A: { read: 2, represented: 1, providerOnly: 0, rejected: 0 } },
        records: [rec(1)],
        providerRecords: [],
      }),
    ).toEqual(["A: read 2 != represented 1 + providerOnly 0 + rejected 0"]);
    // a record returned but never counted: the vanishing-type bug the invariant exists for
    expect(checkCounts({ counts: {}, records: [rec(28)], providerRecords: [] })).toEqual([
      "AAAA: counted 0 represented but 1 records returned",
    ]);
  });

  test("a report whose counts do not add up is not ok and says why", () => {
    const report = buildReport({
      format: "bind",
      files: [{ name: "f", bytes: new Uint8Array(3), sha256: "x" }],
      origin: null,
      counts: { A: { read: 2, represented: 1, providerOnly: 0, rejected: 0 } },
      records: [rec(1)],
      providerRecords: [],
      diagnostics: [],
      diagnosticsDropped: 0,
      ok: true,
    });
    expect(report.ok).toBe(false);
    expect(report.diagnostics.map((d) => d.code)).toEqual(["counts-mismatch"]);
    expect(report.totals).toEqual({ read: 2, represented: 1, providerOnly: 0, rejected: 0 });
    expect(report.files).toEqual([{ name: "f", sha256: "x", bytes: 3 }]);
  });

  test("sha256 per file is of the exact bytes", () => {
    const bytes = new TextEncoder().encode("$ORIGIN t.\n@ 60 IN A 192.0.2.1\n");
    const r = importZone([{ name: "z", bytes }]);
    // sha256 of the 31 bytes above, computed independently with `sha256sum`
    expect(r.report.files).toEqual([{ name: "z", bytes: 31, sha256: SHA }]);
  });
});

// Random Route 53 exports: whatever mix of valid, invalid, unknown, alias and
// routing-policy sets, nothing vanishes from the counts.
const value = fc.oneof(
  fc.constant("192.0.2.1"),
  fc.constant("192.0.2.999"),
  fc.constant("10 mx.test."),
  fc.constant('"txt"'),
  fc.constant(""),
  fc.string({ maxLength: 8 }),
);
const set = fc.record(
  {
    Name: fc.constantFrom("p.test.", "a.p.test.", "\\052.p.test.", "bad..name.", "x\\040y.p.test."),
    Type: fc.constantFrom("A", "AAAA", "MX", "TXT", "CNAME", "FOO", "ANY", "SOA"),
    TTL: fc.oneof(fc.integer({ min: 0, max: 86400 }), fc.constant(undefined)),
    ResourceRecords: fc.array(fc.record({ Value: value }), { maxLength: 3 }),
    SetIdentifier: fc.oneof(fc.constant(undefined), fc.constant("blue")),
    Weight: fc.constant(10),
    AliasTarget: fc.oneof(
      fc.constant(undefined),
      fc.constant({ HostedZoneId: "Z", DNSName: "d.cloudfront.net.", EvaluateTargetHealth: false }),
    ),
  },
  { requiredKeys: ["Name", "Type"] },
);

test("property: read = represented + providerOnly + rejected for random Route 53 input", () => {
  fc.assert(
    fc.property(fc.array(fc.oneof(set, fc.constant({ Name: 5 }), fc.constant(null)), { maxLength: 12 }), (sets) => {
      const r = importZone(
        [{ name: "r.json", bytes: new TextEncoder().encode(JSON.stringify({ ResourceRecordSets: sets })) }],
        { format: "route53" },
      );
      expect(r.report.diagnostics.filter((d) => d.code === "counts-mismatch")).toEqual([]);
      for (const c of Object.values(r.report.counts)) expect(c.read).toBe(c.represented + c.providerOnly + c.rejected);
      const distinct = new Set(sets.map((s) => JSON.stringify(s))).size;
      expect(r.report.totals.read).toBeGreaterThanOrEqual(distinct);
    }),
    { numRuns: 200 },
  );
});
