/**
 * Older types with their own presentation rules: WKS (RFC 1035 §3.4.2),
 * NSAP (RFC 1706 §5), GPOS (RFC 1712 §3), NXT (RFC 2535 §5.2, obsoleted by
 * NSEC) and A6 (RFC 2874 §3.1, historic per RFC 6563).
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { nameToText } from "../name";
import { typeFromText, typeToText } from "../rrtype";
import { R, W, wireError } from "./core";
import type { Codec } from "./codec";
import { HEX, encodeHex } from "./encoding";
import { CSTRING, IPV4, nameField, parseNumber } from "./fields";
import { formatIPv6, parseIPv6Into } from "./ip";

const PROTOCOLS: Record<string, number> = { tcp: 6, udp: 17 };
/** Well-known service names (IANA port registry) accepted in WKS bitmaps. */
const SERVICES: Record<string, number> = {
  tcpmux: 1,
  echo: 7,
  discard: 9,
  daytime: 13,
  "ftp-data": 20,
  ftp: 21,
  ssh: 22,
  telnet: 23,
  smtp: 25,
  time: 37,
  whois: 43,
  domain: 53,
  tftp: 69,
  gopher: 70,
  finger: 79,
  http: 80,
  www: 80,
  kerberos: 88,
  pop3: 110,
  sunrpc: 111,
  auth: 113,
  nntp: 119,
  ntp: 123,
  imap: 143,
  snmp: 161,
  bgp: 179,
  ldap: 389,
  https: 443,
  submission: 587,
  ldaps: 636,
  imaps: 993,
  pop3s: 995,
};

export const WKS: Codec = {
  lower: false,
  parse(c) {
    IPV4.parse(c);
    const ptok = c.take("protocol");
    const p = PROTOCOLS[ptok.text.toLowerCase()] ?? parseNumber(ptok, c.at(), 255, "protocol");
    W.u8(p);
    const bits = new Uint8Array(8192);
    let max = 0;
    while (c.more()) {
      const tok = c.take("service");
      const s = tok.text.toLowerCase();
      const port = SERVICES[s] ?? (/^\d+$/.test(s) ? parseNumber(tok, c.at(), 65535, "port") : -1);
      if (port < 0) c.fail(D.BAD_RDATA, `unknown service "${tok.text}"`);
      bits[port >> 3] |= 0x80 >> (port & 7);
      if ((port >> 3) + 1 > max) max = (port >> 3) + 1;
    }
    W.bytes(bits, 0, max);
  },
  check() {
    W.bytes(R.bytes(5));
    W.bytes(R.rest());
  },
  format() {
    const addr = IPV4.format();
    const proto = R.u8();
    const pname = proto === 6 ? "tcp" : proto === 17 ? "udp" : String(proto);
    const bits = R.rest();
    const ports: number[] = [];
    for (let i = 0; i < bits.length; i++) for (let b = 0; b < 8; b++) if (bits[i] & (0x80 >> b)) ports.push(i * 8 + b);
    return [addr, pname, ...ports].join(" ");
  },
};

export const NSAP: Codec = {
  lower: false,
  parse(c) {
    const tok = c.take("NSAP address");
    const t = tok.text;
    if (!/^0x/i.test(t)) c.fail(D.BAD_RDATA, 'NSAP address must start with "0x"');
    HEX.begin();
    HEX.feed(t.slice(2).replace(/\./g, ""), c.at());
    HEX.finish();
    if (t.length <= 2) c.fail(D.BAD_RDATA, "empty NSAP address");
  },
  check() {
    if (!R.more()) throw wireError("empty NSAP address");
    W.bytes(R.rest());
  },
  format() {
    return "0x" + encodeHex(R.rest()).toLowerCase();
  },
};

/** GPOS: three character-strings holding decimal degrees/metres (RFC 1712 §3). */
const GPOS_FIELD = CSTRING("coordinate");
const FLOAT = /^[+-]?(\d+\.?\d*|\.\d+)$/;
export const GPOS: Codec = {
  lower: false,
  parse(c) {
    for (let k = 0; k < 3; k++) {
      const tok = c.peek();
      if (tok && !FLOAT.test(tok.text)) c.fail(D.BAD_RDATA, `GPOS value "${tok.text}" is not a number`, c.i);
      GPOS_FIELD.parse(c);
    }
  },
  check() {
    for (let k = 0; k < 3; k++) GPOS_FIELD.check();
  },
  format() {
    return [GPOS_FIELD.format(), GPOS_FIELD.format(), GPOS_FIELD.format()].join(" ");
  },
};

/** NXT: next name (lowercased, RFC 4034 §6.2) + a bitmap of types 1..127 (RFC 2535 §5.2). */
const NXT_NAME = nameField("next domain name", true);
export const NXT: Codec = {
  lower: true,
  parse(c) {
    NXT_NAME.parse(c);
    const bits = new Uint8Array(16);
    let max = 0;
    while (c.more()) {
      const tok = c.take("type");
      const t = typeFromText(tok.text);
      if (t === undefined || t > 127) return c.fail(D.BAD_RDATA, `type "${tok.text}" cannot appear in an NXT bitmap`);
      bits[t >> 3] |= 0x80 >> (t & 7);
      if ((t >> 3) + 1 > max) max = (t >> 3) + 1;
    }
    W.bytes(bits, 0, max);
  },
  check() {
    NXT_NAME.check();
    W.bytes(R.rest());
  },
  format() {
    const next = NXT_NAME.format();
    const bits = R.rest();
    const types: string[] = [];
    for (let i = 0; i < bits.length; i++)
      for (let b = 0; b < 8; b++) if (bits[i] & (0x80 >> b)) types.push(typeToText(i * 8 + b));
    return [next, ...types].join(" ");
  },
};

/** A6: prefix length, address suffix (the low 128-plen bits), prefix name when plen > 0 (RFC 2874 §3.1). */
const addr = new Uint8Array(16);
export const A6: Codec = {
  lower: true,
  parse(c) {
    const plen = parseNumber(c.take("prefix length"), c.at(), 128, "prefix length");
    W.u8(plen);
    const skip = plen >> 3;
    if (plen < 128) {
      const tok = c.take("address suffix");
      if (!parseIPv6Into(tok.text, 0, tok.text.length, addr, 0)) c.fail(D.BAD_RDATA, `bad IPv6 address "${tok.text}"`);
      W.bytes(addr, skip, 16);
    }
    if (plen > 0) nameField("prefix name", true).parse(c);
  },
  check() {
    const plen = R.u8();
    if (plen > 128) throw wireError("A6 prefix length above 128");
    W.u8(plen);
    W.bytes(R.bytes(16 - (plen >> 3)));
    if (plen > 0) nameField("", true).check();
  },
  format() {
    const plen = R.u8();
    const parts = [String(plen)];
    if (plen < 128) {
      addr.fill(0);
      addr.set(R.bytes(16 - (plen >> 3)), plen >> 3);
      parts.push(formatIPv6(addr, 0));
    }
    if (plen > 0) {
      const end = R.nameEnd();
      parts.push(nameToText(R.data, R.pos));
      R.pos = end;
    }
    return parts.join(" ");
  },
};
