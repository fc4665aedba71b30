/**
 * Domain names as uncompressed wire bytes (RFC 1035 §3.1).
 *
 * A name is a Uint8Array of length-prefixed labels ending with the root
 * label 0. The original spelling (case) is kept; comparisons use nameKey()
 * or compareNames(), which fold ASCII case only (RFC 4343).
 */
import { allocBytes, copyBytes } from "./bytes";
import { DIAGNOSTIC_CODES as D, type DiagnosticCode } from "./diagnostics";

export type NameResult = { ok: true; wire: Uint8Array } | { ok: false; code: DiagnosticCode; message: string };

export const ROOT: Uint8Array = Uint8Array.of(0);

// One scratch buffer: names are built here and copied out once (hot path).
const scratch = new Uint8Array(512);

/**
 * Parse a presentation-format name (escapes still raw, as in the file).
 * "@" is the origin; a name without a trailing unescaped dot is relative to
 * origin. A relative name with origin === null is an error.
 */
export function parseName(text: string, origin: Uint8Array | null): NameResult {
  const n = text.length;
  if (n === 1) {
    const c = text.charCodeAt(0);
    if (c === 0x40 /* @ */) {
      return origin ? { ok: true, wire: origin } : fail(D.NO_ORIGIN, `"@" used but no $ORIGIN is known`);
    }
    if (c === 0x2e /* . */) return { ok: true, wire: ROOT };
  }
  if (n === 0) return fail(D.EMPTY_LABEL, "empty name");
  let out = 1; // scratch[labelStart] holds the length
  let labelStart = 0;
  let labelLen = 0;
  let absolute = false;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x2e /* . */) {
      if (labelLen === 0) return fail(D.EMPTY_LABEL, `empty label in "${text}"`);
      scratch[labelStart] = labelLen;
      labelStart = out;
      out++;
      labelLen = 0;
      if (i === n - 1) absolute = true;
      continue;
    }
    if (c === 0x5c /* \ */) {
      if (i + 1 >= n) return fail(D.BAD_ESCAPE, `name "${text}" ends with a lone backslash`);
      const d1 = text.charCodeAt(i + 1);
      if (d1 >= 0x30 && d1 <= 0x39) {
        const d2 = text.charCodeAt(i + 2);
        const d3 = text.charCodeAt(i + 3);
        if (!(d2 >= 0x30 && d2 <= 0x39 && d3 >= 0x30 && d3 <= 0x39)) {
          return fail(D.BAD_ESCAPE, `bad \\DDD escape in "${text}"`);
        }
        c = (d1 - 0x30) * 100 + (d2 - 0x30) * 10 + (d3 - 0x30);
        if (c > 255) return fail(D.BAD_ESCAPE, `\\DDD escape above 255 in "${text}"`);
        i += 3;
      } else {
        c = d1;
        i += 1;
        if (c > 0xff) return fail(D.BAD_CHARACTER, `non-ASCII character in name "${text}"`);
      }
    } else if (c > 0xff) {
      // Non-Latin-1 code units only appear if the caller decoded UTF-8; names are octets.
      return fail(D.BAD_CHARACTER, `non-ASCII character in name "${text}" (use an A-label)`);
    }
    if (labelLen === 63) return fail(D.LABEL_TOO_LONG, `label longer than 63 octets in "${text}"`);
    if (out >= 256) return fail(D.NAME_TOO_LONG, `name "${text}" is longer than 255 octets`);
    scratch[out++] = c;
    labelLen++;
  }
  if (labelLen > 0) {
    scratch[labelStart] = labelLen;
    labelStart = out;
    out++;
  }
  // labelStart now points at the slot for the terminating root label (or next label).
  if (absolute) {
    scratch[labelStart] = 0;
    if (out > 255) return fail(D.NAME_TOO_LONG, `name "${text}" is longer than 255 octets`);
    return { ok: true, wire: copyBytes(scratch, 0, out) };
  }
  if (!origin) return fail(D.NO_ORIGIN, `relative name "${text}" but no $ORIGIN is known`);
  const total = labelStart + origin.length;
  if (total > 255) return fail(D.NAME_TOO_LONG, `name "${text}" is longer than 255 octets with origin`);
  const wire = allocBytes(total);
  wire.set(scratch.subarray(0, labelStart), 0);
  wire.set(origin, labelStart);
  return { ok: true, wire };
}

