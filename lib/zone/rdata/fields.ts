/**
 * Field codecs shared by the record types. A Field knows three things:
 * parse presentation tokens into wire (into W), check+canonicalise wire
 * (R -> W), and format wire as presentation text (R -> string).
 * Types built purely from fields are declared in registry.ts.
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { parseName, nameToText } from "../name";
import { typeFromText, typeToText } from "../rrtype";
import { C, R, W, RdataError, wireError, type TextCursor } from "./core";
import { HEX, decodeBase64, decodeBase32Hex, encodeBase64, encodeHex, encodeBase32Hex } from "./encoding";
import { parseIPv4Into, parseIPv6Into, formatIPv4, formatIPv6 } from "./ip";
import type { Token } from "./types";

export interface Field {
  parse(c: TextCursor): void;
  check(): void;
  format(): string;
}

// ---------------------------------------------------------------- numbers

/** Unsigned decimal (no sign, no spaces) up to max; NUMBER_OVERFLOW above it. */
export function parseNumber(tok: Token, index: number, max: number, what: string): number {
  const t = tok.text;
  const n = t.length;
  if (n === 0 || tok.quoted) throw new RdataError(D.BAD_RDATA, `${what} must be a number`, index);
  let v = 0;
  for (let i = 0; i < n; i++) {
    const c = t.charCodeAt(i);
    if (c < 0x30 || c > 0x39) throw new RdataError(D.BAD_RDATA, `${what} must be a decimal number, got "${t}"`, index);
    v = v * 10 + (c - 0x30);
    if (v > max) throw new RdataError(D.NUMBER_OVERFLOW, `${what} ${t} is larger than ${max}`, index);
  }
  return v;
}

function numberField(bits: 8 | 16 | 32, what: string): Field {
  const max = bits === 8 ? 0xff : bits === 16 ? 0xffff : 0xffffffff;
  return {
    parse(c) {
      const v = parseNumber(c.take(what), c.at(), max, what);
      if (bits === 8) W.u8(v);
      else if (bits === 16) W.u16(v);
      else W.u32(v);
    },
    check() {
      if (bits === 8) W.u8(R.u8());
      else if (bits === 16) W.u16(R.u16());
      else W.u32(R.u32());
    },
    format() {
      return String(bits === 8 ? R.u8() : bits === 16 ? R.u16() : R.u32());
    },
  };
}
export const U8 = (what: string) => numberField(8, what);

/** A 32-bit duration: seconds, or BIND/Knot units (1w2d3h4m5s, case-insensitive) as SOA timers allow. */
export function parseDuration(tok: Token, index: number, what: string): number {
  const t = tok.text;
  let digits = t.length > 0;
  for (let i = 0; i < t.length && digits; i++) {
    const ch = t.charCodeAt(i);
    digits = ch >= 0x30 && ch <= 0x39;
  }
  if (digits) return parseNumber(tok, index, 0xffffffff, what);
  const m = /^(?:\d+[wdhms])+$/i.test(t) ? t.match(/\d+[wdhms]/gi) : null;
  if (!m || tok.quoted)
    throw new RdataError(D.BAD_RDATA, `${what} must be seconds or a duration like 1h30m, got "${t}"`, index);
  const unit: Record<string, number> = { w: 604800, d: 86400, h: 3600, m: 60, s: 1 };
  let v = 0;
  for (const part of m) v += Number(part.slice(0, -1)) * unit[part.slice(-1).toLowerCase()];
  if (v > 0xffffffff) throw new RdataError(D.NUMBER_OVERFLOW, `${what} ${t} is larger than 4294967295 seconds`, index);
  return v;
}

export const DURATION = (what: string): Field => ({
  parse(c) {
    W.u32(parseDuration(c.take(what), c.at(), what));
  },
  check() {
    W.u32(R.u32());
  },
  format() {
    return String(R.u32());
  },
});
export const U16 = (what: string) => numberField(16, what);
export const U32 = (what: string) => numberField(32, what);

