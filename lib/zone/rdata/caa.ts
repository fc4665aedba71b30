/**
 * CAA (RFC 8659 §4.1): Flags u8, Tag (length-prefixed, 1..15 ASCII letters
 * and digits by §4.1.1; we accept up to 255), Value (rest of the RDATA).
 * Presentation: flags tag "value".
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { R, W, wireError } from "./core";
import type { Codec } from "./codec";
import { STRING_REST, parseNumber } from "./fields";

const VALUE = STRING_REST("value", false);

function isAlnum(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a);
}

export const CAA: Codec = {
  lower: false,
  parse(c) {
    W.u8(parseNumber(c.take("flags"), c.at(), 255, "flags"));
    const tag = c.take("tag").text;
    // RFC 8659 §4.1.1 wants 1..15 characters; an empty tag is kept (Knot loads it) so nothing vanishes.
    if (tag.length > 255) c.fail(D.BAD_RDATA, "CAA tag longer than 255 characters");
    W.u8(tag.length);
    for (let i = 0; i < tag.length; i++) {
      const ch = tag.charCodeAt(i);
      if (!isAlnum(ch)) c.fail(D.BAD_RDATA, `CAA tag "${tag}" may only contain letters and digits`);
      W.u8(ch);
    }
    VALUE.parse(c);
  },
  check() {
    W.u8(R.u8());
    const len = R.u8();
    const tag = R.bytes(len);
    for (let i = 0; i < len; i++) if (!isAlnum(tag[i])) throw wireError("CAA tag has a non-alphanumeric octet");
    W.u8(len);
    W.bytes(tag);
    VALUE.check();
  },
  format() {
    const flags = R.u8();
    const tag = R.bytes(R.u8());
    for (let i = 0; i < tag.length; i++) if (!isAlnum(tag[i])) throw wireError("bad CAA tag");
    return `${flags} ${String.fromCharCode(...tag)} ${VALUE.format()}`;
  },
};
