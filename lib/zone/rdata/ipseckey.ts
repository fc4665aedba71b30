/**
 * IPSECKEY (RFC 4025 §2-3) and AMTRELAY (RFC 8777 §4-5): both carry a
 * gateway/relay whose form depends on a type octet:
 *   0 = none (presentation "."), 1 = IPv4, 2 = IPv6, 3 = wire domain name
 * (uncompressed, case kept: neither type is in the RFC 4034 §6.2 list).
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { nameToText } from "../name";
import { R, W, wireError, type TextCursor } from "./core";
import type { Codec } from "./codec";
import { IPV4, IPV6, base64Field, parseNameInto, parseNumber } from "./fields";

function parseGateway(c: TextCursor, type: number): void {
  if (type === 0) {
    const tok = c.take("gateway");
    if (tok.text !== ".") c.fail(D.BAD_RDATA, 'gateway type 0 needs "." as gateway');
  } else if (type === 1) IPV4.parse(c);
  else if (type === 2) IPV6.parse(c);
  else parseNameInto(c, "gateway", false);
}

function checkGateway(type: number): void {
  if (type === 1) IPV4.check();
  else if (type === 2) IPV6.check();
  else if (type === 3) {
    const end = R.nameEnd();
    W.name(R.data, R.pos, end, false);
    R.pos = end;
  }
}

function formatGateway(type: number): string {
  if (type === 0) return ".";
  if (type === 1) return IPV4.format();
  if (type === 2) return IPV6.format();
  const end = R.nameEnd();
  const s = nameToText(R.data, R.pos);
  R.pos = end;
  return s;
}

const KEY = base64Field("public key", false);

export const IPSECKEY: Codec = {
  lower: false,
  parse(c) {
    W.u8(parseNumber(c.take("precedence"), c.at(), 255, "precedence"));
    const type = parseNumber(c.take("gateway type"), c.at(), 255, "gateway type");
    if (type > 3) c.fail(D.BAD_RDATA, `gateway type ${type} is not 0..3`);
    W.u8(type);
    const alg = parseNumber(c.take("algorithm"), c.at(), 255, "algorithm");
    W.u8(alg);
    parseGateway(c, type);
    // RFC 4025 §2.4: algorithm 0 = no key present.
    if (alg === 0 && c.more()) c.fail(D.BAD_RDATA, "algorithm 0 means no public key, but one is given", c.i);
    KEY.parse(c);
  },
  check() {
    W.u8(R.u8());
    const type = R.u8();
    if (type > 3) throw wireError(`gateway type ${type} is not 0..3`);
    W.u8(type);
    W.u8(R.u8());
    checkGateway(type);
    KEY.check();
  },
  format() {
    const prec = R.u8();
    const type = R.u8();
    const alg = R.u8();
    if (type > 3) throw wireError("unknown gateway type");
    const gw = formatGateway(type);
    const key = KEY.format();
    return `${prec} ${type} ${alg} ${gw}${key ? " " + key : ""}`;
  },
};

export const AMTRELAY: Codec = {
  lower: false,
  parse(c) {
    W.u8(parseNumber(c.take("precedence"), c.at(), 255, "precedence"));
    const d = parseNumber(c.take("discovery optional"), c.at(), 1, "discovery optional (D-bit)");
    const type = parseNumber(c.take("relay type"), c.at(), 127, "relay type");
    if (type > 3) c.fail(D.BAD_RDATA, `relay type ${type} is not 0..3`);
    W.u8((d << 7) | type);
    // RFC 8777 §5: type 0 has no relay field; "." is written in its place.
    parseGateway(c, type);
  },
  check() {
    W.u8(R.u8());
    const dt = R.u8();
    const type = dt & 0x7f;
    if (type > 3) throw wireError(`relay type ${type} is not 0..3`);
    W.u8(dt);
    checkGateway(type);
  },
  format() {
    const prec = R.u8();
    const dt = R.u8();
    const type = dt & 0x7f;
    if (type > 3) throw wireError("unknown relay type");
    return `${prec} ${dt >> 7} ${type} ${formatGateway(type)}`;
  },
};