/** A number or a mnemonic from a table (DNSSEC algorithms, CERT types, ...). */
export function mnemonicField(bits: 8 | 16, what: string, table: Record<string, number>): Field {
  const max = bits === 8 ? 0xff : 0xffff;
  return {
    parse(c) {
      const tok = c.take(what);
      const first = tok.text.charCodeAt(0);
      let v: number;
      if (first >= 0x30 && first <= 0x39) v = parseNumber(tok, c.at(), max, what);
      else {
        const m = table[tok.text.toUpperCase()];
        if (m === undefined) c.fail(D.BAD_RDATA, `unknown ${what} "${tok.text}"`);
        v = m;
      }
      if (bits === 8) W.u8(v);
      else W.u16(v);
    },
    check() {
      if (bits === 8) W.u8(R.u8());
      else W.u16(R.u16());
    },
    format() {
      return String(bits === 8 ? R.u8() : R.u16());
    },
  };
}

/** DNSSEC algorithm numbers (IANA "DNS Security Algorithm Numbers"); mnemonics accepted as BIND does. */
export const DNSSEC_ALGORITHMS: Record<string, number> = {
  RSAMD5: 1,
  DH: 2,
  DSA: 3,
  RSASHA1: 5,
  "DSA-NSEC3-SHA1": 6,
  "RSASHA1-NSEC3-SHA1": 7,
  RSASHA256: 8,
  RSASHA512: 10,
  "ECC-GOST": 12,
  ECDSAP256SHA256: 13,
  ECDSAP384SHA384: 14,
  ED25519: 15,
  ED448: 16,
  SM2SM3: 17,
  "ECC-GOST12": 23,
  INDIRECT: 252,
  PRIVATEDNS: 253,
  PRIVATEOID: 254,
};
export const ALGORITHM = mnemonicField(8, "algorithm", DNSSEC_ALGORITHMS);

/** An RR type as a mnemonic or TYPEnnn (RRSIG type covered, DSYNC, LUA). */
export const TYPE_FIELD: Field = {
  parse(c) {
    const tok = c.take("type");
    const t = tok.quoted ? undefined : typeFromText(tok.text);
    if (t === undefined) return c.fail(D.UNKNOWN_TYPE, `unknown type "${tok.text}"`);
    W.u16(t);
  },
  check() {
    W.u16(R.u16());
  },
  format() {
    return typeToText(R.u16());
  },
};

// ---------------------------------------------------------------- names

/** Parse a name token and append it (lowercased when `lower`) to W. */
export function parseNameInto(c: TextCursor, what: string, lower: boolean): void {
  const tok = c.take(what);
  if (tok.quoted) c.fail(D.BAD_RDATA, `${what} must not be quoted`);
  const r = parseName(tok.text, c.origin);
  if (!r.ok) c.fail(r.code, r.message);
  W.name(r.wire, 0, r.wire.length, lower);
}

/**
 * A domain name. `lower`: the type is one of RFC 4034 §6.2 (as amended by
 * RFC 6840 §5.1) whose embedded names are lowercased in canonical form.
 */
export function nameField(what: string, lower: boolean): Field {
  return {
    parse(c) {
      parseNameInto(c, what, lower);
    },
    check() {
      const end = R.nameEnd();
      W.name(R.data, R.pos, end, lower);
      R.pos = end;
    },
    format() {
      const end = R.nameEnd();
      const s = nameToText(R.data, R.pos);
      R.pos = end;
      return s;
    },
  };
}

// ---------------------------------------------------------------- character-strings

/** Write a code point outside Latin-1 as UTF-8 (only if the caller decoded the file as UTF-16 text). */
function writeUtf8(cp: number): void {
  if (cp < 0x800) {
    W.u8(0xc0 | (cp >> 6));
    W.u8(0x80 | (cp & 63));
  } else if (cp < 0x10000) {
    W.u8(0xe0 | (cp >> 12));
    W.u8(0x80 | ((cp >> 6) & 63));
    W.u8(0x80 | (cp & 63));
  } else {
    W.u8(0xf0 | (cp >> 18));
    W.u8(0x80 | ((cp >> 12) & 63));
    W.u8(0x80 | ((cp >> 6) & 63));
    W.u8(0x80 | (cp & 63));
  }
}

