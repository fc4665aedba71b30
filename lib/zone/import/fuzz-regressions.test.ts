/**
 * Importer findings of the fuzz harness (lib/tools/fuzz/corpus/import/), pinned
 * small: deep JSON must become a diagnostic, an $INCLUDE fan-out must stop,
 * and per-type counts must add up when a type token is quoted.
 */
import { describe, expect, test } from "vitest";
import { importZone } from "./index";
import { MAX_JSON_DEPTH, tooDeepAt } from "./json";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";

const enc = (s: string) => new TextEncoder().encode(s);
const nest = (n: number) => "[".repeat(n) + "]".repeat(n);

describe("deeply nested JSON", () => {
  test("tooDeepAt finds the first bracket past the limit and ignores brackets in strings", () => {
    expect(tooDeepAt(nest(3), 3)).toBe(-1);
    expect(tooDeepAt(nest(4), 3)).toBe(3);
    expect(tooDeepAt('{"a": "[[[[\\"[[[", "b": [1]}', 2)).toBe(-1);
    expect(tooDeepAt('{"a": [{"b": [2]}]}', 3)).toBe(13);
  });

  test("Route 53: nested ResourceRecords is a bad-format diagnostic, not a stack overflow", () => {
    const head = `{"ResourceRecordSets":[{"Name":"a.example.test.","Type":"A","TTL":300,"ResourceRecords":`;
    const r = importZone([{ name: "export.json", bytes: enc(`${head}${nest(50_000)}}]}`) }], { format: "route53" });
    // Three levels before the nest: its bracket number MAX_JSON_DEPTH - 2 is one too deep.
    expect(r.diagnostics.map((d) => [d.file, d.line, d.column, d.code])).toEqual([
      ["export.json", 1, head.length + MAX_JSON_DEPTH - 2, D.BAD_FORMAT],
    ]);
    expect(r.diagnostics[0].message).toContain(`deeper than ${MAX_JSON_DEPTH} levels`);
    expect(r.records).toEqual([]);
    expect(r.report.totals).toEqual({ read: 0, represented: 0, providerOnly: 0, rejected: 0 });
  });

  test("auto-detected Route 53 with a nested set list", () => {
    const r = importZone([{ name: "export.json", bytes: enc(`{"ResourceRecordSets": ${nest(100_000)}}`) }]);
    expect(r.diagnostics.map((d) => d.code)).toEqual([D.BAD_FORMAT]);
  });

  test("Cloudflare JSON: a nested data field is a bad-format diagnostic", () => {
    const text = `{"result":[{"type":"SRV","name":"_x._tcp.example.test","data":{"target":${nest(20_000)}}}]}`;
    const r = importZone([{ name: "cf.json", bytes: enc(text) }], { format: "cloudflare-json" });
    expect(r.diagnostics.map((d) => d.code)).toEqual([D.BAD_FORMAT]);
    expect(r.records).toEqual([]);
  });

  test("nesting at the limit is still read", () => {
    // 3 levels for the page, set list and set; the rest inside an extra field.
    const text = `{"ResourceRecordSets":[{"Name":"a.example.test.","Type":"A","TTL":300,"ResourceRecords":[{"Value":"192.0.2.1"}],"X":${nest(MAX_JSON_DEPTH - 3)}}]}`;
    const r = importZone([{ name: "export.json", bytes: enc(text) }], { format: "route53" });
    expect(r.diagnostics).toEqual([]);
    expect(r.records.length).toBe(1);
  });
});

describe("BIND $INCLUDE fan-out", () => {
  test("stops at the include-file limit with consistent counts", () => {
    // f0 includes f1 four times, f1 includes f2 four times, … 4^7 reads of f7 without the limit.
    const files = Array.from({ length: 8 }, (_, i) => ({
      name: `f${i}.zone`,
      bytes: enc(
        i === 0
          ? "$ORIGIN example.test.\n$TTL 300\n" + "$INCLUDE f1.zone\n".repeat(4)
          : i < 7
            ? `$INCLUDE f${i + 1}.zone\n`.repeat(4)
            : "x IN A 192.0.2.1\n",
      ),
    }));
    const r = importZone(files, { format: "bind", limits: { maxIncludeFiles: 20 } });
    // Depth first: f1..f6, 4 x f7, then f5's next two f6 (5 reads each) = 20; its fourth $INCLUDE is the 21st.
    expect(r.diagnostics.filter((d) => d.code !== D.DUPLICATE_RR).map((d) => [d.file, d.line, d.code])).toEqual([
      ["f5.zone", 4, D.LIMIT_INCLUDES],
    ]);
    expect(r.records.length).toBe(12);
    const t = r.report.totals;
    expect(t.read).toBe(t.represented + t.providerOnly + t.rejected);
  });
});

describe("counts with a quoted type token", () => {
  test.each([
    ['project.test.\t3600\tIN\tA\t192.0.2.1\nproject.test.\t3600\tIN\t"A"\t192.0.2.1\n', "A"],
    [
      'release.project.test.\t3600\tIN\tNS\tns-101.awsdns-12.com.\nproject.test.\t\t3600\tIN\t"NS"\tns1.oldhost.test.\n',
      "NS",
    ],
    ['$ORIGIN project.test.\nblog 300 IN "CNAME" blog.hosting.test.\nblog 300 IN CNAME blog.hosting.test.\n', "CNAME"],
  ])("%j: one %s represented, one rejected", (text, type) => {
    const r = importZone([{ name: "zone.txt", bytes: enc(text) }]);
    expect(r.report.totals).toEqual({ read: 2, represented: 1, providerOnly: 0, rejected: 1 });
    expect(r.diagnostics.map((d) => d.code)).toContain(D.UNKNOWN_TYPE);
    expect(r.diagnostics.map((d) => d.code)).not.toContain(D.COUNTS_MISMATCH);
    expect(r.records.length).toBe(1);
    expect(r.report.counts[type]).toEqual({ read: 2, represented: 1, providerOnly: 0, rejected: 1 });
  });
});
