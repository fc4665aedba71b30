import { describe, expect, it } from "vitest";
import { sortCanonical, toRRsets, canonicalNameKey } from "./rrset";
import { name, nameToText } from "./name";
import type { ZoneRecord } from "./types";
import { DIAGNOSTIC_CODES as D } from "./diagnostics";

function rec(owner: string, type: number, rdata: number[], ttl = 300, line = 1): ZoneRecord {
  return { owner: name(owner), ttl, class: 1, type, rdata: Uint8Array.from(rdata), file: "f", line };
}

describe("canonical order (RFC 4034 §6.1)", () => {
  it("sorts the RFC's example names", () => {
    const names = [
      "z.example.",
      "a.example.",
      "yljkjljk.a.example.",
      "Z.a.example.",
      "zABC.a.EXAMPLE.",
      "\\001.z.example.",
      "*.z.example.",
      "\\200.z.example.",
      "example.",
    ];
    const sorted = sortCanonical(names.map((n, i) => rec(n, 1, [i])));
    expect(sorted.map((r) => nameToText(r.owner))).toEqual([
      "example.",
      "a.example.",
      "yljkjljk.a.example.",
      "Z.a.example.",
      "zABC.a.EXAMPLE.",
      "z.example.",
      "\\001.z.example.",
      "*.z.example.",
      "\\200.z.example.",
    ]);
  });

  it("orders by type then RDATA octets within an owner", () => {
    const s = sortCanonical([rec("a.", 16, [2]), rec("a.", 1, [9]), rec("a.", 1, [1, 5]), rec("a.", 1, [1])]);
    expect(s.map((r) => [r.type, Array.from(r.rdata)])).toEqual([
      [1, [1]],
      [1, [1, 5]],
      [1, [9]],
      [16, [2]],
    ]);
  });

  it("keys fold case and put parents first", () => {
    expect(canonicalNameKey(name("A.b."))).toBe(canonicalNameKey(name("a.B.")));
    expect(canonicalNameKey(name("b.")) < canonicalNameKey(name("a.b."))).toBe(true);
  });
});

describe("toRRsets", () => {
  it("groups case-insensitively, drops duplicates and keeps the lowest TTL with warnings", () => {
    const { rrsets, diagnostics } = toRRsets([
      rec("www.example.", 1, [192, 0, 2, 2], 300, 1),
      rec("WWW.example.", 1, [192, 0, 2, 1], 60, 2),
      rec("www.example.", 1, [192, 0, 2, 2], 300, 3),
      rec("www.example.", 28, [0, 1], 300, 4),
    ]);
    expect(
      rrsets.map((s) => [nameToText(s.owner).toLowerCase(), s.type, s.ttl, s.rdatas.map((r) => Array.from(r))]),
    ).toEqual([
      [
        "www.example.",
        1,
        60,
        [
          [192, 0, 2, 1],
          [192, 0, 2, 2],
        ],
      ],
      ["www.example.", 28, 300, [[0, 1]]],
    ]);
    expect(diagnostics.map((d) => [d.code, d.line]).sort()).toEqual(
      [
        [D.DUPLICATE_RR, 3],
        [D.TTL_MISMATCH, 1],
      ].sort(),
    );
  });
});
