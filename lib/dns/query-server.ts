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
import { exchangeTcp, exchangeUdp, type FrameVerdict } from "./transport";
import type { EvidenceRecord, Question, QueryError, ServerAnswer, ServerRef, Transport } from "./types";
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

export function toEvidence(m: WireMessage, server: ServerRef): EvidenceRecord[] {
  const file = `dns://${server.address.includes(":") ? `[${server.address}]` : server.address}:${server.port}`;
  const out: EvidenceRecord[] = [];
  const add = (recs: WireRecord[], section: EvidenceRecord["section"]) => {
    for (const r of recs) {
      out.push({ owner: r.owner, ttl: r.ttl, class: r.class, type: r.type, rdata: safeCanonical(r.type, r.rdata), file, line: 0, section });
    }
  };
  add(m.answer, "answer");
  add(m.authority, "authority");
  add(m.additional, "additional");
  return out;
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

export async function queryServer(
  session: QuerySession,
  server: ServerRef,
  question: Question,
  opts: QueryServerOptions = {},
): Promise<ServerAnswer> {
  const o = session.options;
  const started = performance.now();
  const timestamp = new Date().toISOString();
  let transport: Transport = opts.tcpOnly ?? o.tcpOnly ? "tcp" : "udp";
  let attempts = 0;
  let mismatches = 0;
  let tcpFallbacks = 0;
  const base = (): ServerAnswer => ({
    server,
    transport,
    question,
    rcode: null,
    flags: null,
    edns: null,
    records: [],
    elapsedMs: Math.round((performance.now() - started) * 1000) / 1000,
    attempts,
    mismatches,
    error: null,
    timestamp,
  });
  const finishError = (error: QueryError): ServerAnswer => {
    const a = { ...base(), error };
    session.counts.failed++;
    session.emit({ type: "failed", answer: a, totals: { ...session.counts } });
    return a;
  };
  const refusal = session.checkAddress(server.address);
  if (refusal) return finishError({ kind: "address-refused", message: refusal });

  let retry = 0;
  for (;;) {
    if (session.signal.aborted) return finishError(abortKind(session.signal));
    const slot = await session.limiter.acquire(`${server.address}:${server.port}`, session.signal);
    if (!slot.ok) return finishError(slot.error);
    const id = randomId();
    const payload = encodeQuery({
      id,
      name: question.name,
      type: question.type,
      class: question.class,
      ednsUdpSize: o.ednsUdpSize,
      dnssecOk: opts.dnssecOk,
    });
    attempts++;
    session.noteSent(server.address, server.port);
    session.emit({ type: "sent", server, question, transport, totals: { ...session.counts } });
    let msg: WireMessage | null = null;
    const judge = (f: Uint8Array) => judgeAnswer(f, id, question, (m) => (msg = m));
    const ex = { address: server.address, port: server.port, payload, timeoutMs: o.timeoutMs, signal: session.signal };
    const r = transport === "udp" ? await exchangeUdp(ex, judge) : await exchangeTcp({ ...ex, maxBytes: 70_000 }, judge);
    slot.release();
    mismatches += r.mismatches;
    if (r.ok && msg) {
      const m: WireMessage = msg;
      if (m.flags.tc) {
        // RFC 7766 §5: a truncated UDP answer is retried over TCP; TC over TCP is broken.
        if (transport === "tcp" || ++tcpFallbacks > 1) {
          return finishError({ kind: "truncated-loop", message: "answer truncated (TC=1) over TCP" });
        }
        transport = "tcp";
        continue;
      }
      const a: ServerAnswer = {
        ...base(),
        rcode: m.rcode,
        flags: { aa: m.flags.aa, tc: m.flags.tc, rd: m.flags.rd, ra: m.flags.ra, ad: m.flags.ad, cd: m.flags.cd },
        edns: m.edns ? { udpSize: m.edns.udpSize, do: m.edns.do, version: m.edns.version } : null,
        records: toEvidence(m, server),
        error: RCODE_ERRORS[m.rcode] ?? null,
      };
      if (a.error) {
        session.counts.failed++;
        session.emit({ type: "failed", answer: a, totals: { ...session.counts } });
      } else {
        session.counts.answered++;
        session.emit({ type: "answered", answer: a, totals: { ...session.counts } });
      }
      return a;
    }
    const err: QueryError = r.ok ? { kind: "malformed", message: "no usable answer" } : r.error;
    if (!RETRYABLE.has(err.kind) || retry >= o.retries) return finishError(err);
    retry++;
    // Exponential backoff with jitter: no retry storms against a struggling server.
    const delay = o.backoffMs * 2 ** (retry - 1) * (0.75 + Math.random() * 0.5);
    if (!(await sleep(delay, session.signal))) return finishError(abortKind(session.signal));
  }
}

function abortKind(signal: AbortSignal): QueryError {
  const r = signal.reason as { kind?: string } | undefined;
  return r?.kind === "deadline" ? { kind: "deadline", message: "run deadline reached" } : { kind: "cancelled", message: "cancelled" };
}
