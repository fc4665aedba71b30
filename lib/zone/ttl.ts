/**
 * TTL values in master files: decimal seconds (RFC 1035 §3.2.1, 32-bit
 * unsigned) or BIND's unit form "1w2d3h4m5s" (case-insensitive, units in any
 * order, repeats allowed, a trailing bare number counts as seconds).
 */

/** Largest TTL that fits 32 bits; 2^32 and above are errors, never wrapped. */
export const TTL_MAX = 0xffffffff;
/** RFC 2181 §8: TTLs above 2^31-1 should be treated as 0; we keep them and warn. */
export const TTL_SIGNED_MAX = 0x7fffffff;

/** parseTtlRange result for a malformed value. */
export const TTL_SYNTAX = -1;
/** parseTtlRange result for a value ≥ 2^32. */
export const TTL_OVERFLOW = -2;

function unitSeconds(c: number): number {
  switch (c | 0x20) {
    case 0x73: // s
      return 1;
    case 0x6d: // m
      return 60;
    case 0x68: // h
      return 3600;
    case 0x64: // d
      return 86400;
    case 0x77: // w
      return 604800;
    default:
      return 0;
  }
}

/** TTL of src[start..end) without slicing; TTL_SYNTAX or TTL_OVERFLOW on failure. */
export function parseTtlRange(src: string, start: number, end: number): number {
  if (start >= end) return TTL_SYNTAX;
  let total = 0;
  let cur = 0;
  let digits = 0;
  let units = false;
  for (let i = start; i < end; i++) {
    const c = src.charCodeAt(i);
    if (c >= 0x30 && c <= 0x39) {
      cur = cur * 10 + (c - 0x30);
      digits++;
      // Doubles are exact far beyond 2^32: check once the value is clearly too big.
      if (cur > TTL_MAX) return TTL_OVERFLOW;
      continue;
    }
    const mult = unitSeconds(c);
    if (mult === 0 || digits === 0) return TTL_SYNTAX;
    total += cur * mult;
    if (total > TTL_MAX) return TTL_OVERFLOW;
    cur = 0;
    digits = 0;
    units = true;
  }
  if (digits > 0) total += cur;
  else if (!units) return TTL_SYNTAX;
  return total > TTL_MAX ? TTL_OVERFLOW : total;
}

/** Convenience over a whole string. */
export function parseTtl(text: string): number {
  return parseTtlRange(text, 0, text.length);
}