/**
 * Unescape a token (RFC 1035 §5.1: \DDD decimal octet, \X literal X) and
 * append its octets to W. Input is one char per octet (latin1).
 */
export function unescapeInto(text: string, index: number): void {
  const n = text.length;
  for (let i = 0; i < n; i++) {
    let c = text.charCodeAt(i);
    if (c === 0x5c) {
      if (i + 1 >= n) throw new RdataError(D.BAD_ESCAPE, "string ends with a lone backslash", index);
      const d1 = text.charCodeAt(i + 1);
      if (d1 >= 0x30 && d1 <= 0x39) {
        const d2 = text.charCodeAt(i + 2);
        const d3 = text.charCodeAt(i + 3);
        if (!(d2 >= 0x30 && d2 <= 0x39 && d3 >= 0x30 && d3 <= 0x39)) {
          throw new RdataError(D.BAD_ESCAPE, "\\DDD escape needs three digits", index);
        }
        c = (d1 - 0x30) * 100 + (d2 - 0x30) * 10 + (d3 - 0x30);
        if (c > 255) throw new RdataError(D.BAD_ESCAPE, "\\DDD escape above 255", index);
        i += 3;
      } else {
        c = d1;
        i++;
      }
    }
    if (c > 0xff) {
      let cp = c;
      if (c >= 0xd800 && c <= 0xdbff && i + 1 < n) {
        const lo = text.charCodeAt(i + 1);
        if (lo >= 0xdc00 && lo <= 0xdfff) {
          cp = 0x10000 + ((c - 0xd800) << 10) + (lo - 0xdc00);
          i++;
        }
      }
      writeUtf8(cp);
    } else W.u8(c);
  }
}

/** Unescaped octets of a token, as a fresh array (for non-hot callers). */
export function unescapeBytes(text: string, index: number): Uint8Array {
  const mark = W.pos;
  unescapeInto(text, index);
  const out = W.buf.slice(mark, W.pos);
  W.pos = mark;
  return out;
}

/** One <character-string> (RFC 1035 §3.3): length octet + up to 255 octets. */
export function parseCharString(c: TextCursor, what: string): void {
  const tok = c.take(what);
  const at = W.skip(1);
  unescapeInto(tok.text, c.at());
  const len = W.pos - at - 1;
  if (len > 255) c.fail(D.STRING_TOO_LONG, `${what} is ${len} octets long; the limit is 255`);
  W.buf[at] = len;
}

/** Presentation of octets as a quoted string with escapes. */
export function quoteBytes(d: Uint8Array, start: number, end: number): string {
  let s = '"';
  for (let i = start; i < end; i++) {
    const c = d[i];
    if (c === 0x22 || c === 0x5c) s += "\\" + String.fromCharCode(c);
    else if (c < 0x20 || c >= 0x7f) s += "\\" + (c < 10 ? "00" : c < 100 ? "0" : "") + c;
    else s += String.fromCharCode(c);
  }
  return s + '"';
}

export const CSTRING = (what: string): Field => ({
  parse(c) {
    parseCharString(c, what);
  },
  check() {
    const len = R.u8();
    W.u8(len);
    W.bytes(R.bytes(len));
  },
  format() {
    const len = R.u8();
    const start = R.pos;
    R.bytes(len);
    return quoteBytes(R.data, start, start + len);
  },
});

/** One or more character-strings up to the end (TXT, SPF, AVC, RESINFO, WALLET, NINFO). */
export const CSTRINGS: Field = {
  parse(c) {
    parseCharString(c, "text");
    while (c.more()) parseCharString(c, "text");
  },
  check() {
    if (!R.more()) throw wireError("at least one character-string is required");
    while (R.more()) {
      const len = R.u8();
      W.u8(len);
      W.bytes(R.bytes(len));
    }
  },
  format() {
    const parts: string[] = [];
    while (R.more()) {
      const len = R.u8();
      const start = R.pos;
      R.bytes(len);
      parts.push(quoteBytes(R.data, start, start + len));
    }
    return parts.join(" ");
  },
};

