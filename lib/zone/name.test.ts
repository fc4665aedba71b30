import { describe, expect, it } from "vitest";
import { compareNames, isSubdomain, lowerName, name, nameKey, nameToText, parseName, relativeText } from "./name";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

describe("parseName", () => {
  it("encodes absolute names as length-prefixed labels", () => {
    const r = parseName("www.Example.", null);
    expect(r.ok && hex(r.wire)).toBe("03777777074578616d706c6500");
  });

  it("appends the origin to relative names and resolves @", () => {
    const origin = name("example.");
    const r = parseName("mail", origin);
    expect(r.ok && nameToText(r.wire)).toBe("mail.example.");
    const at = parseName("@", origin);
    expect(at.ok && at.wire).toBe(origin);
  });

  it("decodes \\DDD and \\X escapes (RFC 1035 §5.1)", () => {
    const r = parseName("a\\.b\\065\\\\.", null);
    expect(r.ok && hex(r.wire)).toBe("05612e62415c00");
    expect(r.ok && nameToText(r.wire)).toBe("a\\.bA\\\\.");
  });

  it.each([
    ["a..b.", "empty-label"],
    [".a.", "empty-label"],
    ["x".repeat(64) + ".", "label-too-long"],
    [Array(128).fill("a").join(".") + ".", "name-too-long"],
    ["a\\256.", "bad-escape"],
    ["a\\12.", "bad-escape"],
    ["rel", "no-origin"],
    ["a\\", "bad-escape"],
  ])("rejects %s with %s", (text, code) => {
    const r = parseName(text, null);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.code).toBe(code);
  });

  it("accepts a 63-octet label and a 255-octet name", () => {
    expect(parseName("x".repeat(63) + ".", null).ok).toBe(true);
    // 3 labels of 63 + 1 label of 61 = 3*64 + 62 + 1 (root) = 255 octets
    const n = [..."abc"].map((c) => c.repeat(63)).join(".") + "." + "e".repeat(61) + ".";
    const r = parseName(n, null);
    expect(r.ok && r.wire.length).toBe(255);
    expect(parseName("f" + n, null).ok).toBe(false);
  });
});

describe("comparison", () => {
  it("folds ASCII case only (RFC 4343)", () => {
    expect(nameKey(name("WWW.Example."))).toBe(nameKey(name("www.example.")));
    expect(hex(lowerName(name("A.B.")))).toBe(hex(name("a.b.")));
  });

  it("orders names canonically (RFC 4034 §6.1 example)", () => {
    const sorted = [
      "example.",
      "a.example.",
      "yljkjljk.a.example.",
      "Z.a.example.",
      "zABC.a.EXAMPLE.",
      "z.example.",
      "\\001.z.example.",
      "*.z.example.",
      "\\200.z.example.",
    ];
    const shuffled = [...sorted].reverse();
    shuffled.sort((a, b) => compareNames(name(a), name(b)));
    expect(shuffled).toEqual(sorted);
  });

  it("knows subdomains on label boundaries", () => {
    expect(isSubdomain(name("www.example."), name("EXAMPLE."))).toBe(true);
    expect(isSubdomain(name("wwwexample."), name("example."))).toBe(false);
    expect(isSubdomain(name("example."), name("example."))).toBe(true);
    expect(relativeText(name("www.example."), name("example."))).toBe("www");
    expect(relativeText(name("example."), name("example."))).toBe("@");
  });
});