function fail(code: DiagnosticCode, message: string): NameResult {
  return { ok: false, code, message };
}

/** Length in octets of the wire name starting at offset (no compression), or -1 if malformed. */
export function nameLength(wire: Uint8Array, offset = 0): number {
  let i = offset;
  while (i < wire.length) {
    const len = wire[i];
    if (len === 0) return i + 1 - offset;
    if (len > 63) return -1;
    i += len + 1;
  }
  return -1;
}

function escapeLabelByte(c: number): string {
  // RFC 1035 §5.1 / RFC 4343 §2.1: special characters escaped with "\X",
  // non-printable octets as "\DDD".
  if (c <= 0x20 || c >= 0x7f) return "\\" + String(c).padStart(3, "0");
  switch (c) {
    case 0x2e: // .
    case 0x5c: // \
    case 0x22: // "
    case 0x28: // (
    case 0x29: // )
    case 0x3b: // ;
    case 0x40: // @
    case 0x24: // $
      return "\\" + String.fromCharCode(c);
    default:
      return String.fromCharCode(c);
  }
}

/** Presentation form, absolute (trailing dot), with escapes. */
export function nameToText(wire: Uint8Array, offset = 0): string {
  // Fast path: no octet needs escaping, so the text is the wire with each length octet as ".", decoded in one go.
  // Why: a string built character by character is a tree of one concatenation node per character in V8
  // (≈ 30 objects per name), and a 100,000-name check holds millions of names.
  let n = 0;
  let i = offset;
  let plain = true;
  // Sized before filling (growing a plain array element by element is slow); the text is never longer than the wire.
  SCRATCH.length = Math.min(SCRATCH_MAX, wire.length - offset);
  while (i < wire.length) {
    const len = wire[i];
    if (len === 0) break;
    if (n + len + 1 > SCRATCH_MAX) plain = false;
    else {
      for (let j = i + 1; j <= i + len; j++) {
        const c = wire[j];
        if (c <= 0x20 || c >= 0x7f || SPECIAL[c]) {
          plain = false;
          break;
        }
        SCRATCH[n++] = c;
      }
      SCRATCH[n++] = 0x2e;
    }
    if (!plain) break;
    i += len + 1;
  }
  if (plain) return n === 0 ? "." : scratchText(n);
  const parts: string[] = [];
  i = offset;
  while (i < wire.length) {
    const len = wire[i];
    if (len === 0) break;
    for (let j = i + 1; j <= i + len; j++) parts.push(escapeLabelByte(wire[j]));
    parts.push(".");
    i += len + 1;
  }
  // join makes one flat string.
  return parts.length === 0 ? "." : parts.join("");
}

/** Octets escaped as "\X" in presentation (RFC 1035 §5.1). */
const SPECIAL: boolean[] = (() => {
  const t = new Array<boolean>(128).fill(false);
  for (const c of [0x2e, 0x5c, 0x22, 0x28, 0x29, 0x3b, 0x40, 0x24]) t[c] = true;
  return t;
})();

/** Names are at most 255 octets (RFC 1035 §2.3.4); a scratch of 1 KiB fits every escaped form's plain case. */
const SCRATCH_MAX = 1024;
const SCRATCH: number[] = [];

/**
 * SCRATCH[0..n) as one flat string, one code point per octet (no Buffer: this runs in browsers too; a plain
 * array: apply over a typed array's subarray measured 3× slower).
 */
function scratchText(n: number): string {
  SCRATCH.length = n;
  const s = String.fromCharCode.apply(null, SCRATCH);
  return s;
}

/** A copy with ASCII letters lowercased (RFC 4034 §6.2). */
export function lowerName(wire: Uint8Array): Uint8Array {
  let needs = false;
  for (let i = 0; i < wire.length; i++) {
    const c = wire[i];
    if (c >= 0x41 && c <= 0x5a) {
      needs = true;
      break;
    }
  }
  if (!needs) return wire;
  const out = allocBytes(wire.length);
  lowerInto(wire, 0, wire.length, out, 0);
  return out;
}

