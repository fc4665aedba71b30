/**
 * Test-only stand-in for lib/zone/rdata while it is being written: enough of
 * A, AAAA (full form only), NS/CNAME/PTR, MX, TXT, SOA and RFC 3597 "\#" to
 * exercise the master-file parser. Never imported by production code.
 */
import { parseName } from "../name";
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import type { RdataContext, RdataParseResult, Token } from "../rdata/types";

function fail(token: number, message: string, code: (typeof D)[keyof typeof D] = D.BAD_RDATA): RdataParseResult {
  return { ok: false, code, message, token };
}

function cat(parts: Uint8Array[]): Uint8Array {
  let n = 0;
  for (const p of parts) n += p.length;
  const out = new Uint8Array(n);
  let o = 0;
  for (const p of parts) {
    out.set(p, o);
    o += p.length;
  }
  return out;
}

function u16(v: number): Uint8Array {
  return Uint8Array.of(v >> 8, v & 0xff);
}
function u32(v: number): Uint8Array {
  return Uint8Array.of(v >>> 24, (v >>> 16) & 0xff, (v >>> 8) & 0xff, v & 0xff);
}

function lower(w: Uint8Array): Uint8Array {
  return w.map((c) => (c >= 0x41 && c <= 0x5a ? c + 32 : c));
}

export function parseRdata(
  type: number,
  tokens: Token[],
  start: number,
  end: number,
  ctx: RdataContext,
): RdataParseResult {
  const n = end - start;
  const t = (k: number) => tokens[start + k].text;
  if (n >= 1 && t(0) === "\\#" && !tokens[start].quoted) {
    if (n < 2) return fail(start + 1, "missing length", D.BAD_GENERIC_RDATA);
    const len = Number(t(1));
    const hex = tokens
      .slice(start + 2, end)
      .map((x) => x.text)
      .join("");
    if (!/^[0-9a-fA-F]*$/.test(hex) || hex.length !== len * 2)
      return fail(start + 1, "bad generic rdata", D.BAD_GENERIC_RDATA);
    return { ok: true, wire: Uint8Array.from(hex.match(/../g) ?? [], (h) => parseInt(h, 16)) };
  }
  const nameAt = (k: number): Uint8Array | RdataParseResult => {
    if (k >= n) return fail(end, "missing name", D.UNEXPECTED_END);
    const r = parseName(t(k), ctx.origin);
    return r.ok ? lower(r.wire) : fail(start + k, r.message, r.code);
  };
  switch (type) {
    case 1: {
      if (n !== 1)
        return fail(start + Math.min(n, 1), "A takes one address", n < 1 ? D.UNEXPECTED_END : D.TRAILING_DATA);
      const m = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})$/.exec(t(0));
      if (!m || m.slice(1).some((x) => Number(x) > 255 || (x.length > 1 && x[0] === "0")))
        return fail(start, "bad IPv4 address");
      return { ok: true, wire: Uint8Array.from(m.slice(1), Number) };
    }
    case 2:
    case 5:
    case 12: {
      if (n !== 1) return fail(start + Math.min(n, 1), "one name expected", n < 1 ? D.UNEXPECTED_END : D.TRAILING_DATA);
      const w = nameAt(0);
      return w instanceof Uint8Array ? { ok: true, wire: w } : w;
    }
    case 15: {
      if (n !== 2)
        return fail(
          start + Math.min(n, 2),
          "MX takes preference and exchange",
          n < 2 ? D.UNEXPECTED_END : D.TRAILING_DATA,
        );
      if (!/^\d+$/.test(t(0)) || Number(t(0)) > 65535) return fail(start, "bad preference");
      const w = nameAt(1);
      return w instanceof Uint8Array ? { ok: true, wire: cat([u16(Number(t(0))), w]) } : w;
    }
    case 16: {
      if (n < 1) return fail(end, "TXT needs a string", D.UNEXPECTED_END);
      const parts: Uint8Array[] = [];
      for (let k = 0; k < n; k++) {
        const s = t(k).replace(/\\(\d{3}|.)/g, (_, e: string) => (e.length === 3 ? String.fromCharCode(Number(e)) : e));
        if (s.length > 255) return fail(start + k, "string too long");
        parts.push(
          Uint8Array.of(s.length),
          Uint8Array.from(s, (c) => c.charCodeAt(0)),
        );
      }
      return { ok: true, wire: cat(parts) };
    }
    case 6: {
      if (n !== 7)
        return fail(start + Math.min(n, 7), "SOA takes 7 fields", n < 7 ? D.UNEXPECTED_END : D.TRAILING_DATA);
      const a = nameAt(0);
      if (!(a instanceof Uint8Array)) return a;
      const b = nameAt(1);
      if (!(b instanceof Uint8Array)) return b;
      const nums: Uint8Array[] = [];
      for (let k = 2; k < 7; k++) {
        if (!/^\d+$/.test(t(k))) return fail(start + k, "bad number");
        nums.push(u32(Number(t(k))));
      }
      return { ok: true, wire: cat([a, b, ...nums]) };
    }
    default:
      return fail(start, "stub cannot parse this type");
  }
}

export function rdataToText(): string {
  return "";
}

export function canonicalRdata(_type: number, rdata: Uint8Array): Uint8Array {
  return rdata;
}
