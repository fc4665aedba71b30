import { describe, expect, it } from "vitest";
import { lockedCsp, pageCsp, scriptNonce } from "./csp";
import { BASE_HEADERS, CSP, NONCE_HEADER, securePageRequest, staticHeaderRules } from "./headers";

const fixed = (b: Uint8Array) => b.fill(7);
const FIXED_NONCE = Buffer.alloc(16, 7).toString("base64");

describe("BASE_HEADERS", () => {
  it("carries the exact hardening set", () => {
    expect(Object.fromEntries(BASE_HEADERS.map((h) => [h.key, h.value]))).toEqual({
      "X-Content-Type-Options": "nosniff",
      "Referrer-Policy": "no-referrer",
      "X-Frame-Options": "DENY",
      "Permissions-Policy":
        "accelerometer=(), camera=(), geolocation=(), gyroscope=(), magnetometer=(), microphone=(), payment=(), usb=()",
      "Cross-Origin-Opener-Policy": "same-origin",
      "Cross-Origin-Resource-Policy": "same-origin",
    });
  });
});

describe("staticHeaderRules", () => {
  it("applies the base set and the locked CSP to every path", () => {
    const rules = staticHeaderRules();
    expect(rules).toHaveLength(1);
    expect(rules[0].source).toBe("/:path*");
    expect(rules[0].headers).toEqual([...BASE_HEADERS, { key: CSP, value: lockedCsp() }]);
  });
});

describe("securePageRequest", () => {
  it("puts the same fresh nonce in the forwarded request CSP, x-nonce and the response CSP", () => {
    const r = securePageRequest(new Headers({ accept: "text/html" }), { fill: fixed });
    expect(r.nonce).toBe(FIXED_NONCE);
    expect(r.requestHeaders.get(CSP)).toBe(pageCsp({ nonce: FIXED_NONCE }));
    expect(r.requestHeaders.get(NONCE_HEADER)).toBe(FIXED_NONCE);
    expect(r.requestHeaders.get("accept")).toBe("text/html");
    const csp = r.responseHeaders.filter((h) => h.key === CSP);
    expect(csp).toEqual([{ key: CSP, value: pageCsp({ nonce: FIXED_NONCE }) }]);
    expect(r.responseHeaders.slice(0, BASE_HEADERS.length)).toEqual(BASE_HEADERS);
  });

  it("overwrites a client-chosen CSP or nonce so the client cannot pick the nonce Next renders", () => {
    const incoming = new Headers({
      [CSP]: "script-src 'nonce-attackerattackerAA'",
      [NONCE_HEADER]: "attackerattackerAA",
    });
    const r = securePageRequest(incoming, { fill: fixed });
    expect(scriptNonce(r.requestHeaders.get(CSP)!)).toBe(FIXED_NONCE);
    expect(r.requestHeaders.get(NONCE_HEADER)).toBe(FIXED_NONCE);
    // The incoming object is left alone.
    expect(incoming.get(NONCE_HEADER)).toBe("attackerattackerAA");
  });

  it("uses a new nonce per request and adds eval only in development", () => {
    const a = securePageRequest(new Headers());
    const b = securePageRequest(new Headers(), { dev: true });
    expect(a.nonce).not.toBe(b.nonce);
    expect(a.requestHeaders.get(CSP)).not.toContain("'unsafe-eval'");
    expect(b.requestHeaders.get(CSP)).toContain("'unsafe-eval'");
  });
});
