/**
 * One query with header/OPT bits the snapshot never sets (RD=1, EDNS
 * version ≠ 0, no OPT at all), through the run's session so the address
 * policy, load limits and deadline still apply. The query is encoded by
 * lib/dns and only the bits in question are patched:
 * header byte 2 bit 0 is RD (RFC 1035 §4.1.1); with an OPT record of no
 * options last in the message, its TTL bytes sit at −6 (extended RCODE) and
 * −5 (VERSION) from the end (RFC 6891 §6.1.3).
 */
import { randomInt } from "node:crypto";
import { encodeQuery } from "../../dns/encode-query";
import { judgeAnswer, toEvidence } from "../../dns/query-server";
import type { QuerySession } from "../../dns/session";
import { exchangeTcp } from "../../dns/transport";
import type { Question, ServerAnswer, ServerRef } from "../../dns/types";
import type { WireMessage } from "../../dns/wire";

export interface RawQueryOptions {
  question: Question;
  /** Recursion desired (default false). */
  rd?: boolean;
  /** EDNS version; null = no OPT record (default 0). */
  ednsVersion?: number | null;
  dnssecOk?: boolean;
  tcp?: boolean;
}

export function encodeRaw(o: RawQueryOptions, id = 0): Uint8Array {
  const edns = o.ednsVersion === undefined ? 0 : o.ednsVersion;
  const p = encodeQuery({
    id,
    name: o.question.name,
    type: o.question.type,
    class: o.question.class,
    ednsUdpSize: edns === null ? null : 1232,
    dnssecOk: o.dnssecOk,
  });
  if (o.rd) p[2] |= 0x01;
  if (edns !== null && edns !== 0) p[p.length - 5] = edns & 0xff;
  return p;
}

export async function rawQuery(session: QuerySession, server: ServerRef, o: RawQueryOptions): Promise<ServerAnswer> {
  const started = performance.now();
  const answer: ServerAnswer = {
    server,
    transport: o.tcp ? "tcp" : "udp",
    question: o.question,
    rcode: null,
    flags: null,
    edns: null,
    records: [],
    elapsedMs: 0,
    attempts: 1,
    mismatches: 0,
    error: null,
    timestamp: new Date().toISOString(),
  };
  const done = (error: ServerAnswer["error"]) => {
    answer.error = error;
    answer.elapsedMs = Math.round(performance.now() - started);
    return answer;
  };
  const refusal = session.checkAddress(server.address);
  if (refusal) return done({ kind: "address-refused", message: refusal });
  const key = `${server.address}:${server.port}`;
  const slot = await session.limiter.acquire(key, session.signal);
  if (!slot.ok) return done(slot.error);
  const payload = encodeRaw(o, o.tcp ? randomInt(0, 0x10000) : 0);
  session.noteSent(key);
  let msg: WireMessage | null = null;
  const judge = (f: Uint8Array) => judgeAnswer(f, (payload[0] << 8) | payload[1], o.question, (m) => (msg = m));
  const ex = {
    address: server.address,
    port: server.port,
    payload,
    timeoutMs: session.options.timeoutMs,
    signal: session.signal,
  };
  try {
    const r = o.tcp ? await exchangeTcp({ ...ex, maxBytes: 70_000 }, judge) : await session.udp.exchange(ex, judge);
    answer.mismatches = r.mismatches;
    if (!r.ok) return done(r.error);
    const m = msg as WireMessage | null;
    if (!m) return done({ kind: "malformed", message: "no usable answer" });
    answer.rcode = m.rcode;
    answer.flags = { aa: m.flags.aa, tc: m.flags.tc, rd: m.flags.rd, ra: m.flags.ra, ad: m.flags.ad, cd: m.flags.cd };
    answer.edns = m.edns ? { udpSize: m.edns.udpSize, do: m.edns.do, version: m.edns.version } : null;
    answer.records = toEvidence(m, server, key);
    return done(null);
  } finally {
    slot.release();
  }
}
