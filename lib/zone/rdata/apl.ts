/**
 * APL (RFC 3123). Presentation (§5): zero or more "[!]afi:address/prefix".
 * Wire (§4): ADDRESSFAMILY u16, PREFIX u8, N|AFDLENGTH u8, AFDPART with
 * trailing zero octets removed (§4.1: senders MUST strip them).
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { R, W, wireError } from "./core";
import type { Codec } from "./codec";
import { parseIPv4Into, parseIPv6Into, formatIPv4, formatIPv6 } from "./ip";

const addr = new Uint8Array(16);

export const APL: Codec = {
  lower: false,
  parse(c) {
    while (c.more()) {
      const tok = c.take("APL item");
      const m = /^(!?)(\d+):([^/]+)\/(\d+)$/.exec(tok.text);
      if (!m || tok.quoted) return c.fail(D.BAD_RDATA, `bad APL item "${tok.text}" (expected [!]afi:address/prefix)`);
      const afi = Number(m[2]);
      const prefix = Number(m[4]);
      let size: number;
      if (afi === 1) {
        size = 4;
        if (!parseIPv4Into(m[3], 0, m[3].length, addr, 0)) c.fail(D.BAD_RDATA, `bad IPv4 address in "${tok.text}"`);
      } else if (afi === 2) {
        size = 16;
        if (!parseIPv6Into(m[3], 0, m[3].length, addr, 0)) c.fail(D.BAD_RDATA, `bad IPv6 address in "${tok.text}"`);
      } else {
        return c.fail(D.BAD_RDATA, `APL address family ${m[2]} is not 1 (IPv4) or 2 (IPv6)`);
      }
      if (prefix > size * 8) c.fail(D.BAD_RDATA, `APL prefix /${prefix} too long for the address family`);
      let len = size;
      while (len > 0 && addr[len - 1] === 0) len--;
      W.u16(afi);
      W.u8(prefix);
      W.u8((m[1] ? 0x80 : 0) | len);
      W.bytes(addr, 0, len);
    }
  },
  check() {
    while (R.more()) {
      const afi = R.u16();
      const prefix = R.u8();
      const nlen = R.u8();
      const len = nlen & 0x7f;
      const size = afi === 1 ? 4 : afi === 2 ? 16 : -1;
      if (size > 0 && (len > size || prefix > size * 8))
        throw wireError("APL item longer than its address family allows");
      W.u16(afi);
      W.u8(prefix);
      W.u8(nlen);
      W.bytes(R.bytes(len));
    }
  },
  format() {
    const items: string[] = [];
    while (R.more()) {
      const afi = R.u16();
      const prefix = R.u8();
      const nlen = R.u8();
      const len = nlen & 0x7f;
      const part = R.bytes(len);
      const size = afi === 1 ? 4 : afi === 2 ? 16 : -1;
      if (size < 0) throw wireError(`APL address family ${afi} has no presentation format`);
      if (len > size) throw wireError("APL address too long");
      addr.fill(0);
      addr.set(part);
      const text = afi === 1 ? formatIPv4(addr, 0) : formatIPv6(addr, 0);
      items.push(`${nlen & 0x80 ? "!" : ""}${afi}:${text}/${prefix}`);
    }
    return items.join(" ");
  },
};
