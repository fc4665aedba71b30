/**
 * Query encoding with dns-packet (RFC 1035 §4.1, EDNS per RFC 6891, DO per
 * RFC 3225): dns-packet writes the header, flags, question type/class and
 * the OPT pseudo-record.
 *
 * The question NAME is the one part dns-packet cannot write: its name codec
 * takes dotted text and writes labels as UTF-8, so a label holding a dot or
 * a byte ≥ 0x80 (legal in DNS, RFC 2181 §11) cannot be expressed. dns-packet
 * therefore encodes the message with the root name "." as a placeholder, and
 * the question's wire name (lib/zone/name.ts) replaces that single 0 byte.
 * The encoded template is cached per (type, class, EDNS size, DO): a query
 * is then three native copies, which matters at tens of thousands of queries/s.
 */
import dnsPacket from "dns-packet";

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

/** Offset of the question name in every query (right after the 12-byte header). */
const QNAME_AT = 12;

/**
 * An encoded query with the root name, split around that name: the header
 * (12 bytes) and everything after the root byte (type, class, OPT). A query
 * is then three native copies (head, name, tail) into the chunk.
 */
interface Template {
  head: Uint8Array;
  tail: Uint8Array;
}

const templates = new Map<string, Template>();

/** dns-packet takes types by mnemonic, and "UNKNOWN_<n>" for any number. */
const typeName = (t: number) => `UNKNOWN_${t}`;
/** Classes it knows by mnemonic only; any other class is written into the encoded bytes. */
const CLASSES: Record<number, string> = { 1: "IN", 2: "CS", 3: "CH", 4: "HS", 255: "ANY" };

/**
 * Templates of class IN with the default EDNS size (nearly every query) by
 * type and DO bit in a plain array: a run alternates types from one query to
 * the next, and a string key per query cost more than the copy itself.
 */
const COMMON_TYPES = 512; // covers every type the checks ask (CAA is 257)
const common: (Template | null)[] = new Array(2 * COMMON_TYPES).fill(null);

function template(type: number, cls: number, edns: number | null, dnssecOk: boolean): Template {
  const fast = cls === 1 && edns === 1232 && type < COMMON_TYPES;
  if (fast) {
    const t = common[type * 2 + (dnssecOk ? 1 : 0)];
    if (t) return t;
  }
  const key = `${type}/${cls}/${edns}/${dnssecOk ? 1 : 0}`;
  let t = templates.get(key);
  if (!t) {
    const packet: dnsPacket.Packet = {
      id: 0,
      type: "query",
      flags: 0, // RD=0: we only ask authoritative servers (RFC 1034 §4.3.1)
      questions: [
        {
          name: ".",
          type: typeName(type) as dnsPacket.RecordType,
          class: (CLASSES[cls] ?? "IN") as dnsPacket.RecordClass,
        },
      ],
      additionals:
        edns === null
          ? []
          : [
              {
                type: "OPT",
                name: ".",
                udpPayloadSize: edns,
                extendedRcode: 0,
                ednsVersion: 0,
                flags: dnssecOk ? dnsPacket.DNSSEC_OK : 0,
                flag_do: dnssecOk,
                options: [],
              } satisfies dnsPacket.OptAnswer,
            ],
    };
    const bytes = new Uint8Array(dnsPacket.encode(packet));
    // Guard the splice below: dns-packet must have put the root placeholder at QNAME_AT.
    if (bytes[QNAME_AT] !== 0) throw new Error("dns-packet query layout changed");
    bytes[QNAME_AT + 3] = cls >> 8;
    bytes[QNAME_AT + 4] = cls & 0xff;
    t = { head: bytes.subarray(0, QNAME_AT), tail: bytes.subarray(QNAME_AT + 1) };
    templates.set(key, t);
  }
  if (fast) common[type * 2 + (dnssecOk ? 1 : 0)] = t;
  return t;
}

/**
 * Queries are written into shared chunks rather than an ArrayBuffer each
 * (allocating and collecting one backing store per query was a large part
 * of its cost). A chunk is never written twice, so a query's bytes stay
 * intact while a socket may still hold them; a full chunk is left to the
 * queries that use it.
 */
const CHUNK = 32 * 1024;
/** Small, so the path taking a new chunk runs (and V8 records it) before encodeQuery is compiled. */
let chunk = new Uint8Array(1024);
let used = 0;

/** Encode a query with RD=0 and EDNS(0) UDP size 1232 unless told otherwise. */
export function encodeQuery(q: QueryOptions): Uint8Array {
  const edns = q.ednsUdpSize === undefined ? 1232 : q.ednsUdpSize;
  const t = template(q.type, q.class ?? 1, edns, q.dnssecOk ?? false);
  const name = q.name;
  const n = QNAME_AT + name.length + t.tail.length;
  if (used + n > chunk.length) {
    // A conditional, not Math.max: a property load this path first makes after the JIT compiled encodeQuery deoptimises it.
    chunk = new Uint8Array(n > CHUNK ? n : CHUNK);
    used = 0;
  }
  // Native copies of whole arrays (no view made per query): byte loops were as fast once compiled, but the
  // first few thousand queries of a run execute them in V8's interpreter at several µs per query.
  const out = chunk;
  const at = used;
  out.set(t.head, at);
  out.set(name, at + QNAME_AT);
  out.set(t.tail, at + QNAME_AT + name.length);
  out[at] = (q.id >> 8) & 0xff;
  out[at + 1] = q.id & 0xff;
  used += n;
  return out.subarray(at, at + n);
}