/** The rest of the RDATA as octets without a length prefix (URI target, CAA value). */
export const STRING_REST = (what: string, required: boolean): Field => ({
  parse(c) {
    const tok = c.take(what);
    unescapeInto(tok.text, c.at());
    if (required && tok.text.length === 0) c.fail(D.BAD_RDATA, `${what} must not be empty`);
  },
  check() {
    if (required && !R.more()) throw wireError(`${what} must not be empty`);
    W.bytes(R.rest());
  },
  format() {
    const d = R.rest();
    return quoteBytes(d, 0, d.length);
  },
});

// ---------------------------------------------------------------- addresses

/** An address of `size` bytes: text parsed into the writer in place, wire formatted straight from the reader. */
function addressField(
  size: 4 | 16,
  what: string,
  parseInto: (text: string, start: number, end: number, dst: Uint8Array, at: number) => boolean,
  format: (data: Uint8Array, at: number) => string,
): Field {
  return {
    parse(c) {
      const tok = c.take(what);
      const at = W.skip(size);
      if (tok.quoted || !parseInto(tok.text, 0, tok.text.length, W.buf, at)) {
        c.fail(D.BAD_RDATA, `bad ${what} "${tok.text}"`);
      }
    },
    check() {
      W.bytes(R.bytes(size));
    },
    format() {
      const at = R.pos;
      R.bytes(size);
      return format(R.data, at);
    },
  };
}

export const IPV4: Field = addressField(4, "IPv4 address", parseIPv4Into, formatIPv4);
export const IPV6: Field = addressField(16, "IPv6 address", parseIPv6Into, formatIPv6);

// ---------------------------------------------------------------- binary blobs

/** Concatenate the remaining tokens (zone files split base64/hex across words). */
function restText(c: TextCursor): string {
  let s = "";
  while (c.more()) s += c.take("data").text;
  return s;
}

/**
 * Base64 up to the end of the RDATA. `min` = minimum tokens; a lone "-" or
 * "0" stands for empty data where the type allows it (`emptyMark`).
 */
export function base64Field(what: string, required: boolean, emptyMark = false): Field {
  return {
    parse(c) {
      if (!c.more()) {
        if (required) c.take(what);
        return;
      }
      const first = c.i;
      if (emptyMark && c.end - c.i === 1) {
        const t = c.tokens[c.i].text;
        if (t === "-" || t === "0") {
          c.i++;
          return;
        }
      }
      for (let k = c.i; k < c.end; k++) {
        // Padding closes the quantum it is written in (Knot: each word is whole quanta; "AA ==" is an error).
        if (c.tokens[k].text.charCodeAt(0) === 0x3d)
          c.fail(D.BAD_RDATA, "base64 padding must follow its data without a space", k);
      }
      decodeBase64(restText(c), first);
    },
    check() {
      if (required && !emptyMark && !R.more()) throw wireError(`${what} must not be empty`);
      W.bytes(R.rest());
    },
    format() {
      const d = R.rest();
      return d.length ? encodeBase64(d) : emptyMark ? "-" : "";
    },
  };
}

/** Hex up to the end of the RDATA (DS digest, TLSA data, ZONEMD digest...). */
export function hexField(what: string, required: boolean, emptyMark = false): Field {
  return {
    parse(c) {
      if (!c.more()) {
        if (required) c.take(what);
        return;
      }
      if (emptyMark && c.end - c.i === 1) {
        const t = c.tokens[c.i].text;
        if (t === "-" || t === "0") {
          c.i++;
          return;
        }
      }
      HEX.begin();
      while (c.more()) {
        const tok = c.take(what);
        HEX.feed(tok.text, c.at());
      }
      HEX.finish();
    },
    check() {
      // The empty mark stands for empty wire data (RFC 8078 §4 CDS delete), so empty is valid then.
      if (required && !emptyMark && !R.more()) throw wireError(`${what} must not be empty`);
      W.bytes(R.rest());
    },
    format() {
      const d = R.rest();
      return d.length ? encodeHex(d) : emptyMark ? "0" : "";
    },
  };
}

