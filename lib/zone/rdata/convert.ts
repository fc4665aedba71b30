/**
 * The three RDATA conversions the rest of the code uses: presentation tokens -> canonical wire (parseRdata),
 * wire -> presentation (rdataToText), received wire -> canonical wire (canonicalRdata), each through the type's
 * codec (registry.ts) or the RFC 3597 generic form. Signatures are fixed: importers, the serializer and the
 * fuzzer code against them.
 */
import { allocBytes } from "../bytes";
import { DIAGNOSTIC_CODES as D, type DiagnosticCode } from "../diagnostics";
import { lowerInto, lowerName, parseName } from "../name";
import { T } from "../rrtype";
import { C, R, W, RdataError } from "./core";
import { OPAQUE } from "./codec";
import { HEX, encodeHex } from "./encoding";
import { parseIPv4Into, parseIPv6Into } from "./ip";
import { codecFor } from "./registry";
import type { Token, RdataContext, RdataParseResult } from "./types";

function fail(code: DiagnosticCode, message: string, token: number): RdataParseResult {
  return { ok: false, code, message, token };
}

/**
 * Parse RDATA for `type` from tokens[start..end). Handles RFC 3597 generic
 * syntax ("\\# len hex", unquoted "\\#" token) for every type, known or not;
 * for known types generic data is validated and canonicalised like text input.
 * Returns canonical wire RDATA (RFC 4034 §6.2). Never throws.
 */
export function parseRdata(
  type: number,
  tokens: Token[],
  start: number,
  end: number,
  ctx: RdataContext,
): RdataParseResult {
  const count = end - start;
  if (count > 0) {
    const t0 = tokens[start];
    if (!t0.quoted && t0.text === "\\#") return parseGeneric(type, tokens, start, end);
    // Hot types first: no cursor, no scratch copy.
    if (count === 1 && !t0.quoted) {
      if (type === T.A) {
        const wire = allocBytes(4);
        if (parseIPv4Into(t0.text, 0, t0.text.length, wire, 0)) return { ok: true, wire };
        return fail(D.BAD_RDATA, `bad IPv4 address "${t0.text}"`, start);
      }
      if (type === T.AAAA) {
        const wire = allocBytes(16);
        if (parseIPv6Into(t0.text, 0, t0.text.length, wire, 0)) return { ok: true, wire };
        return fail(D.BAD_RDATA, `bad IPv6 address "${t0.text}"`, start);
      }
      if (type === T.NS || type === T.CNAME || type === T.PTR || type === T.DNAME) {
        const r = parseName(t0.text, ctx.origin);
        if (!r.ok) return fail(r.code, r.message, start);
        return { ok: true, wire: lowerName(r.wire) };
      }
    } else if (count === 2 && type === T.MX && !t0.quoted && !tokens[start + 1].quoted) {
      const fast = fastMx(t0.text, tokens[start + 1].text, ctx.origin);
      if (fast) return { ok: true, wire: fast };
    } else if (count === 7 && type === T.SOA) {
      const fast = fastSoa(tokens, start, ctx.origin);
      if (fast) return { ok: true, wire: fast };
    }
    if (type === T.TXT && count === 1) {
      const fast = fastTxt(t0.text);
      if (fast) return { ok: true, wire: fast };
    }
  }
  const codec = codecFor(type);
  if (!codec) {
    return fail(
      D.BAD_RDATA,
      `no presentation format known for TYPE${type}; write it as RFC 3597 generic data (\\# length hex)`,
      start < end ? start : Math.max(0, start - 1),
    );
  }
  C.reset(tokens, start, end, ctx.origin);
  W.reset();
  try {
    codec.parse(C);
    C.done();
    return { ok: true, wire: W.take() };
  } catch (e) {
    return caught(e, start);
  }
}

/** MX without the generic machinery: preference + name (lowercased). null -> take the slow path for the error. */
function fastMx(pref: string, target: string, origin: Uint8Array | null): Uint8Array | null {
  let v = 0;
  const n = pref.length;
  if (n === 0 || n > 5) return null;
  for (let i = 0; i < n; i++) {
    const c = pref.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return null;
    v = v * 10 + c - 0x30;
  }
  if (v > 0xffff) return null;
  const r = parseName(target, origin);
  if (!r.ok) return null;
  const wire = allocBytes(2 + r.wire.length);
  wire[0] = v >>> 8;
  wire[1] = v & 0xff;
  lowerInto(r.wire, 0, r.wire.length, wire, 2);
  return wire;
}

/** Plain decimal 0..2^32-1, or -1 (units, signs, overflow: the slow path reports it). */
function plainU32(t: string): number {
  const n = t.length;
  if (n === 0 || n > 10) return -1;
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + c - 0x30;
  }
  return v > 0xffffffff ? -1 : v;
}

