/**
 * IPv4 / IPv6 address codecs. Strict on input: IPv4 is dotted-quad with no
 * leading zeros (RFC 6943 §3.1.1 warns that "010" reads as octal elsewhere);
 * IPv6 per RFC 4291 §2.2 including "::" and an embedded IPv4 tail.
 * Output IPv6 follows RFC 5952 §4 (lowercase, longest zero run as "::").
 */

/** Parse dotted-quad text[start..end) into dst[at..at+4). Returns false if invalid. */
export function parseIPv4Into(text: string, start: number, end: number, dst: Uint8Array, at: number): boolean {
  let part = 0;
  let digits = 0;
  let v = 0;
  let first = 0;
  for (let i = start; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x2e) {
      if (digits === 0 || part === 3) return false;
      dst[at + part++] = v;
      v = 0;
      digits = 0;
      continue;
    }
    if (c < 0x30 || c > 0x39) return false;
    if (digits === 0) first = c;
    else if (first === 0x30) return false; // leading zero
    v = v * 10 + (c - 0x30);
    if (++digits > 3 || v > 255) return false;
  }
  if (digits === 0 || part !== 3) return false;
  dst[at + 3] = v;
  return true;
}

// Scratch for the IPv6 parser (hot path: no per-record allocation).
const GROUPS = new Uint16Array(8);
const V4 = new Uint8Array(4);

/** Parse IPv6 text[start..end) into dst[at..at+16). Returns false if invalid. */
export function parseIPv6Into(text: string, start: number, end: number, dst: Uint8Array, at: number): boolean {
  // Collect 16-bit groups; remember where "::" was.
  const groups = GROUPS;
  let n = 0;
  let gap = -1;
  let i = start;
  if (end - start < 2) return false;
  if (text.charCodeAt(i) === 0x3a) {
    if (text.charCodeAt(i + 1) !== 0x3a) return false;
    gap = 0;
    i += 2;
    if (i === end) {
      dst.fill(0, at, at + 16);
      return true;
    }
  }
  for (;;) {
    // One group, or an IPv4 tail.
    let v = 0;
    let digits = 0;
    const gs = i;
    while (i < end) {
      const c = text.charCodeAt(i);
      let h: number;
      if (c >= 0x30 && c <= 0x39) h = c - 0x30;
      else if (c >= 0x61 && c <= 0x66) h = c - 0x57;
      else if (c >= 0x41 && c <= 0x46) h = c - 0x37;
      else break;
      v = (v << 4) | h;
      digits++;
      i++;
    }
    if (i < end && text.charCodeAt(i) === 0x2e) {
      // Embedded IPv4 takes the last 32 bits (RFC 4291 §2.2 form 3).
      if (n > 6) return false;
      const tmp = V4;
      if (!parseIPv4Into(text, gs, end, tmp, 0)) return false;
      groups[n++] = (tmp[0] << 8) | tmp[1];
      groups[n++] = (tmp[2] << 8) | tmp[3];
      break;
    }
    if (digits === 0 || digits > 4) return false;
    if (n === 8) return false;
    groups[n++] = v;
    if (i === end) break;
    if (text.charCodeAt(i) !== 0x3a) return false;
    i++;
    if (i < end && text.charCodeAt(i) === 0x3a) {
      if (gap >= 0) return false;
      gap = n;
      i++;
      if (i === end) break;
    } else if (i === end) return false;
  }
  if (gap < 0 ? n !== 8 : n > 7) return false;
  let o = at;
  const fill = gap < 0 ? 0 : 8 - n;
  for (let g = 0; g < n; g++) {
    if (g === gap) for (let z = 0; z < fill; z++, o += 2) dst[o] = dst[o + 1] = 0;
    dst[o++] = groups[g] >>> 8;
    dst[o++] = groups[g] & 0xff;
  }
  if (gap === n) for (let z = 0; z < fill; z++, o += 2) dst[o] = dst[o + 1] = 0;
  return true;
}

export function formatIPv4(d: Uint8Array, at: number): string {
  return `${d[at]}.${d[at + 1]}.${d[at + 2]}.${d[at + 3]}`;
}

export function formatIPv6(d: Uint8Array, at: number): string {
  const g: number[] = [];
  for (let i = 0; i < 8; i++) g.push((d[at + 2 * i] << 8) | d[at + 2 * i + 1]);
  // RFC 5952 §4.2.3: the longest run of >= 2 zero groups, the first on a tie.
  let best = -1;
  let bestLen = 1;
  for (let i = 0; i < 8;) {
    if (g[i] !== 0) {
      i++;
      continue;
    }
    let j = i;
    while (j < 8 && g[j] === 0) j++;
    if (j - i > bestLen) {
      best = i;
      bestLen = j - i;
    }
    i = j;
  }
  const hex = (x: number) => x.toString(16);
  if (best < 0) return g.map(hex).join(":");
  return (
    g.slice(0, best).map(hex).join(":") +
    "::" +
    g
      .slice(best + bestLen)
      .map(hex)
      .join(":")
  );
}
