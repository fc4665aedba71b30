/**
 * PowerDNS provider-only types (private-use numbers, see rrtype.ts):
 * LUA = 65402: "TYPE \"lua snippet\"", stored as the 2-octet type followed
 * by the snippet's octets (no length prefix; snippets may exceed 255).
 * ALIAS = 65401 is a single name and lives in the registry.
 */
import { R, W } from "./core";
import type { Codec } from "./codec";
import { TYPE_FIELD, quoteBytes, unescapeInto } from "./fields";

export const LUA: Codec = {
  lower: false,
  parse(c) {
    TYPE_FIELD.parse(c);
    // The snippet is normally one quoted string; bare words are joined by single spaces.
    let first = true;
    do {
      const tok = c.take("LUA snippet");
      if (!first) W.u8(0x20);
      unescapeInto(tok.text, c.at());
      first = false;
    } while (c.more());
  },
  check() {
    W.u16(R.u16());
    W.bytes(R.rest());
  },
  format() {
    const t = TYPE_FIELD.format();
    const d = R.rest();
    return `${t} ${quoteBytes(d, 0, d.length)}`;
  },
};
