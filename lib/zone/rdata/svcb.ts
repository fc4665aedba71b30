/**
 * SVCB and HTTPS (RFC 9460). RDATA: SvcPriority u16, TargetName (wire name,
 * never compressed nor lowercased: not in the RFC 4034 §6.2 list), then
 * SvcParams as key u16, length u16, value — keys strictly increasing (§2.2).
 *
 * Presentation (§2.1, Appendix A): key[=value] words; a value is a
 * character-string (\DDD and \X escapes, may be quoted); list-valued keys
 * split on commas, where "\," and "\\" escape inside an item (value-list,
 * Appendix A.1).
 *
 * Keys (IANA "Service Parameter Keys"): 0 mandatory, 1 alpn, 2
 * no-default-alpn, 3 port, 4 ipv4hint, 5 ech, 6 ipv6hint (RFC 9460 §7),
 * 7 dohpath (RFC 9461 §5), 8 ohttp (RFC 9540 §4), 9 tls-supported-groups,
 * 10 docpath, 11 pvd, 12 oots; any other as keyNNNNN with opaque octets.
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { nameToText } from "../name";
import { R, W, RdataError, wireError, type TextCursor } from "./core";
import type { Codec } from "./codec";
import { decodeBase64, encodeBase64 } from "./encoding";
import { parseNameInto, parseNumber, quoteBytes, unescapeBytes } from "./fields";
import { formatIPv4, formatIPv6, parseIPv4Into, parseIPv6Into } from "./ip";

const KEY_NAMES = [
  "mandatory",
  "alpn",
  "no-default-alpn",
  "port",
  "ipv4hint",
  "ech",
  "ipv6hint",
  "dohpath",
  "ohttp",
  "tls-supported-groups",
  "docpath",
  "pvd",
  "oots",
];
const MANDATORY = 0,
  ALPN = 1,
  NO_DEFAULT_ALPN = 2,
  PORT = 3,
  IPV4HINT = 4,
  ECH = 5,
  IPV6HINT = 6;
const DOHPATH = 7,
  OHTTP = 8,
  TLS_GROUPS = 9,
  DOCPATH = 10,
  PVD = 11,
  OOTS = 12;
/** Keys whose presentation and wire values MUST be empty. */
const FLAG_KEYS = new Set([NO_DEFAULT_ALPN, OHTTP, PVD]);

/** Keys are case-sensitive lowercase in presentation (RFC 9460 Appendix A: "PORT" is not a key). */
function keyFromText(text: string): number {
  const t = text;
  const i = KEY_NAMES.indexOf(t);
  if (i >= 0) return i;
  // Draft name of "ech", still accepted by NSD and BIND zone files.
  if (t === "echconfig") return ECH;
  const m = /^key(\d{1,5})$/.exec(t);
  if (m) {
    const n = Number(m[1]);
    // 65535 is IANA's reserved "Invalid key" (RFC 9460 §14.3.2) but loads as opaque data, like Knot.
    if (n <= 65535) return n;
  }
  return -1;
}

export function svcKeyToText(key: number): string {
  return key < KEY_NAMES.length ? KEY_NAMES[key] : `key${key}`;
}

/** Split a value on unescaped commas; "\," and "\\" are kept literally inside items (Appendix A.1). */
function splitList(v: Uint8Array): Uint8Array[] {
  const items: Uint8Array[] = [];
  let cur: number[] = [];
  for (let i = 0; i < v.length; i++) {
    const c = v[i];
    if (c === 0x5c) {
      // Only "\," and "\\" are escapes inside an item (Appendix A.1); Knot rejects anything else.
      const nx = v[i + 1];
      if (nx !== 0x2c && nx !== 0x5c) throw bad('a backslash inside a list may only escape "," or "\\"');
      cur.push(nx);
      i++;
    } else if (c === 0x2c) {
      items.push(Uint8Array.from(cur));
      cur = [];
    } else cur.push(c);
  }
  items.push(Uint8Array.from(cur));
  return items;
}

const latin1 = (b: Uint8Array) => String.fromCharCode(...b);

class ParamError extends Error {
  constructor(
    readonly code: (typeof D)[keyof typeof D],
    message: string,
  ) {
    super(message);
  }
}
const bad = (m: string) => new ParamError(D.BAD_RDATA, m);
const sem = (m: string) => new ParamError(D.BAD_SVC_PARAM, m);