/** SOA with two names and five plain numbers; anything unusual -> null (slow path). */
function fastSoa(tokens: Token[], start: number, origin: Uint8Array | null): Uint8Array | null {
  for (let i = start; i < start + 7; i++) if (tokens[i].quoted) return null;
  const m = parseName(tokens[start].text, origin);
  if (!m.ok) return null;
  const mname = m.wire;
  const r = parseName(tokens[start + 1].text, origin);
  if (!r.ok) return null;
  const wire = allocBytes(mname.length + r.wire.length + 20);
  let o = lowerInto(mname, 0, mname.length, wire, 0);
  o += lowerInto(r.wire, 0, r.wire.length, wire, o);
  for (let i = start + 2; i < start + 7; i++) {
    const v = plainU32(tokens[i].text);
    if (v < 0) return null;
    wire[o++] = v >>> 24;
    wire[o++] = (v >>> 16) & 0xff;
    wire[o++] = (v >>> 8) & 0xff;
    wire[o++] = v & 0xff;
  }
  return wire;
}

/** One character-string without escapes or non-Latin-1 code units; else null (slow path). */
function fastTxt(t: string): Uint8Array | null {
  const n = t.length;
  if (n > 255) return null;
  const wire = allocBytes(n + 1);
  wire[0] = n;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c === 0x5c || c > 0xff) return null;
    wire[i + 1] = c;
  }
  return wire;
}

function caught(e: unknown, start: number): RdataParseResult {
  if (e instanceof RdataError) return fail(e.code, e.message, e.token < 0 ? start : e.token);
  // A codec bug must not take the whole import down: report it as bad RDATA.
  return fail(D.BAD_RDATA, `internal error while reading RDATA: ${String(e)}`, start);
}

/** RFC 3597 §5: "\# <length> <hex>...", hex may be split into several words. */
function parseGeneric(type: number, tokens: Token[], start: number, end: number): RdataParseResult {
  if (start + 1 >= end) return fail(D.BAD_GENERIC_RDATA, "\\# needs a length", start);
  const lenTok = tokens[start + 1];
  if (lenTok.quoted || !/^\d{1,5}$/.test(lenTok.text) || Number(lenTok.text) > 65535) {
    return fail(D.BAD_GENERIC_RDATA, `bad RDATA length "${lenTok.text}" after \\#`, start + 1);
  }
  const len = Number(lenTok.text);
  W.reset();
  try {
    HEX.begin();
    for (let i = start + 2; i < end; i++) {
      if (tokens[i].quoted) return fail(D.BAD_GENERIC_RDATA, "generic RDATA must be hex, not a quoted string", i);
      HEX.feed(tokens[i].text, i);
    }
    HEX.finish();
  } catch (e) {
    if (e instanceof RdataError) return fail(D.BAD_GENERIC_RDATA, e.message, e.token < 0 ? start : e.token);
    return caught(e, start);
  }
  if (W.pos !== len) {
    return fail(D.BAD_GENERIC_RDATA, `\\# says ${len} octets but ${W.pos} follow`, start + 1);
  }
  const raw = W.take();
  const codec = codecFor(type);
  if (!codec || codec === OPAQUE) return { ok: true, wire: raw };
  // Known type: the octets must be valid RDATA of that type; return them canonical.
  R.reset(raw);
  W.reset();
  try {
    codec.check();
    R.done();
    return { ok: true, wire: W.take() };
  } catch (e) {
    if (e instanceof RdataError) return fail(D.BAD_GENERIC_RDATA, `not valid RDATA for this type: ${e.message}`, start);
    return caught(e, start);
  }
}

function genericText(rdata: Uint8Array): string {
  return rdata.length === 0 ? "\\# 0" : `\\# ${rdata.length} ${encodeHex(rdata)}`;
}

/** Presentation text of wire RDATA; unknown or undecodable -> "\\# len hex". Never throws. */
export function rdataToText(type: number, rdata: Uint8Array): string {
  const codec = codecFor(type);
  if (!codec || codec === OPAQUE) return genericText(rdata);
  try {
    R.reset(rdata);
    const s = codec.format();
    R.done();
    return s;
  } catch {
    return genericText(rdata);
  }
}

/** Canonical form (RFC 4034 §6.2) of RDATA received from elsewhere (e.g. the network). */
export function canonicalRdata(type: number, rdata: Uint8Array): Uint8Array {
  const codec = codecFor(type);
  if (!codec || !codec.lower) return rdata;
  let upper = false;
  for (let i = 0; i < rdata.length; i++) {
    const c = rdata[i];
    if (c >= 0x41 && c <= 0x5a) {
      upper = true;
      break;
    }
  }
  if (!upper) return rdata;
  try {
    R.reset(rdata);
    W.reset();
    codec.check();
    R.done();
    return W.take();
  } catch {
    // Malformed data stays as received; comparisons will show it as different.
    return rdata;
  }
}
