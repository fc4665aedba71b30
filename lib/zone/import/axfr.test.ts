import { describe, expect, test } from "vitest";
import { importZone } from "./index";
import { nameToText } from "../name";

const enc = (s: string) => new TextEncoder().encode(s);
const axfr = (text: string) => importZone([{ name: "x.axfr", bytes: enc(text) }], { format: "axfr" });

const HEAD = "\n; <<>> DiG 9.18 <<>> @ns1 p.test AXFR\n;; global options: +cmd\n";
const SOA = "p.test.\t\t3600\tIN\tSOA\tns1.p.test. h.p.test. 7 7200 900 1209600 300\n";
const A = "a.p.test.\t3600\tIN\tA\t192.0.2.1\n";

describe("dig AXFR importer", () => {
  test("the closing SOA is framing: dropped and not counted", () => {
    const r = axfr(HEAD + SOA + A + SOA + ";; XFR size: 3 records (messages 1, bytes 200)\n");
    expect(r.records.map((x) => [nameToText(x.owner), x.type, x.line])).toEqual([
      ["p.test.", 6, 4],
      ["a.p.test.", 1, 5],
    ]);
    expect(r.report.counts.SOA).toEqual({ read: 1, represented: 1, providerOnly: 0, rejected: 0 });
    expect(r.diagnostics).toEqual([]);
    expect(r.report.ok).toBe(true);
  });

  test("a missing closing SOA warns that the transfer may be truncated", () => {
    const r = axfr(HEAD + SOA + A);
    expect(r.records).toHaveLength(2);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.severity])).toEqual([["transfer-truncated", 5, "warning"]]);
  });

  test("dig's XFR size disagreeing with the output is flagged", () => {
    const r = axfr(HEAD + SOA + A + SOA + ";; XFR size: 9 records (messages 1, bytes 200)\n");
    expect(r.diagnostics.map((d) => d.code)).toEqual(["transfer-truncated"]);
  });

  test("connection errors are failed transfers", () => {
    const r = axfr(HEAD + ";; communications error to 192.0.2.53#53: connection refused\n");
    expect(r.report.ok).toBe(false);
    expect(r.diagnostics.map((d) => [d.code, d.line])).toEqual([["transfer-failed", 4]]);
  });

  test("output with no records is a failed transfer, not an empty zone", () => {
    const r = axfr(HEAD);
    expect(r.report.ok).toBe(false);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["transfer-failed"]);
  });

  test("an unexpanded PowerDNS ALIAS (TYPE65401) becomes a provider record", () => {
    // RDATA is the target name in wire form: webapp.paas.test.
    const hex = "067765626170700470616173047465737400";
    const r = axfr(HEAD + SOA + `p.test.\t3600\tIN\tTYPE65401\t\\# 18 ${hex}\n` + SOA);
    expect(r.providerRecords.map((p) => [p.provider, p.kind, p.owner, p.type])).toEqual([
      ["powerdns", "alias-type", "p.test.", "ALIAS"],
    ]);
    expect(r.report.counts.ALIAS).toEqual({ read: 1, represented: 0, providerOnly: 1, rejected: 0 });
  });

  test("a transfer that does not start with SOA is flagged", () => {
    const r = axfr(HEAD + A + SOA);
    expect(r.diagnostics.map((d) => d.code)).toEqual(["bad-soa"]);
  });
});