/** Presentation value (octets after unescaping, or null when absent) -> wire value. */
function encodeValue(key: number, value: Uint8Array | null): Uint8Array {
  const name = svcKeyToText(key);
  if (FLAG_KEYS.has(key)) {
    if (value) throw sem(`${name} takes no value (not even "${name}=")`);
    return new Uint8Array(0);
  }
  // "ech" alone is accepted (NSD/simdzone), "ech=" with nothing after it is not (Knot).
  if (key === ECH && value && value.length === 0) throw sem('ech= needs a value; write "ech" alone for an empty one');
  if (value === null && key <= TLS_GROUPS && key !== ECH) throw sem(`${name} needs a value`);
  const v = value ?? new Uint8Array(0);
  const out: number[] = [];
  switch (key) {
    case MANDATORY: {
      const keys = splitList(v).map((b) => keyFromText(latin1(b)));
      for (const k of keys) {
        if (k < 0) throw sem("mandatory lists an unknown key");
        if (k === MANDATORY) throw sem("mandatory must not list itself (RFC 9460 §8)");
      }
      keys.sort((a, b) => a - b);
      for (let i = 0; i < keys.length; i++) {
        if (i > 0 && keys[i] === keys[i - 1]) throw sem("mandatory lists a key twice");
        out.push(keys[i] >> 8, keys[i] & 0xff);
      }
      break;
    }
    case ALPN: {
      for (const id of splitList(v)) {
        if (id.length === 0 || id.length > 255) throw bad("alpn ids must be 1..255 octets");
        out.push(id.length, ...id);
      }
      break;
    }
    case PORT: {
      const t = latin1(v);
      if (!/^\d+$/.test(t)) throw bad(`port "${t}" is not a number`);
      const p = Number(t);
      if (p > 65535) throw new ParamError(D.NUMBER_OVERFLOW, `port ${t} is larger than 65535`);
      out.push(p >> 8, p & 0xff);
      break;
    }
    case IPV4HINT:
    case IPV6HINT: {
      const size = key === IPV4HINT ? 4 : 16;
      const buf = new Uint8Array(size);
      for (const item of splitList(v)) {
        const t = latin1(item);
        const ok = size === 4 ? parseIPv4Into(t, 0, t.length, buf, 0) : parseIPv6Into(t, 0, t.length, buf, 0);
        if (!ok) throw bad(`bad address "${t}" in ${name}`);
        out.push(...buf);
      }
      break;
    }
    case ECH: {
      const mark = W.pos;
      decodeBase64(latin1(v), -1);
      out.push(...W.buf.subarray(mark, W.pos));
      W.pos = mark;
      break;
    }
    case DOHPATH:
      if (v.length === 0) throw sem("dohpath needs a URI template (RFC 9461 §5)");
      out.push(...v);
      break;
    case TLS_GROUPS: {
      const seen = new Set<number>();
      for (const item of splitList(v)) {
        const t = latin1(item);
        if (!/^\d+$/.test(t) || Number(t) > 65535) throw bad(`bad group "${t}" in tls-supported-groups`);
        const g = Number(t);
        if (seen.has(g)) throw sem(`tls-supported-groups lists ${g} twice`);
        seen.add(g);
        out.push(g >> 8, g & 0xff);
      }
      break;
    }
    case DOCPATH:
      // Path segments, each length-prefixed; an empty value is the root path.
      if (v.length) {
        for (const seg of splitList(v)) {
          if (seg.length > 255) throw bad("docpath segment longer than 255 octets");
          out.push(seg.length, ...seg);
        }
      }
      break;
    case OOTS: {
      // "proto:percent" pairs; encoded as length-prefixed protocol + percent octet.
      const seen = new Set<string>();
      for (const item of splitList(v)) {
        const m = /^([^:]+):(\d{1,3})$/.exec(latin1(item));
        if (!m || Number(m[2]) > 100) throw bad(`bad oots item "${latin1(item)}" (protocol:percent)`);
        if (seen.has(m[1])) throw sem(`oots lists ${m[1]} twice`);
        seen.add(m[1]);
        out.push(m[1].length, ...item.subarray(0, m[1].length), Number(m[2]));
      }
      break;
    }
    default:
      out.push(...v);
  }
  return Uint8Array.from(out);
}

