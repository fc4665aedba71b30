/**
 * Work limits of parseZone and the type-count invariant, each pinned by a
 * fuzz finding (lib/tools/fuzz/corpus/): $GENERATE work, $INCLUDE fan-out, and
 * counts of a rejected entry whose type token reads like a real type.
 */
import { describe, expect, it, vi } from "vitest";

vi.mock("./rdata", () => import("./testing/rdata-stub"));

import { parseZone, type IncludeResolver, type ParseOptions } from "./parse";
import { name, nameToText } from "./name";
import { DIAGNOSTIC_CODES as D } from "./diagnostics";

const ORIGIN = name("example.");
const HEAD = "$TTL 3600\n@ SOA ns1 host 1 2 3 4 5\n";

function parse(text: string, opts: Partial<ParseOptions> = {}) {
  return parseZone(text, { file: "z.zone", origin: ORIGIN, ...opts });
}
function codes(r: ReturnType<typeof parse>) {
  return r.diagnostics.map((d) => [d.file, d.line, d.column, d.code]);
}

describe("$GENERATE work limits", () => {
  it("ends a directive at its first failing line, so failing lines cost one entry each", () => {
    // No $TTL, no explicit TTL, no SOA: every generated TXT fails (fuzz: generate-failing-entries-unbounded).
    const line = '$GENERATE 0-65535 ${0,10,x} TXT "y"\n';
    const r = parse(line.repeat(8));
    expect(r.records).toEqual([]);
    expect(codes(r)).toEqual(
      Array.from({ length: 8 }, (_, i) => [
        ["z.zone", i + 1, 1, D.BAD_TTL],
        ["z.zone", i + 1, 11, D.BAD_GENERATE],
      ]).flat(),
    );
    expect(r.diagnostics[1].message).toBe(
      "$GENERATE stopped at $ = 0: that line does not make a record, the 65535 after it are not read",
    );
    // Only the failing line of each directive was read.
    expect(r.typeCounts).toEqual({ TXT: { read: 8, rejected: 8 } });
  });

  it("keeps the lines before the first failing one", () => {
    const r = parse(HEAD + "$GENERATE 250-260 h$ A 192.0.2.$\n");
    expect(r.records.slice(1).map((x) => nameToText(x.owner))).toEqual([
      "h250.example.",
      "h251.example.",
      "h252.example.",
      "h253.example.",
      "h254.example.",
      "h255.example.",
    ]);
    expect(codes(r)).toEqual([
      ["z.zone", 3, 1, D.BAD_RDATA],
      ["z.zone", 3, 11, D.BAD_GENERATE],
    ]);
    expect(r.diagnostics[1].message).toContain("stopped at $ = 256");
    expect(r.typeCounts.A).toEqual({ read: 7, rejected: 1 });
  });

  it("stops a line that makes no entry (a comment template)", () => {
    // The quotes are removed before expansion, so each generated line is a comment.
    const r = parse(HEAD + '$GENERATE 1-3 ";$" A 192.0.2.1\nafter A 192.0.2.1\n');
    expect(codes(r)).toEqual([["z.zone", 3, 11, D.BAD_GENERATE]]);
    expect(r.records.map((x) => nameToText(x.owner))).toEqual(["example.", "after.example."]);
  });

  it("bounds the entries generated in the whole parse, includes too", () => {
    const include: IncludeResolver = (path) => ({ file: path, text: "$GENERATE 1-40 i$ A 192.0.2.1\n" });
    const r = parse(HEAD + "$GENERATE 1-40 h$ A 192.0.2.1\n$INCLUDE a\n$INCLUDE b\nafter A 192.0.2.1\n", {
      include,
      limits: { maxGenerateTotal: 100 },
    });
    // 40 + 40 fit, the third directive (in b) would make 120.
    expect(r.records.length).toBe(1 + 80);
    expect(r.truncated).toBe(true);
    expect(codes(r)).toEqual([["b", 1, 11, D.LIMIT_GENERATE]]);
    expect(r.diagnostics[0].message).toContain("120, above the limit of 100");
  });

  it("counts lines that failed toward the total", () => {
    const r = parse(HEAD + "$GENERATE 1-10 h$ A x$\n$GENERATE 1-95 g$ A 192.0.2.1\n", {
      limits: { maxGenerateTotal: 95 },
    });
    expect(r.diagnostics.map((d) => d.code)).toEqual([D.BAD_RDATA, D.BAD_GENERATE, D.LIMIT_GENERATE]);
    expect(r.records.length).toBe(1);
  });
});

describe("$INCLUDE work limits", () => {
  // f0 includes f1 four times, f1 includes f2 four times … (fuzz: bind-include-bomb).
  const bomb: Record<string, string> = {};
  for (let i = 0; i < 7; i++) bomb[`f${i}`] = `$INCLUDE f${i + 1}\n`.repeat(4);
  bomb.f7 = "x A 192.0.2.1\n";
  const include: IncludeResolver = (path) => (path in bomb ? { file: path, text: bomb[path] } : null);

  it("stops after maxIncludeFiles files read", () => {
    const r = parse(HEAD + bomb.f0, { include, limits: { maxIncludeFiles: 50 } });
    expect(r.truncated).toBe(true);
    // Depth first: f1..f6, 4 x f7, 3 x (f6 + 4 x f7), f5 + 4 x (f6 + 4 x f7), f5, f6, f7, f7 = 50 files;
    // the 51st would be the third f7 of that last f6. 34 of the 50 are f7 (one record each).
    expect(codes(r)).toEqual([["f6", 3, 10, D.LIMIT_INCLUDES]]);
    expect(r.records.length - 1).toBe(34);
  });

  it("counts the bytes of every included file against maxBytes", () => {
    const head = HEAD.length + bomb.f0.length;
    // Room for the top file and 10 reads of 17/18-byte files, not 4^7.
    const r = parse(HEAD + bomb.f0, { include, limits: { maxBytes: head + 170 } });
    expect(r.truncated).toBe(true);
    expect(r.diagnostics.map((d) => d.code)).toEqual([D.LIMIT_BYTES]);
    expect(r.diagnostics[0].message).toMatch(/above the limit of \d+: reading stopped$/);
  });

  it("reads the full fan-out within the default limits when it is small", () => {
    const small: Record<string, string> = { a: "$INCLUDE b\n$INCLUDE b\n", b: "y A 192.0.2.2\n" };
    const r = parse(HEAD + "$INCLUDE a\n$INCLUDE a\n", { include: (p) => ({ file: p, text: small[p] }) });
    expect(r.diagnostics).toEqual([]);
    expect(r.records.length).toBe(1 + 4);
  });
});

describe("typeCounts", () => {
  it("adds a rejected quoted type token to the real type's counts instead of replacing them", () => {
    // fuzz: import/86185ef8dbbb71ef.json and kin — read = represented + rejected must hold per type.
    const r = parse(HEAD + 'a NS ns1\nb "NS" ns2\nc NS ns3\n');
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([[4, D.UNKNOWN_TYPE]]);
    expect(r.records.filter((x) => x.type === 2).length).toBe(2);
    expect(r.typeCounts.NS).toEqual({ read: 3, rejected: 1 });
    expect(r.typeCounts.SOA).toEqual({ read: 1, rejected: 0 });
  });

  it("keeps an unknown quoted token under its own key next to the real types", () => {
    const r = parse(HEAD + 'a "FOO" x\nb "ns" ns2\n');
    expect(r.typeCounts).toEqual({
      SOA: { read: 1, rejected: 0 },
      FOO: { read: 1, rejected: 1 },
      NS: { read: 1, rejected: 1 },
    });
  });
});
