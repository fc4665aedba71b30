/**
 * LOC (RFC 1876). Presentation (§3):
 *   d1 [m1 [s1]] {N|S} d2 [m2 [s2]] {E|W} alt[m] [siz[m] [hp[m] [vp[m]]]]
 * Wire (§2): VERSION=0, SIZE, HORIZ PRE, VERT PRE (mantissa/exponent in cm),
 * LATITUDE, LONGITUDE (thousandths of an arc second, 2^31 = equator/prime
 * meridian), ALTITUDE (cm above 100,000 m below the WGS 84 spheroid).
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { R, W, wireError, type TextCursor } from "./core";
import type { Codec } from "./codec";

const EQUATOR = 0x80000000;
const ALT_BASE = 10000000; // 100,000 m in cm

/** Decimal with up to `frac` fractional digits, scaled by 10^frac; NaN if malformed. */
function fixed(text: string, frac: number, allowNeg: boolean): number {
  const m = allowNeg ? /^(-?)(\d+)(?:\.(\d*))?$/.exec(text) : /^()(\d+)(?:\.(\d*))?$/.exec(text);
  if (!m) return NaN;
  const f = m[3] ?? "";
  if (f.length > frac) return NaN;
  const v = Number(m[2]) * 10 ** frac + Number(f.padEnd(frac, "0") || "0");
  return m[1] ? -v : v;
}

/** Size/precision in cm -> RFC 1876 §2 "XeY" octet (mantissa and power of ten, both 0..9). */
function encodePrecSize(cm: number): number {
  let e = 0;
  while (cm >= 10 && e < 9 && cm >= 10 ** (e + 1)) e++;
  const mant = Math.floor(cm / 10 ** e);
  return (Math.min(mant, 9) << 4) | e;
}

function decodePrecSize(v: number): number {
  const mant = v >> 4;
  const e = v & 15;
  if (mant > 9 || e > 9) throw wireError("LOC size/precision octet out of range");
  return mant * 10 ** e;
}

function meters(cm: number): string {
  const neg = cm < 0;
  const a = Math.abs(cm);
  const s = `${Math.floor(a / 100)}.${String(a % 100).padStart(2, "0")}m`;
  return neg ? "-" + s : s;
}

/** Parse one coordinate: degrees [minutes [seconds]] hemisphere. Returns thousandths of arc seconds, signed. */
function coordinate(c: TextCursor, pos: string, neg: string, maxDeg: number): number {
  const what = maxDeg === 90 ? "latitude" : "longitude";
  const parts: string[] = [];
  let hemi = "";
  for (let k = 0; k < 4; k++) {
    const tok = c.take(what);
    const t = tok.text.toUpperCase();
    if (t === pos || t === neg) {
      hemi = t;
      break;
    }
    if (k === 3) c.fail(D.BAD_RDATA, `${what}: expected ${pos} or ${neg}`);
    parts.push(tok.text);
  }
  if (parts.length === 0) c.fail(D.BAD_RDATA, `${what}: degrees missing`);
  const idx = c.at();
  const deg = fixed(parts[0], 0, false);
  const min = parts.length > 1 ? fixed(parts[1], 0, false) : 0;
  const sec = parts.length > 2 ? fixed(parts[2], 3, false) : 0;
  // Each part is range-checked on its own (Knot accepts "90 59 59.999 S" as its maximum).
  if (!(deg <= maxDeg) || !(min < 60) || !(sec < 60000)) c.fail(D.BAD_RDATA, `${what} out of range`, idx - 1);
  const v = deg * 3600000 + min * 60000 + sec;
  return hemi === neg ? -v : v;
}

function stripM(text: string): string {
  return text.endsWith("m") || text.endsWith("M") ? text.slice(0, -1) : text;
}

function formatCoord(v: number, pos: string, neg: string): string {
  const x = v - EQUATOR;
  const a = Math.abs(x);
  const deg = Math.floor(a / 3600000);
  const min = Math.floor((a % 3600000) / 60000);
  const ms = a % 60000;
  const sec = `${Math.floor(ms / 1000)}.${String(ms % 1000).padStart(3, "0")}`;
  return `${deg} ${min} ${sec} ${x < 0 ? neg : pos}`;
}

export const LOC: Codec = {
  lower: false,
  parse(c) {
    const lat = coordinate(c, "N", "S", 90);
    const lon = coordinate(c, "E", "W", 180);
    const altTok = c.take("altitude");
    const alt = fixed(stripM(altTok.text), 2, true);
    // RFC 1876 §3: altitude -100000.00 .. 42849672.95 m.
    if (!(alt >= -ALT_BASE && alt <= 0xffffffff - ALT_BASE)) c.fail(D.BAD_RDATA, `bad altitude "${altTok.text}"`);
    const sizes = [100, 1000000, 1000]; // defaults: size 1m, horizontal 10000m, vertical 10m
    for (let k = 0; k < 3 && c.more(); k++) {
      const tok = c.take("size");
      const v = fixed(stripM(tok.text), 2, false);
      if (!(v <= 9000000000)) c.fail(D.BAD_RDATA, `bad size/precision "${tok.text}" (0..90000000.00m)`);
      sizes[k] = v;
    }
    W.u8(0);
    W.u8(encodePrecSize(sizes[0]));
    W.u8(encodePrecSize(sizes[1]));
    W.u8(encodePrecSize(sizes[2]));
    W.u32(EQUATOR + lat);
    W.u32(EQUATOR + lon);
    W.u32(alt + ALT_BASE);
  },
  check() {
    if (R.u8() !== 0) throw wireError("LOC version must be 0");
    W.u8(0);
    for (let k = 0; k < 3; k++) {
      const v = R.u8();
      decodePrecSize(v);
      W.u8(v);
    }
    W.u32(R.u32());
    W.u32(R.u32());
    W.u32(R.u32());
  },
  format() {
    if (R.u8() !== 0) throw wireError("LOC version must be 0");
    const size = decodePrecSize(R.u8());
    const hp = decodePrecSize(R.u8());
    const vp = decodePrecSize(R.u8());
    const lat = R.u32();
    const lon = R.u32();
    const alt = R.u32();
    return [
      formatCoord(lat, "N", "S"),
      formatCoord(lon, "E", "W"),
      meters(alt - ALT_BASE),
      meters(size),
      meters(hp),
      meters(vp),
    ].join(" ");
  },
};
