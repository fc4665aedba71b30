/**
 * Query encoding (RFC 1035 §4.1, EDNS per RFC 6891).
 *
 * Names are already wire bytes (lib/zone/name.ts); dns-packet's name codec
 * takes dotted text and re-encodes labels as UTF-8, which cannot express
 * escaped or binary labels, so the handful of header bytes is written here.
 */

export interface QueryOptions {
  id: number;
  name: Uint8Array;
  type: number;
  class?: number;
  /** RFC 6891 OPT with this UDP payload size; null = no EDNS. */
  ednsUdpSize?: number | null;
  /** RFC 3225 DNSSEC OK bit. */
  dnssecOk?: boolean;
}

/** Encode a query with RD=0 (we only ask authoritative servers, RFC 1034 §4.3.1). */
export function encodeQuery(q: QueryOptions): Uint8Array {
  const edns = q.ednsUdpSize === undefined ? 1232 : q.ednsUdpSize;
  const size = 12 + q.name.length + 4 + (edns === null ? 0 : 11);
  const buf = new Uint8Array(size);
  buf[0] = (q.id >> 8) & 0xff;
  buf[1] = q.id & 0xff;
  // flags: QR=0 OPCODE=0 AA=0 TC=0 RD=0
  buf[5] = 1; // QDCOUNT
  buf[11] = edns === null ? 0 : 1; // ARCOUNT
  buf.set(q.name, 12);
  let p = 12 + q.name.length;
  buf[p++] = q.type >> 8;
  buf[p++] = q.type & 0xff;
  const cls = q.class ?? 1;
  buf[p++] = cls >> 8;
  buf[p++] = cls & 0xff;
  if (edns !== null) {
    p++; // owner: root
    buf[p++] = 0;
    buf[p++] = 41; // OPT
    buf[p++] = (edns >> 8) & 0xff; // CLASS = UDP payload size
    buf[p++] = edns & 0xff;
    // TTL = extended rcode 0, version 0, DO flag
    p += 2;
    buf[p++] = q.dnssecOk ? 0x80 : 0;
    p++;
    // RDLENGTH 0
  }
  return buf;
}