/** One token of hex with an 8-bit length prefix; "-" = empty (NSEC3 salt, RFC 5155 §3.3). */
export const SALT: Field = {
  parse(c) {
    const tok = c.take("salt");
    const at = W.skip(1);
    if (tok.text !== "-") {
      HEX.begin();
      HEX.feed(tok.text, c.at());
      HEX.finish();
    }
    const len = W.pos - at - 1;
    if (len > 255) c.fail(D.BAD_RDATA, "salt longer than 255 octets");
    W.buf[at] = len;
  },
  check() {
    const len = R.u8();
    W.u8(len);
    W.bytes(R.bytes(len));
  },
  format() {
    const len = R.u8();
    return len === 0 ? "-" : encodeHex(R.bytes(len));
  },
};

/** One token of base32hex with an 8-bit length prefix (NSEC3 next hashed owner). */
export const HASH32: Field = {
  parse(c) {
    const tok = c.take("next hashed owner name");
    const at = W.skip(1);
    decodeBase32Hex(tok.text, c.at());
    const len = W.pos - at - 1;
    if (len < 1 || len > 255) c.fail(D.BAD_RDATA, "next hashed owner name must be 1..255 octets");
    W.buf[at] = len;
  },
  check() {
    const len = R.u8();
    if (len === 0) throw wireError("empty next hashed owner name");
    W.u8(len);
    W.bytes(R.bytes(len));
  },
  format() {
    const len = R.u8();
    return encodeBase32Hex(R.bytes(len));
  },
};

// ---------------------------------------------------------------- time

const DAYS = [31, 28, 31, 30, 31, 30, 31, 31, 30, 31, 30, 31];

/**
 * RRSIG/SIG time (RFC 4034 §3.2): YYYYMMDDHHmmSS in UTC, or seconds since
 * the epoch. Stored modulo 2^32 (serial number arithmetic, RFC 1982).
 */
export const TIME = (what: string): Field => ({
  parse(c) {
    const tok = c.take(what);
    const t = tok.text;
    if (t.length !== 14) {
      W.u32(parseNumber(tok, c.at(), 0xffffffff, what));
      return;
    }
    const d = (i: number, n: number) => {
      let v = 0;
      for (let k = i; k < i + n; k++) {
        const ch = t.charCodeAt(k);
        if (ch < 0x30 || ch > 0x39) c.fail(D.BAD_RDATA, `${what} "${t}" is not YYYYMMDDHHmmSS`);
        v = v * 10 + ch - 0x30;
      }
      return v;
    };
    const y = d(0, 4),
      mo = d(4, 2),
      day = d(6, 2),
      h = d(8, 2),
      mi = d(10, 2),
      s = d(12, 2);
    const leap = (y % 4 === 0 && y % 100 !== 0) || y % 400 === 0;
    const dim = mo === 2 && leap ? 29 : DAYS[mo - 1];
    if (y < 1970 || mo < 1 || mo > 12 || day < 1 || day > dim || h > 23 || mi > 59 || s > 59) {
      c.fail(D.BAD_RDATA, `${what} "${t}" is not a valid date`);
    }
    // Later dates wrap modulo 2^32 (serial arithmetic, RFC 4034 §3.1.5); Knot stops at the end of 2225.
    if (y > 2225) c.fail(D.NUMBER_OVERFLOW, `${what} "${t}" is after 2225`);
    W.u32((Date.UTC(y, mo - 1, day, h, mi, s) / 1000) % 0x100000000);
  },
  check() {
    W.u32(R.u32());
  },
  format() {
    return formatTime(R.u32());
  },
});

export function formatTime(secs: number): string {
  const dt = new Date(secs * 1000);
  const p = (v: number, n = 2) => String(v).padStart(n, "0");
  return (
    p(dt.getUTCFullYear(), 4) +
    p(dt.getUTCMonth() + 1) +
    p(dt.getUTCDate()) +
    p(dt.getUTCHours()) +
    p(dt.getUTCMinutes()) +
    p(dt.getUTCSeconds())
  );
}

// ---------------------------------------------------------------- type bitmaps

