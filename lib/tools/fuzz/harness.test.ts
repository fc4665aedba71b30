/** The harness itself: properties flag what they should, mutations are deterministic. */
import { describe, expect, it } from "vitest";
import { buildRecipe, decodeEntry, encodeEntry } from "./corpus";
import { mutateWire, tokenize } from "./generators";
import { mutateLine, mutateLines } from "./mutate";
import { checkInput, diagnosticProblems, timeBoundMs } from "./targets";
import type { Diagnostic } from "../../zone/types";

const good: Diagnostic = { file: "f", line: 1, column: 2, code: "bad-ttl", message: "m", severity: "error" };

describe("fuzz harness", () => {
  it("accepts a well-formed diagnostic and flags broken ones", () => {
    expect(diagnosticProblems(good, "t")).toEqual([]);
    expect(diagnosticProblems({ ...good, column: -1 }, "t")).toEqual(["t: bad column -1"]);
    expect(diagnosticProblems({ ...good, line: 1.5 }, "t")).toEqual(["t: bad line 1.5"]);
    expect(diagnosticProblems({ ...good, code: "nope" as Diagnostic["code"] }, "t")).toEqual(["t: unknown code nope"]);
  });

  it("bounds time at 50 ms + 50 ms per KiB of input and per 32 records", () => {
    expect(timeBoundMs(0)).toBe(50);
    expect(timeBoundMs(1024)).toBe(100);
    expect(timeBoundMs(0, 32)).toBe(50 + 50 / 1);
  });

  it("runs each target on a valid input without violations", () => {
    expect(checkInput({ target: "zone", text: "$TTL 300\nwww A 192.0.2.1\n" }).violations).toEqual([]);
    expect(
      checkInput({
        target: "rdata",
        input: {
          type: 15,
          tokens: [
            { text: "10", quoted: false },
            { text: "mail", quoted: false },
          ],
        },
      }).violations,
    ).toEqual([]);
    expect(checkInput({ target: "dns", bytes: new Uint8Array(3) }).violations).toEqual([]);
  });

  it("mutates lines deterministically", () => {
    const m = { a: 1, b: 0, c: 0, raw: "" };
    expect(mutateLine("www IN A 192.0.2.1", { ...m, op: "delete" }, ["X"])).toBe("www  A 192.0.2.1");
    expect(mutateLine("www IN A 192.0.2.1", { ...m, op: "replace" }, ["X"])).toBe("www X A 192.0.2.1");
    expect(mutateLine("www A", { ...m, op: "truncate", a: 2 }, ["X"])).toBe("ww");
    expect(mutateLines(["a", "b"], { op: "openParenAtEof", a: 1, b: 0 })).toEqual(["a", "b", "b ("]);
  });

  it("writes a self-pointing compression pointer at a name", () => {
    // header + question name at 12: a pointer to 12 from 12 is a loop.
    const msg = new Uint8Array([0, 1, 0x81, 0, 0, 1, 0, 0, 0, 0, 0, 0, 1, 0x61, 0, 0, 1, 0, 1]);
    const out = mutateWire(msg, { op: "pointerSelf", a: 0, b: 0, raw: new Uint8Array() });
    expect([...out.subarray(12, 14)]).toEqual([0xc0, 12]);
  });

  it("tokenizes quoted and bare words", () => {
    expect(tokenize('a "b c" d')).toEqual([
      { text: "a", quoted: false },
      { text: "b c", quoted: true },
      { text: "d", quoted: false },
    ]);
  });

  it("round-trips corpus encodings and builds recipes", () => {
    expect(buildRecipe({ parts: ["x", { repeat: "ab", times: 3 }] })).toBe("xababab");
    const [ext, bytes] = encodeEntry({ target: "zone", text: "a\x00\xff" });
    expect(decodeEntry("zone", `h.${ext}`, bytes)).toEqual({ target: "zone", text: "a\x00\xff" });
    expect(decodeEntry("dns", "x.hex", Buffer.from("# c\n0a ff\n"))).toEqual({
      target: "dns",
      bytes: new Uint8Array([10, 255]),
    });
  });
});
