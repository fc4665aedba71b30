/**
 * BIND's $GENERATE directive (BIND 9 ARM, "The $GENERATE Directive"; not in
 * RFC 1035):  $GENERATE start-stop[/step] lhs [ttl] [class] type rhs
 *
 * Templates (lhs, rhs): "$" is the iterator; "${offset[,width[,base]]}" with
 * base d, o, x, X, n, N (n/N: reversed nibbles separated by dots, width counts
 * the dots too, like BIND); "$$" is a literal "$"; "\X" escapes are copied
 * through unchanged so "\$" reaches the name/rdata parser as an escaped "$".
 */

export interface GenerateRange {
  start: number;
  stop: number;
  step: number;
}

export type RangeResult = { ok: true; range: GenerateRange; count: number } | { ok: false; message: string };

const INT_MAX = 0x7fffffff;

function parseUint(text: string, from: number, to: number): number {
  if (from >= to) return -1;
  let v = 0;
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return -1;
    v = v * 10 + (c - 0x30);
    if (v > INT_MAX) return -1;
  }
  return v;
}

/** "start-stop[/step]". */
export function parseGenerateRange(text: string): RangeResult {
  const dash = text.indexOf("-");
  if (dash < 0) return { ok: false, message: `range "${text}" is not start-stop[/step]` };
  const slash = text.indexOf("/", dash);
  const start = parseUint(text, 0, dash);
  const stop = parseUint(text, dash + 1, slash < 0 ? text.length : slash);
  const step = slash < 0 ? 1 : parseUint(text, slash + 1, text.length);
  if (start < 0 || stop < 0 || step < 0) return { ok: false, message: `range "${text}" is not start-stop[/step]` };
  if (step === 0) return { ok: false, message: `step 0 in range "${text}"` };
  if (stop < start) return { ok: false, message: `range "${text}" stops before it starts` };
  return { ok: true, range: { start, stop, step }, count: Math.floor((stop - start) / step) + 1 };
}

const HEX_LOWER = "0123456789abcdef";
const HEX_UPPER = "0123456789ABCDEF";

/** BIND's nibble mode: least significant nibble first, dot separated, padded to width chars. */
function nibbles(value: number, width: number, upper: boolean): string {
  const digits = upper ? HEX_UPPER : HEX_LOWER;
  let out = "";
  let v = value;
  let w = width;
  do {
    out += digits[v & 0x0f];
    v = Math.floor(v / 16);
    if (w > 0) w--;
    if (w > 0 || v !== 0) {
      out += ".";
      if (w > 0) w--;
    }
  } while (v !== 0 || w > 0);
  return out;
}

function formatNumber(value: number, width: number, base: string): string {
  if (base === "n" || base === "N") return nibbles(value, width, base === "N");
  let s: string;
  switch (base) {
    case "o":
      s = value.toString(8);
      break;
    case "x":
      s = value.toString(16);
      break;
    case "X":
      s = value.toString(16).toUpperCase();
      break;
    default:
      s = String(value);
  }
  if (value < 0) return "-" + s.slice(1).padStart(Math.max(0, width - 1), "0");
  return s.padStart(width, "0");
}

export type ExpandResult = { ok: true; text: string } | { ok: false; message: string };

/** Expand one template for iterator value `it`. */
export function expandTemplate(template: string, it: number): ExpandResult {
  let out = "";
  const n = template.length;
  let i = 0;
  while (i < n) {
    const c = template.charCodeAt(i);
    if (c === 0x5c /* \ */) {
      out += template.slice(i, i + 2);
      i += 2;
      continue;
    }
    if (c !== 0x24 /* $ */) {
      out += template[i];
      i++;
      continue;
    }
    i++;
    if (template.charCodeAt(i) === 0x24) {
      out += "$";
      i++;
      continue;
    }
    let offset = 0;
    let width = 0;
    let base = "d";
    if (template.charCodeAt(i) === 0x7b /* { */) {
      const close = template.indexOf("}", i);
      if (close < 0) return { ok: false, message: `"\${" without "}" in "${template}"` };
      const parts = template.slice(i + 1, close).split(",");
      if (parts.length > 3 || !/^[+-]?\d+$/.test(parts[0])) {
        return { ok: false, message: `bad modifier "\${${parts.join(",")}}" in "${template}"` };
      }
      offset = Number(parts[0]);
      if (parts.length >= 2) {
        if (!/^\d+$/.test(parts[1])) return { ok: false, message: `bad width in "${template}"` };
        width = Number(parts[1]);
        if (width > 255) return { ok: false, message: `width above 255 in "${template}"` };
      }
      if (parts.length === 3) {
        if (!/^[doxXnN]$/.test(parts[2])) return { ok: false, message: `bad base "${parts[2]}" (d, o, x, X, n, N)` };
        base = parts[2];
      }
      i = close + 1;
    }
    let value = it + offset;
    if (value > INT_MAX || value < -INT_MAX - 1) {
      return { ok: false, message: `iterator ${it} with offset ${offset} is out of range` };
    }
    // BIND prints a negative value in o/x/X/n/N as its 32-bit two's complement
    // (C's unsigned conversions): ${-2000,0,n} at 1024 gives 0.3.c.f.f.f.f.f (quirks.md §generate).
    if (value < 0 && base !== "d") value = value >>> 0;
    out += formatNumber(value, width, base);
  }
  return { ok: true, text: out };
}