/** Type bitmap (RFC 4034 §4.1.2), used by NSEC, NSEC3 and CSYNC; may be empty. */
export const BITMAP: Field = {
  parse(c) {
    const types: number[] = [];
    while (c.more()) {
      const tok = c.take("type");
      const t = tok.quoted ? undefined : typeFromText(tok.text);
      if (t === undefined) return c.fail(D.UNKNOWN_TYPE, `unknown type "${tok.text}" in the type bitmap`);
      types.push(t);
    }
    writeBitmap(types);
  },
  check() {
    let last = -1;
    while (R.more()) {
      const win = R.u8();
      const len = R.u8();
      if (win <= last) throw wireError("type bitmap windows out of order");
      if (len < 1 || len > 32) throw wireError("type bitmap window length must be 1..32");
      const bits = R.bytes(len);
      if (bits[len - 1] === 0) throw wireError("type bitmap window has trailing zero octets");
      W.u8(win);
      W.u8(len);
      W.bytes(bits);
      last = win;
    }
  },
  format() {
    const names: string[] = [];
    while (R.more()) {
      const win = R.u8();
      const len = R.u8();
      const bits = R.bytes(len);
      for (let i = 0; i < len; i++) {
        for (let b = 0; b < 8; b++) if (bits[i] & (0x80 >> b)) names.push(typeToText(win * 256 + i * 8 + b));
      }
    }
    return names.join(" ");
  },
};

export function writeBitmap(types: number[]): void {
  types.sort((a, b) => a - b);
  let i = 0;
  while (i < types.length) {
    const win = types[i] >> 8;
    const bits = new Uint8Array(32);
    let max = 0;
    while (i < types.length && types[i] >> 8 === win) {
      const lo = types[i] & 0xff;
      bits[lo >> 3] |= 0x80 >> (lo & 7);
      if ((lo >> 3) + 1 > max) max = (lo >> 3) + 1;
      i++;
    }
    W.u8(win);
    W.u8(max);
    W.bytes(bits, 0, max);
  }
}

// ---------------------------------------------------------------- EUI / ILNP

/** EUI-48/EUI-64 as hyphen-separated hex pairs (RFC 7043 §3.2, §4.2). */
export function euiField(octets: 6 | 8): Field {
  return {
    parse(c) {
      const tok = c.take("address");
      const t = tok.text;
      if (t.length !== octets * 3 - 1)
        c.fail(D.BAD_RDATA, `EUI-${octets * 8} must be ${octets} hyphen-separated hex pairs`);
      HEX.begin();
      for (let i = 0; i < octets; i++) {
        if (i > 0 && t.charCodeAt(i * 3 - 1) !== 0x2d)
          c.fail(D.BAD_RDATA, `EUI-${octets * 8} pairs are separated by "-"`);
        HEX.feed(t.substr(i * 3, 2), c.at());
      }
    },
    check() {
      W.bytes(R.bytes(octets));
    },
    format() {
      const d = R.bytes(octets);
      const parts: string[] = [];
      for (let i = 0; i < octets; i++) parts.push(encodeHex(d.subarray(i, i + 1)).toLowerCase());
      return parts.join("-");
    },
  };
}

/** 64-bit ILNP locator/node id as four colon-separated groups of four hex digits (RFC 6742 §2.3). */
export const ILNP64: Field = {
  parse(c) {
    const tok = c.take("locator");
    const parts = tok.text.split(":");
    if (parts.length !== 4) c.fail(D.BAD_RDATA, "expected four colon-separated groups of four hex digits");
    for (const p of parts) {
      if (!/^[0-9a-fA-F]{4}$/.test(p)) c.fail(D.BAD_RDATA, `bad group "${p}" (four hex digits)`);
      W.u16(parseInt(p, 16));
    }
  },
  check() {
    W.bytes(R.bytes(8));
  },
  format() {
    const g: string[] = [];
    for (let i = 0; i < 4; i++) g.push(R.u16().toString(16).padStart(4, "0"));
    return g.join(":");
  },
};

/** Run a text-side helper with the shared cursor (for codecs written by hand). */
export const cursor = C;
