import { describe, expect, test } from "vitest";
import { canonicalDigest, canonicalJson } from "./canonical-json";

describe("RFC 8785 canonical JSON", () => {
  test("§3.2.2.3 example: numbers, string escapes, literals, key order", () => {
    const input = JSON.parse(
      '{"numbers": [333333333.33333329, 1E30, 4.50, 2e-3, 0.000000000000000000000000001], "string": "\\u20ac$\\u000F\\u000aA\'\\u0042\\u0022\\u005c\\\\\\"\\/", "literals": [null, true, false]}',
    );
    expect(canonicalJson(input)).toBe(
      '{"literals":[null,true,false],"numbers":[333333333.3333333,1e+30,4.5,0.002,1e-27],"string":"€$\\u000f\\nA\'B\\"\\\\\\\\\\"/"}',
    );
  });
  test("§3.2.3 sorting: by UTF-16 code units, so an astral character sorts before U+FB33", () => {
    const input = {
      "\u20ac": "Euro Sign",
      "\r": "Carriage Return",
      "\ufb33": "Hebrew Letter Dalet With Dagesh",
      "1": "One",
      "\ud83d\ude00": "Emoji: Grinning Face",
      "\u0080": "Control",
      "\u00f6": "Latin Small Letter O With Diaeresis",
    };
    // (JSON.parse would reorder the integer-like key "1" first, so compare the text itself.)
    const values = [...canonicalJson(input).matchAll(/:"([^"]*)"/g)].map((m) => m[1]);
    expect(values).toEqual([
      "Carriage Return",
      "One",
      "Control",
      "Latin Small Letter O With Diaeresis",
      "Euro Sign",
      "Emoji: Grinning Face",
      "Hebrew Letter Dalet With Dagesh",
    ]);
    expect(canonicalJson(input).startsWith('{"\\r":"Carriage Return","1":"One","\u0080":"Control"')).toBe(true);
  });
  test("Appendix B number serialisation", () => {
    const cases: [number, string][] = [
      [0, "0"],
      [-0, "0"],
      [5e-324, "5e-324"],
      [1.7976931348623157e308, "1.7976931348623157e+308"],
      [9007199254740992, "9007199254740992"],
      [1e23, "1e+23"],
      [1e21, "1e+21"],
      [1e20, "100000000000000000000"],
      [0.000001, "0.000001"],
      [1e-7, "1e-7"],
      [-1.5, "-1.5"],
    ];
    for (const [n, s] of cases) expect(canonicalJson(n)).toBe(s);
  });
  test("Unicode is written as UTF-8, not escaped; only controls, quote and backslash are", () => {
    expect(canonicalJson({ s: "Ünïcødé 😀 \u2028 \u007f \u0001" })).toBe('{"s":"Ünïcødé 😀 \u2028 \u007f \\u0001"}');
  });
  test("key insertion order and nesting do not change the digest", () => {
    const a = { b: [1, { y: 2, x: 1 }], a: "z" };
    const b = { a: "z", b: [1, { x: 1, y: 2 }] };
    expect(canonicalJson(a)).toBe('{"a":"z","b":[1,{"x":1,"y":2}]}');
    expect(canonicalDigest(a)).toBe(canonicalDigest(b));
    expect(canonicalDigest(a)).toMatch(/^[0-9a-f]{64}$/);
    expect(canonicalDigest({ ...a, a: "Z" })).not.toBe(canonicalDigest(a));
  });
  test("values JSON cannot represent are refused", () => {
    expect(() => canonicalJson(NaN)).toThrow();
    expect(() => canonicalJson({ x: Infinity })).toThrow();
    expect(() => canonicalJson("\ud800")).toThrow();
    expect(() => canonicalJson(undefined)).toThrow();
  });
});