/** Validate a wire value for its key (RFC 9460 §2.2: a malformed value makes the RR malformed). */
function checkValue(key: number, v: Uint8Array): void {
  const name = svcKeyToText(key);
  const fail = (m: string) => {
    throw wireError(`${name}: ${m}`);
  };
  if (FLAG_KEYS.has(key)) {
    if (v.length) fail("value must be empty");
    return;
  }
  switch (key) {
    case MANDATORY:
      if (v.length === 0 || v.length % 2) fail("bad length");
      for (let i = 0; i < v.length; i += 2) {
        const k = (v[i] << 8) | v[i + 1];
        if (k === MANDATORY) fail("lists itself");
        if (i > 0 && k <= ((v[i - 2] << 8) | v[i - 1])) fail("keys not strictly increasing");
      }
      break;
    case ALPN:
    case DOCPATH: {
      if (key === ALPN && v.length === 0) fail("empty");
      let i = 0;
      while (i < v.length) {
        if (key === ALPN && v[i] === 0) fail("empty alpn id");
        i += v[i] + 1;
      }
      if (i !== v.length) fail("items do not fill the value");
      break;
    }
    case PORT:
      if (v.length !== 2) fail("must be 2 octets");
      break;
    case IPV4HINT:
      if (v.length === 0 || v.length % 4) fail("bad length");
      break;
    case IPV6HINT:
      if (v.length === 0 || v.length % 16) fail("bad length");
      break;
    case TLS_GROUPS: {
      if (v.length === 0 || v.length % 2) fail("bad length");
      const seen = new Set<number>();
      for (let i = 0; i < v.length; i += 2) {
        const g = (v[i] << 8) | v[i + 1];
        if (seen.has(g)) fail("duplicate group");
        seen.add(g);
      }
      break;
    }
    case OOTS: {
      let i = 0;
      while (i < v.length) {
        const n = v[i];
        if (n === 0 || i + n + 2 > v.length || v[i + n + 1] > 100) fail("malformed");
        i += n + 2;
      }
      break;
    }
  }
}

/**
 * Cross-parameter rules (RFC 9460 §7.1.1, §8). Zone-file implementations
 * SHOULD enforce self-consistency (§2.4.3), so the self-consistency rules
 * reject. `params` sorted by key.
 */
function checkSemantics(keys: number[], mandatory: Uint8Array | undefined): void {
  const has = (k: number) => keys.includes(k);
  // §7.1.1: no-default-alpn needs alpn for the RR to be self-consistent — for SVCB as for HTTPS
  // (BIND rejects both; Knot loads the SVCB case: knot.test.ts exclusion, quirks.md §svcb).
  if (has(NO_DEFAULT_ALPN) && !has(ALPN)) throw sem("no-default-alpn requires alpn (RFC 9460 §7.1.1, §2.4.3)");
  if (mandatory) {
    for (let i = 0; i < mandatory.length; i += 2) {
      const k = (mandatory[i] << 8) | mandatory[i + 1];
      if (!has(k)) throw sem(`mandatory lists ${svcKeyToText(k)}, which is not present (RFC 9460 §8)`);
      // Listing an automatically mandatory key (HTTPS: port, no-default-alpn, RFC 9460 §9) is only a
      // SHOULD NOT (§8): accepted like BIND and Knot (NSD rejects; quirks.md §svcb).
    }
  }
}

function parseParams(c: TextCursor): { key: number; value: Uint8Array; token: number }[] {
  const params: { key: number; value: Uint8Array; token: number }[] = [];
  while (c.more()) {
    const tok = c.take("SvcParam");
    const index = c.at();
    if (tok.quoted) c.fail(D.BAD_RDATA, `a SvcParam starts with a key, got a quoted string`);
    const t = tok.text;
    const eq = t.indexOf("=");
    const keyText = eq < 0 ? t : t.slice(0, eq);
    const key = keyFromText(keyText);
    // "keyNNNNN" spells any key generically: its value is the opaque wire value (as Knot reads it).
    const generic = keyText.startsWith("key");
    if (key < 0) c.fail(D.BAD_RDATA, `unknown SvcParamKey "${keyText}"`);
    let raw: string | null = null;
    if (eq >= 0) {
      raw = t.slice(eq + 1);
      const next = c.peek();
      if (raw === "" && next && next.quoted && next.line === tok.line && next.column === tok.column + t.length) {
        // key="value": the lexer split the quoted part into its own token.
        raw = next.text;
        c.i++;
      } else if (raw.length >= 2 && raw.startsWith('"') && raw.endsWith('"')) {
        raw = raw.slice(1, -1);
      }
    }
    try {
      const octets = raw === null ? null : unescapeBytes(raw, index);
      const value = generic ? (octets ?? new Uint8Array(0)) : encodeValue(key, octets);
      if (generic) {
        try {
          checkValue(key, value);
        } catch (e) {
          if (e instanceof RdataError) throw new ParamError(D.BAD_SVC_PARAM, e.message);
          throw e;
        }
      }
      if (value.length > 65535) c.fail(D.RDATA_TOO_LONG, "SvcParam value longer than 65535 octets", index);
      params.push({ key, value, token: index });
    } catch (e) {
      if (e instanceof ParamError) throw new RdataError(e.code, e.message, index);
      if (e instanceof RdataError) throw new RdataError(e.code, e.message, index);
      throw e;
    }
  }
  return params;
}

