/**
 * Ask one authoritative server one question and keep the answer as evidence.
 * UDP first (TCP when the session is TCP-only); TC=1 → the same question over
 * TCP (RFC 7766 §5); timeouts and network errors retried with backoff; the
 * answer must match ID and question (RFC 5452 §9.1) or it is discarded.
 */
import { randomInt } from "node:crypto";
import { canonicalRdata } from "../zone/rdata";
import { namesEqual } from "../zone/name";
import { encodeQuery } from "./encode-query";
import { QuerySession, sleep } from "./session";
import { exchangeTcp, type FrameVerdict } from "./transport";
import type { EvidenceRecord, Question, QueryError, ServerAnswer, ServerRef } from "./types";
import { decodeMessage, peekId, type WireMessage, type WireRecord } from "./wire";

export interface QueryServerOptions {
  dnssecOk?: boolean;
  /** Override the session's transport choice for this query. */
  tcpOnly?: boolean;
}

const RCODE_ERRORS: Record<number, QueryError> = {
  2: { kind: "servfail", message: "server failure (SERVFAIL)" },
  5: { kind: "refused", message: "query refused (REFUSED)" },
  9: { kind: "notauth", message: "server not authoritative (NOTAUTH)" },
};

const RETRYABLE = new Set(["timeout", "network", "id-mismatch"]);

/** Match an answer to the question we sent (ID, QR, opcode, one question, name/type/class). */
export function judgeAnswer(
  frame: Uint8Array,
  id: number,
  q: Question,
  keep: (m: WireMessage) => void,
): FrameVerdict {
  if (peekId(frame) !== id) return "ignore";
  const d = decodeMessage(frame);
  if (!d.ok) return { kind: "malformed", message: d.reason };
  const m = d.message;
  if (!m.flags.qr || m.flags.opcode !== 0) return "ignore";
  if (m.questions.length !== 1) {
    // A FORMERR/NOTIMP answer may legitimately omit the question.
    if (m.questions.length === 0 && m.rcode !== 0) {
      keep(m);
      return "accept";
    }
    return "ignore";
  }
  const mq = m.questions[0];
  if (mq.type !== q.type || mq.class !== q.class || !namesEqual(mq.name, q.name)) return "ignore";
  keep(m);
  return "accept";
}

const fileNames = new Map<string, string>();

/** "dns://address:port" (IPv6 in brackets), the `file` of live evidence; memoised per server. */
function evidenceFile(server: ServerRef, key = `${server.address}:${server.port}`): string {
  let f = fileNames.get(key);
  if (f === undefined) {
    f = `dns://${server.address.includes(":") ? `[${server.address}]` : server.address}:${server.port}`;
    if (fileNames.size < 10_000) fileNames.set(key, f);
  }
  return f;
}

export function toEvidence(m: WireMessage, server: ServerRef, key?: string): EvidenceRecord[] {
  const file = evidenceFile(server, key);
  const out: EvidenceRecord[] = [];
  addRecords(out, m.answer, "answer", file);
  addRecords(out, m.authority, "authority", file);
  addRecords(out, m.additional, "additional", file);
  return out;
}

function addRecords(out: EvidenceRecord[], recs: WireRecord[], section: EvidenceRecord["section"], file: string): void {
  for (const r of recs) {
    out.push({ owner: r.owner, ttl: r.ttl, class: r.class, type: r.type, rdata: safeCanonical(r.type, r.rdata), file, line: 0, section });
  }
}

function safeCanonical(type: number, rdata: Uint8Array): Uint8Array {
  try {
    return canonicalRdata(type, rdata);
  } catch {
    // The rdata module must never throw; if it does, keep the bytes as received.
    return rdata;
  }
}

function randomId(): number {
  return randomInt(0, 0x10000);
}

/** ISO time, formatted at most once per millisecond (thousands of queries share one). */
let isoCache = { ms: -1, text: "" };
function isoNow(): string {
  const ms = Date.now();
  if (ms !== isoCache.ms) isoCache = { ms, text: new Date(ms).toISOString() };
  return isoCache.text;
}

