import { describe, expect, test } from "vitest";
import { importZone } from "./index";
import { octalToDecimalEscapes } from "./route53";
import { nameToText } from "../name";
import { rdataToText } from "../rdata";

const enc = (s: string) => new TextEncoder().encode(s);
const page = (sets: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({ ResourceRecordSets: sets, ...extra }, null, 2);
const r53 = (...pages: string[]) =>
  importZone(
    pages.map((p, i) => ({ name: `page${i + 1}.json`, bytes: enc(p) })),
    { format: "route53" },
  );

const SOA = {
  Name: "p.test.",
  Type: "SOA",
  TTL: 900,
  ResourceRecords: [{ Value: "ns-1.awsdns-01.com. awsdns-hostmaster.amazon.com. 1 7200 900 1209600 86400" }],
};

describe("Route 53 importer", () => {
  test("octal escapes become decimal presentation escapes", () => {
    expect(octalToDecimalEscapes("\\052.p.test.")).toBe("*.p.test.");
    expect(octalToDecimalEscapes("a\\040b.p.test.")).toBe("a\\032b.p.test.");
    expect(octalToDecimalEscapes("a\\056b")).toBe("a\\046b");
    expect(octalToDecimalEscapes("no escapes")).toBe("no escapes");
  });

  test("an escaped space in a name survives as one label byte", () => {
    const r = r53(
      page([SOA, { Name: "a\\040b.p.test.", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.1" }] }]),
    );
    expect(nameToText(r.records[1].owner)).toBe("a\\032b.p.test.");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["normalised"]);
  });

  test("several pages are merged; a repeated set is kept once", () => {
    const a = { Name: "a.p.test.", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.1" }] };
    const b = { Name: "b.p.test.", Type: "AAAA", TTL: 60, ResourceRecords: [{ Value: "2001:db8::1" }] };
    const r = r53(
      page([SOA, a], { IsTruncated: true, NextRecordName: "b.p.test.", NextRecordType: "AAAA" }),
      page([a, b], { IsTruncated: false }),
    );
    expect(r.report.files.map((f) => f.name)).toEqual(["page1.json", "page2.json"]);
    expect(r.records.map((x) => nameToText(x.owner))).toEqual(["p.test.", "a.p.test.", "b.p.test."]);
    expect(r.diagnostics.map((d) => [d.file, d.code])).toEqual([["page2.json", "duplicate-rr"]]);
    expect(r.report.totals).toEqual({ read: 3, represented: 3, providerOnly: 0, rejected: 0 });
  });

  test("a truncated listing without its next page is flagged", () => {
    const r = r53(page([SOA], { IsTruncated: true, NextRecordName: "m.p.test.", NextRecordType: "A" }));
    expect(r.diagnostics.map((d) => [d.code, d.severity])).toEqual([["bad-format", "warning"]]);
    expect(r.diagnostics[0].message).toContain("m.p.test. A");
  });

  test("a page missing in the middle (its predecessor's NextRecordName is nowhere) is flagged", () => {
    const a = { Name: "a.p.test.", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.1" }] };
    const z = { Name: "z.p.test.", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.9" }] };
    const r = r53(
      page([SOA, a], { IsTruncated: true, NextRecordName: "m.p.test.", NextRecordType: "A" }),
      page([z], { IsTruncated: false }),
    );
    expect(r.diagnostics.map((d) => [d.file, d.code, d.severity])).toEqual([["page1.json", "bad-format", "warning"]]);
    expect(r.diagnostics[0].message).toContain("m.p.test. A is missing");
    expect(r.records).toHaveLength(3);
  });

  test("non-ASCII text in a UTF-8 JSON value keeps its UTF-8 octets, as a server sends them", () => {
    const r = r53(
      page([SOA, { Name: "p.test.", Type: "TXT", TTL: 60, ResourceRecords: [{ Value: '"h\u00e9 \u2713"' }] }]),
    );
    expect(r.diagnostics).toEqual([]);
    expect(Array.from(r.records[1].rdata)).toEqual([7, 0x68, 0xc3, 0xa9, 0x20, 0xe2, 0x9c, 0x93]);
  });

  test("malformed JSON is a diagnostic with line and column, not an exception", () => {
    const r = r53('{\n  "ResourceRecordSets": [\n    { "Name": "a.p.test.", }\n  ]\n}');
    expect(r.report.ok).toBe(false);
    expect(r.diagnostics).toHaveLength(1);
    expect(r.diagnostics[0]).toMatchObject({ file: "page1.json", line: 3, code: "bad-format", severity: "error" });
    expect(r.diagnostics[0].column).toBeGreaterThan(20);
  });

  test("a record set failing the schema is rejected and counted; the rest is imported", () => {
    const r = r53(
      page([SOA, { Name: "x.p.test.", Type: "A", TTL: "sixty", ResourceRecords: [{ Value: "192.0.2.1" }] }]),
    );
    expect(r.records).toHaveLength(1);
    expect(r.report.counts.A).toEqual({ read: 1, represented: 0, providerOnly: 0, rejected: 1 });
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["bad-format", 14]]);
    expect(r.diagnostics[0].message).toContain("TTL");
  });

  test("a bad value is rejected with the rdata parser's code; a missing TTL is bad-ttl", () => {
    const r = r53(
      page([
        SOA,
        { Name: "x.p.test.", Type: "A", TTL: 60, ResourceRecords: [{ Value: "192.0.2.300" }, { Value: "192.0.2.3" }] },
        { Name: "y.p.test.", Type: "MX", ResourceRecords: [{ Value: "10 mx.test." }] },
      ]),
    );
    expect(r.report.counts.A).toEqual({ read: 2, represented: 1, providerOnly: 0, rejected: 1 });
    expect(r.report.counts.MX).toEqual({ read: 1, represented: 0, providerOnly: 0, rejected: 1 });
    expect(r.diagnostics.map((d) => d.code)).toContain("bad-ttl");
    expect(r.diagnostics.filter((d) => d.severity === "error")).toHaveLength(2);
  });

  test("TXT values arrive quoted and keep their strings; octal escapes inside are read", () => {
    const r = r53(
      page([
        SOA,
        {
          Name: "t.p.test.",
          Type: "TXT",
          TTL: 60,
          ResourceRecords: [{ Value: '"a b" "c\\"d"' }, { Value: '"caf\\303\\251"' }],
        },
      ]),
    );
    const txt = r.records.filter((x) => x.type === 16);
    expect(rdataToText(16, txt[0].rdata)).toBe('"a b" "c\\"d"');
    expect(Array.from(txt[1].rdata)).toEqual([5, 0x63, 0x61, 0x66, 0xc3, 0xa9]);
  });

  test("failover, geo and multivalue members are routing-policy provider records", () => {
    const r = r53(
      page([
        SOA,
        {
          Name: "f.p.test.",
          Type: "A",
          SetIdentifier: "primary",
          Failover: "PRIMARY",
          HealthCheckId: "hc-1",
          TTL: 60,
          ResourceRecords: [{ Value: "192.0.2.1" }],
        },
        {
          Name: "g.p.test.",
          Type: "A",
          SetIdentifier: "de",
          GeoLocation: { CountryCode: "DE" },
          TTL: 60,
          ResourceRecords: [{ Value: "192.0.2.2" }],
        },
        {
          Name: "m.p.test.",
          Type: "A",
          SetIdentifier: "m1",
          MultiValueAnswer: true,
          TTL: 60,
          ResourceRecords: [{ Value: "192.0.2.3" }, { Value: "192.0.2.4" }],
        },
      ]),
    );
    expect(r.providerRecords.map((p) => [p.kind, p.owner, p.value])).toEqual([
      ["routing-policy", "f.p.test.", "192.0.2.1"],
      ["routing-policy", "g.p.test.", "192.0.2.2"],
      ["routing-policy", "m.p.test.", "192.0.2.3"],
      ["routing-policy", "m.p.test.", "192.0.2.4"],
    ]);
    expect(r.providerRecords[0].reason).toContain("Failover PRIMARY");
    expect(r.providerRecords[1].attributes.GeoLocation).toBe('{"CountryCode":"DE"}');
    expect(r.report.counts.A).toEqual({ read: 4, represented: 0, providerOnly: 4, rejected: 0 });
  });

  test("an unknown type is rejected with a diagnostic, never dropped", () => {
    const r = r53(
      page([SOA, { Name: "z.p.test.", Type: "FOO", TTL: 60, ResourceRecords: [{ Value: "x" }, { Value: "y" }] }]),
    );
    expect(r.report.counts.FOO).toEqual({ read: 2, represented: 0, providerOnly: 0, rejected: 2 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["unknown-type"]);
  });
});

test("an escaped backslash is not the start of an octal escape", () => {
  expect(octalToDecimalEscapes("a\\\\100")).toBe("a\\\\100");
  expect(octalToDecimalEscapes("a\\\\\\100")).toBe("a\\\\\\064");
});