/** SVCB and HTTPS share syntax and rules (RFC 9460 §9: HTTPS differs only in its protocol mapping). */
function svcbCodec(): Codec {
  return {
    lower: false,
    parse(c) {
      W.u16(parseNumber(c.take("priority"), c.at(), 0xffff, "priority"));
      parseNameInto(c, "target name", false);
      const params = parseParams(c);
      params.sort((a, b) => a.key - b.key);
      for (let i = 1; i < params.length; i++) {
        if (params[i].key === params[i - 1].key) {
          c.fail(D.BAD_SVC_PARAM, `SvcParamKey ${svcKeyToText(params[i].key)} appears twice`, params[i].token);
        }
      }
      try {
        checkSemantics(
          params.map((p) => p.key),
          params.find((p) => p.key === MANDATORY)?.value,
        );
      } catch (e) {
        if (e instanceof ParamError) c.fail(e.code, e.message, c.start);
        throw e;
      }
      for (const p of params) {
        W.u16(p.key);
        W.u16(p.value.length);
        W.bytes(p.value);
      }
    },
    check() {
      W.u16(R.u16());
      const end = R.nameEnd();
      W.name(R.data, R.pos, end, false);
      R.pos = end;
      const keys: number[] = [];
      let mandatory: Uint8Array | undefined;
      while (R.more()) {
        const key = R.u16();
        const len = R.u16();
        const v = R.bytes(len);
        if (keys.length && key <= keys[keys.length - 1])
          throw wireError("SvcParamKeys not in strictly increasing order");
        checkValue(key, v);
        if (key === MANDATORY) mandatory = v;
        keys.push(key);
        W.u16(key);
        W.u16(len);
        W.bytes(v);
      }
      try {
        checkSemantics(keys, mandatory);
      } catch (e) {
        if (e instanceof ParamError) throw wireError(e.message);
        throw e;
      }
    },
    format() {
      const prio = R.u16();
      const end = R.nameEnd();
      let s = `${prio} ${nameToText(R.data, R.pos)}`;
      R.pos = end;
      while (R.more()) {
        const key = R.u16();
        const v = R.bytes(R.u16());
        checkValue(key, v);
        s += " " + formatParam(key, v);
      }
      return s;
    },
  };
}

/** Item of a value-list with "," and "\" escaped (Appendix A.1), as octets. */
function listEscape(items: Uint8Array[]): Uint8Array {
  const out: number[] = [];
  items.forEach((it, i) => {
    if (i) out.push(0x2c);
    for (const b of it) {
      if (b === 0x2c || b === 0x5c) out.push(0x5c);
      out.push(b);
    }
  });
  return Uint8Array.from(out);
}

function lengthPrefixed(v: Uint8Array): Uint8Array[] {
  const items: Uint8Array[] = [];
  let i = 0;
  while (i < v.length) {
    items.push(v.subarray(i + 1, i + 1 + v[i]));
    i += v[i] + 1;
  }
  return items;
}

function formatParam(key: number, v: Uint8Array): string {
  const name = svcKeyToText(key);
  const list = (step: number, f: (at: number) => string) => {
    const parts: string[] = [];
    for (let i = 0; i < v.length; i += step) parts.push(f(i));
    return parts.join(",");
  };
  switch (key) {
    case MANDATORY:
      return `${name}=${list(2, (i) => svcKeyToText((v[i] << 8) | v[i + 1]))}`;
    case ALPN:
    case DOCPATH: {
      if (v.length === 0) return name;
      const e = listEscape(lengthPrefixed(v));
      return `${name}=${quoteBytes(e, 0, e.length)}`;
    }
    case NO_DEFAULT_ALPN:
    case OHTTP:
    case PVD:
      return name;
    case PORT:
      return `${name}=${(v[0] << 8) | v[1]}`;
    case IPV4HINT:
      return `${name}=${list(4, (i) => formatIPv4(v, i))}`;
    case IPV6HINT:
      return `${name}=${list(16, (i) => formatIPv6(v, i))}`;
    case ECH:
      return v.length ? `${name}=${encodeBase64(v)}` : name;
    case TLS_GROUPS:
      return `${name}=${list(2, (i) => String((v[i] << 8) | v[i + 1]))}`;
    case DOHPATH:
      // An empty dohpath only loads in generic spelling ("key7"), so print it that way.
      return v.length ? `${name}=${quoteBytes(v, 0, v.length)}` : `key${key}`;
    case OOTS: {
      const parts: string[] = [];
      let i = 0;
      while (i < v.length) {
        const n = v[i];
        parts.push(`${latin1(v.subarray(i + 1, i + 1 + n))}:${v[i + n + 1]}`);
        i += n + 2;
      }
      const e = listEscape(parts.map((p) => Uint8Array.from(p, (ch) => ch.charCodeAt(0))));
      return `${name}=${quoteBytes(e, 0, e.length)}`;
    }
    default:
      return v.length ? `${name}=${quoteBytes(v, 0, v.length)}` : name;
  }
}

export const SVCB = svcbCodec();
export const HTTPS = svcbCodec();