export async function queryServer(
  session: QuerySession,
  server: ServerRef,
  question: Question,
  opts: QueryServerOptions = {},
): Promise<ServerAnswer> {
  const o = session.options;
  const started = performance.now();
  const answer: ServerAnswer = {
    server,
    transport: (opts.tcpOnly ?? o.tcpOnly) ? "tcp" : "udp",
    question,
    rcode: null,
    flags: null,
    edns: null,
    records: [],
    elapsedMs: 0,
    attempts: 0,
    mismatches: 0,
    error: null,
    timestamp: isoNow(),
  };
  const refusal = session.checkAddress(server.address);
  if (refusal) return end(session, answer, started, { kind: "address-refused", message: refusal });

  const key = `${server.address}:${server.port}`;
  let tcpFallbacks = 0;
  let retry = 0;
  for (;;) {
    if (session.signal.aborted) return end(session, answer, started, abortKind(session.signal));
    // Fast path without a promise when a slot is free and nobody waits (FIFO otherwise).
    const slot = session.limiter.tryAcquire(key) ?? (await session.limiter.acquire(key, session.signal));
    if (!slot.ok) return end(session, answer, started, slot.error);
    const transport = answer.transport;
    const payload = encodeQuery({
      id: transport === "udp" ? 0 : randomId(), // over UDP the mux draws the ID (udp-mux.ts)
      name: question.name,
      type: question.type,
      class: question.class,
      ednsUdpSize: o.ednsUdpSize,
      dnssecOk: opts.dnssecOk,
    });
    answer.attempts++;
    session.noteSent(key);
    if (session.listening) session.emit({ type: "sent", server, question, transport, totals: { ...session.counts } });
    let msg: WireMessage | null = null;
    const ex = { address: server.address, port: server.port, payload, timeoutMs: o.timeoutMs, signal: session.signal };
    // The ID sent is whatever sits in the payload's first two bytes when it leaves (the UDP mux writes it).
    const r =
      transport === "udp"
        ? await session.udp.exchange(ex, (f) => judgeAnswer(f, (payload[0] << 8) | payload[1], question, (m) => (msg = m)))
        : await exchangeTcp({ ...ex, maxBytes: 70_000 }, (f) => judgeAnswer(f, (payload[0] << 8) | payload[1], question, (m) => (msg = m)));
    slot.release();
    answer.mismatches += r.mismatches;
    if (r.ok && msg) {
      const m: WireMessage = msg;
      if (m.flags.tc) {
        // RFC 7766 §5: a truncated UDP answer is retried over TCP; TC over TCP is broken.
        if (transport === "tcp" || ++tcpFallbacks > 1) {
          return end(session, answer, started, { kind: "truncated-loop", message: "answer truncated (TC=1) over TCP" });
        }
        answer.transport = "tcp";
        continue;
      }
      answer.rcode = m.rcode;
      answer.flags = { aa: m.flags.aa, tc: m.flags.tc, rd: m.flags.rd, ra: m.flags.ra, ad: m.flags.ad, cd: m.flags.cd };
      answer.edns = m.edns ? { udpSize: m.edns.udpSize, do: m.edns.do, version: m.edns.version } : null;
      answer.records = toEvidence(m, server, key);
      return end(session, answer, started, RCODE_ERRORS[m.rcode] ?? null);
    }
    const err: QueryError = r.ok ? { kind: "malformed", message: "no usable answer" } : r.error;
    if (!RETRYABLE.has(err.kind) || retry >= o.retries) return end(session, answer, started, err);
    retry++;
    // Exponential backoff with jitter: no retry storms against a struggling server.
    const delay = o.backoffMs * 2 ** (retry - 1) * (0.75 + Math.random() * 0.5);
    if (!(await sleep(delay, session.signal))) return end(session, answer, started, abortKind(session.signal));
  }
}

/** Complete the answer, count it and tell the progress listener (a module function: no closure per query). */
function end(session: QuerySession, answer: ServerAnswer, started: number, error: QueryError | null): ServerAnswer {
  answer.error = error;
  answer.elapsedMs = Math.round((performance.now() - started) * 1000) / 1000;
  if (error) {
    session.counts.failed++;
    if (session.listening) session.emit({ type: "failed", answer, totals: { ...session.counts } });
  } else {
    session.counts.answered++;
    if (session.listening) session.emit({ type: "answered", answer, totals: { ...session.counts } });
  }
  return answer;
}

function abortKind(signal: AbortSignal): QueryError {
  const r = signal.reason as { kind?: string } | undefined;
  return r?.kind === "deadline" ? { kind: "deadline", message: "run deadline reached" } : { kind: "cancelled", message: "cancelled" };
}
