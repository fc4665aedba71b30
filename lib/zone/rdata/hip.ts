/**
 * HIP (RFC 8005 §5). Wire: HIT length u8, PK algorithm u8, PK length u16,
 * HIT, Public Key, Rendezvous Servers (wire names, case kept).
 * Presentation: algorithm HIT(hex) public-key(base64) [rendezvous ...].
 */
import { DIAGNOSTIC_CODES as D } from "../diagnostics";
import { nameToText } from "../name";
import { R, W, wireError } from "./core";
import type { Codec } from "./codec";
import { HEX, decodeBase64, encodeBase64, encodeHex } from "./encoding";
import { parseNameInto, parseNumber } from "./fields";

export const HIP: Codec = {
  lower: false,
  parse(c) {
    const hitLenAt = W.skip(1);
    W.u8(parseNumber(c.take("PK algorithm"), c.at(), 255, "PK algorithm"));
    const pkLenAt = W.skip(2);
    HEX.begin();
    HEX.feed(c.take("HIT").text, c.at());
    HEX.finish();
    const hitLen = W.pos - pkLenAt - 2;
    if (hitLen === 0 || hitLen > 255) c.fail(D.BAD_RDATA, "HIT must be 1..255 octets");
    const pkStart = W.pos;
    decodeBase64(c.take("public key").text, c.at());
    const pkLen = W.pos - pkStart;
    if (pkLen === 0) c.fail(D.BAD_RDATA, "empty public key");
    W.buf[hitLenAt] = hitLen;
    W.buf[pkLenAt] = pkLen >> 8;
    W.buf[pkLenAt + 1] = pkLen & 0xff;
    while (c.more()) parseNameInto(c, "rendezvous server", false);
  },
  check() {
    const hitLen = R.u8();
    const alg = R.u8();
    const pkLen = R.u16();
    if (hitLen === 0 || pkLen === 0) throw wireError("empty HIT or public key");
    W.u8(hitLen);
    W.u8(alg);
    W.u16(pkLen);
    W.bytes(R.bytes(hitLen + pkLen));
    while (R.more()) {
      const end = R.nameEnd();
      W.name(R.data, R.pos, end, false);
      R.pos = end;
    }
  },
  format() {
    const hitLen = R.u8();
    const alg = R.u8();
    const pkLen = R.u16();
    const parts = [String(alg), encodeHex(R.bytes(hitLen)), encodeBase64(R.bytes(pkLen))];
    while (R.more()) {
      const end = R.nameEnd();
      parts.push(nameToText(R.data, R.pos));
      R.pos = end;
    }
    return parts.join(" ");
  },
};
