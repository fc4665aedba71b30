/** NSD tpkg data (corpora/nsd): parsezone must load; fuzz reproducers must be rejected cleanly. */
import { describe, expect, it } from "vitest";
import { corpus, errors, parseFile } from "./helpers";

const FUZZ = [
  "b64_pton.c.global-buffer-overflow",
  "heap-buffer-overflow",
  "heap-use-after-free",
  "namedb.c-107-second.sigsegv",
  "namedb.c-107-third.sigsegv",
  "namedb.c-107.sigsegv",
  "possible-stack-buffer-overflow",
  "radtree.c-956.sigsev",
];

describe("NSD corpus", () => {
  it("parsezone.zone loads (origin example.com)", () => {
    const r = parseFile(corpus("nsd", "parsezone.tdir", "parsezone.zone"), "example.com.");
    expect(errors(r).map((d) => `${d.line}:${d.column} ${d.code} ${d.message}`)).toEqual([]);
    expect(r.records.length).toBeGreaterThan(0);
  });

  it.each(FUZZ)("fuzz reproducer %s is rejected without throwing", (file) => {
    const r = parseFile(corpus("nsd", "parsezone.tdir", file), "example.com.");
    expect(errors(r).length).toBeGreaterThan(0);
    for (const d of r.diagnostics) {
      expect(d.line).toBeGreaterThanOrEqual(0);
      expect(typeof d.code).toBe("string");
    }
  });
});
