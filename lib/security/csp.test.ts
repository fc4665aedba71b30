import { describe, expect, it } from "vitest";
import { generateNonce, isValidNonce, lockedCsp, NONCE_BYTES, pageCsp, parseCsp, scriptNonce } from "./csp";

const NONCE = "AAECAwQFBgcICQoLDA0ODw==";

describe("generateNonce", () => {
  it("base64-encodes NONCE_BYTES random bytes", () => {
    const fill = (b: Uint8Array) => b.map((_, i) => i);
    expect(generateNonce(fill)).toBe(NONCE);
    expect(Buffer.from(generateNonce(), "base64")).toHaveLength(NONCE_BYTES);
  });

  it("differs on every call with the real generator", () => {
    const seen = new Set(Array.from({ length: 1000 }, () => generateNonce()));
    expect(seen.size).toBe(1000);
    for (const n of seen) expect(isValidNonce(n)).toBe(true);
  });
});

describe("isValidNonce", () => {
  it("accepts base64 and base64url of 16+ characters only", () => {
    expect(isValidNonce(NONCE)).toBe(true);
    expect(isValidNonce("abcdefghijklmnop-_")).toBe(true);
    expect(isValidNonce("short")).toBe(false);
    expect(isValidNonce("abcdefghijklmnop' 'unsafe-inline")).toBe(false);
    expect(isValidNonce("abcdefghijklmnop;script-src *")).toBe(false);
    expect(isValidNonce("abcdefghijklmnop===")).toBe(false);
  });
});

describe("pageCsp", () => {
  it("is the exact production policy", () => {
    expect(pageCsp({ nonce: NONCE })).toBe(
      `default-src 'self'; script-src 'self' 'nonce-${NONCE}' 'strict-dynamic'; style-src 'self' 'unsafe-inline'; ` +
        "img-src 'self' data:; font-src 'self'; connect-src 'self'; form-action 'self'; " +
        "object-src 'none'; base-uri 'none'; frame-ancestors 'none'",
    );
  });

  it("allows scripts only through the nonce: no 'unsafe-inline', no eval in production", () => {
    const script = parseCsp(pageCsp({ nonce: NONCE })).get("script-src");
    expect(script).toEqual(["'self'", `'nonce-${NONCE}'`, "'strict-dynamic'"]);
  });

  it("adds 'unsafe-eval' in development only", () => {
    expect(parseCsp(pageCsp({ nonce: NONCE, dev: true })).get("script-src")).toEqual([
      "'self'",
      `'nonce-${NONCE}'`,
      "'strict-dynamic'",
      "'unsafe-eval'",
    ]);
  });

  it("refuses a nonce that could inject sources", () => {
    expect(() => pageCsp({ nonce: "x' 'unsafe-inline" })).toThrow(/nonce/);
    expect(() => pageCsp({ nonce: "" })).toThrow(/nonce/);
  });
});

describe("lockedCsp", () => {
  it("lets nothing load and nothing frame", () => {
    const p = parseCsp(lockedCsp());
    expect([...p.keys()]).toEqual(["default-src", "form-action", "object-src", "base-uri", "frame-ancestors"]);
    for (const sources of p.values()) expect(sources).toEqual(["'none'"]);
  });
});

describe("parseCsp / scriptNonce", () => {
  it("lower-cases names, keeps the first duplicate, ignores empty parts", () => {
    const p = parseCsp(" Script-Src 'self' ;; script-src * ; img-src data: ");
    expect(p.get("script-src")).toEqual(["'self'"]);
    expect(p.get("img-src")).toEqual(["data:"]);
    expect(p.size).toBe(2);
  });

  it("finds the script nonce, or null", () => {
    expect(scriptNonce(pageCsp({ nonce: NONCE }))).toBe(NONCE);
    expect(scriptNonce(lockedCsp())).toBeNull();
    expect(scriptNonce("style-src 'nonce-abc'")).toBeNull();
  });
});