/**
 * Lowercase the name at src[offset..] into dst[dstOffset..] (may be the same
 * buffer). Only label bytes are touched, never length octets.
 */
export function lowerInto(src: Uint8Array, offset: number, end: number, dst: Uint8Array, dstOffset: number): number {
  let i = offset;
  let o = dstOffset;
  while (i < end) {
    const len = src[i];
    dst[o++] = len;
    i++;
    if (len === 0) break;
    for (let j = 0; j < len; j++) {
      const c = src[i++];
      dst[o++] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
    }
  }
  return o - dstOffset;
}

/** A string key that is equal for names equal under DNS case folding. */
export function nameKey(wire: Uint8Array): string {
  // One flat string (see nameToText): lowercased into the scratch, then decoded octet for code point.
  if (wire.length > SCRATCH_MAX) {
    let s = "";
    for (let i = 0; i < wire.length; i++) {
      const c = wire[i];
      s += String.fromCharCode(c >= 0x41 && c <= 0x5a ? c + 32 : c);
    }
    return s;
  }
  SCRATCH.length = wire.length;
  for (let i = 0; i < wire.length; i++) {
    const c = wire[i];
    SCRATCH[i] = c >= 0x41 && c <= 0x5a ? c + 32 : c;
  }
  return scratchText(wire.length);
}

/** Labels of a wire name, leftmost first, as subarrays (no copy). */
export function labels(wire: Uint8Array): Uint8Array[] {
  const out: Uint8Array[] = [];
  let i = 0;
  while (i < wire.length && wire[i] !== 0) {
    out.push(wire.subarray(i + 1, i + 1 + wire[i]));
    i += wire[i] + 1;
  }
  return out;
}

export function labelCount(wire: Uint8Array): number {
  let n = 0;
  let i = 0;
  while (i < wire.length && wire[i] !== 0) {
    n++;
    i += wire[i] + 1;
  }
  return n;
}

/** RFC 4034 §6.1 canonical ordering: compare labels right to left, case-folded octets. */
export function compareNames(a: Uint8Array, b: Uint8Array): number {
  const la = labels(a);
  const lb = labels(b);
  let i = la.length - 1;
  let j = lb.length - 1;
  while (i >= 0 && j >= 0) {
    const x = la[i];
    const y = lb[j];
    const n = Math.min(x.length, y.length);
    for (let k = 0; k < n; k++) {
      let cx = x[k];
      let cy = y[k];
      if (cx >= 0x41 && cx <= 0x5a) cx += 32;
      if (cy >= 0x41 && cy <= 0x5a) cy += 32;
      if (cx !== cy) return cx - cy;
    }
    if (x.length !== y.length) return x.length - y.length;
    i--;
    j--;
  }
  return i - j;
}

export function namesEqual(a: Uint8Array, b: Uint8Array): boolean {
  if (a.length !== b.length) return false;
  for (let i = 0; i < a.length; i++) {
    let x = a[i];
    let y = b[i];
    if (x === y) continue;
    if (x >= 0x41 && x <= 0x5a) x += 32;
    if (y >= 0x41 && y <= 0x5a) y += 32;
    if (x !== y) return false;
  }
  return true;
}

/** True when name equals zone or lies below it. */
export function isSubdomain(name: Uint8Array, zone: Uint8Array): boolean {
  if (name.length < zone.length) return false;
  const off = name.length - zone.length;
  // the suffix must start on a label boundary
  let i = 0;
  while (i < off) i += name[i] + 1;
  if (i !== off) return false;
  return namesEqual(name.subarray(off), zone);
}

/** Name relative to origin for display ("@" for the origin itself); absolute text otherwise. */
export function relativeText(wire: Uint8Array, origin: Uint8Array): string {
  if (namesEqual(wire, origin)) return "@";
  if (!isSubdomain(wire, origin)) return nameToText(wire);
  const abs = nameToText(wire);
  const o = nameToText(origin);
  return o === "." ? abs.slice(0, -1) : abs.slice(0, abs.length - o.length - 1);
}

/** Convenience for tests and fixed names: throws on invalid input. */
export function name(text: string): Uint8Array {
  const r = parseName(text.endsWith(".") ? text : text + ".", null);
  if (!r.ok) throw new Error(`invalid name ${text}: ${r.message}`);
  return r.wire;
}
