/**
 * Ask one authoritative server one question and keep the answer as evidence.
 * UDP first (TCP when the session is TCP-only); TC=1 → the same question over
 * TCP (RFC 7766 §5); timeouts and network errors retried with backoff; the
 * answer must match ID and question (RFC 5452 §9.1) or it is discarded.
 */
import { randomInt } from "node:crypto";
import { namesEqual } from "../zone/name";
import { encodeQuery, type QueryOptions } from "./encode-query";
import { QuerySession, sleep } from "./session";
import { exchangeTcp, type FrameVerdict } from "./transport";
import type { AnswerFlags, EvidenceRecord, Question, QueryError, ServerAnswer, ServerRef } from "./types";
import type { Acquired } from "./limiter";
import { evidenceOf, LiveAnswer } from "./live-answer";
import { nameAtEquals, scanMessage, type Scan } from "./scan";
import { UdpExchange } from "./udp-mux";
import { Arena, decodeMessage, peekId, type WireMessage } from "./wire";

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
  return evidenceOf(m, evidenceFile(server, key));
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

/** Per-server facts computed once per ServerRef object (a run reuses its refs for thousands of queries). */
interface Dest {
  address: string;
  port: number;
  /** "address:port": limiter bucket and sent-packet counter key. */
  key: string;
  /** "address|port": the UDP mux pool. */
  poolKey: string;
  file: string;
}
const dests = new WeakMap<ServerRef, Dest>();
function destOf(server: ServerRef): Dest {
  let d = dests.get(server);
  // Refs are plain objects: re-derive when someone changed one (no string building per query otherwise).
  if (!d || d.address !== server.address || d.port !== server.port) {
    const key = `${server.address}:${server.port}`;
    d = { address: server.address, port: server.port, key, poolKey: `${server.address}|${server.port}`, file: evidenceFile(server, key) };
    dests.set(server, d);
  }
  return d;
}

export function queryServer(session: QuerySession, server: ServerRef, question: Question, opts: QueryServerOptions = {}): Promise<ServerAnswer> {
  const o = session.options;
  const started = performance.now();
  const tcp = opts.tcpOnly ?? o.tcpOnly;
  const answer = new LiveAnswer(server, tcp ? "tcp" : "udp", question, isoNow());
  const refusal = session.checkAddress(server.address);
  if (refusal) return Promise.resolve(end(session, answer, started, { kind: "address-refused", message: refusal }));
  if (tcp) return queryLoop(session, server, question, opts, answer, started, 0, 0);
  return new Promise((resolve) => new UdpQuery(session, server, question, opts, answer, started, resolve).attempt());
}

/**
 * The UDP path as one object per query: it is the mux exchange, the judge and
 * the retry state, so a query costs one promise (the caller's) and no closures.
 * Behaviour is that of queryLoop below; TC hands the query over to it for TCP.
 */
class UdpQuery extends UdpExchange {
  private readonly dest: Dest;
  private retry = 0;
  private grant: { release(): void } | null = null;
  private scan: Scan | null = null;

  constructor(
    private readonly session: QuerySession,
    private readonly server: ServerRef,
    private readonly question: Question,
    private readonly opts: QueryServerOptions,
    private readonly answer: LiveAnswer,
    private readonly started: number,
    private readonly resolve: (a: ServerAnswer) => void,
  ) {
    super();
    this.dest = destOf(server);
    this.address = server.address;
    this.port = server.port;
    this.poolKey = this.dest.poolKey;
    this.timeoutMs = session.options.timeoutMs;
  }

  attempt(): void {
    const session = this.session;
    if (session.signal.aborted) return this.resolve(end(session, this.answer, this.started, abortKind(session.signal)));
    // Fast path without a promise when a slot is free and nobody waits (FIFO otherwise).
    const g = session.limiter.tryAcquire(this.dest.key);
    if (g) this.granted(g);
    else void session.limiter.acquire(this.dest.key, session.signal).then((r) => this.granted(r));
  }

  private granted(g: Acquired): void {
    const session = this.session;
    if (!g.ok) return this.resolve(end(session, this.answer, this.started, g.error));
    this.grant = g;
    // Over UDP the mux draws the ID and writes it into the payload (udp-mux.ts).
    const q = encodeArgs;
    q.name = this.question.name;
    q.type = this.question.type;
    q.class = this.question.class;
    q.ednsUdpSize = session.options.ednsUdpSize;
    q.dnssecOk = this.opts.dnssecOk;
    this.payload = encodeQuery(q);
    this.answer.attempts++;
    session.noteSent(this.dest.key);
    if (session.listening) session.emit({ type: "sent", server: this.server, question: this.question, transport: "udp", totals: { ...session.counts } });
    this.scan = null;
    session.udp.start(this);
  }

  judge(frame: Uint8Array): FrameVerdict {
    const r = judgeScan(frame, this.id, this.question);
    if (typeof r === "string") return r === "ignore" ? "ignore" : { kind: "malformed", message: r };
    this.scan = r;
    return "accept";
  }

  done(frame: Uint8Array | null, error: QueryError | null): void {
    const session = this.session;
    const answer = this.answer;
    this.grant?.release();
    this.grant = null;
    answer.mismatches += this.mismatches;
    const scan = this.scan;
    if (frame && scan) {
      if (scan.flags & FLAG_TC) {
        // RFC 7766 §5: a truncated UDP answer is retried over TCP.
        answer.transport = "tcp";
        void queryLoop(session, this.server, this.question, this.opts, answer, this.started, 1, this.retry).then(this.resolve);
        return;
      }
      fillFromScan(answer, scan, frame, this.dest.file);
      return this.resolve(end(session, answer, this.started, RCODE_ERRORS[scan.rcode] ?? null));
    }
    const err: QueryError = error ?? { kind: "malformed", message: "no usable answer" };
    const o = session.options;
    if (!RETRYABLE.has(err.kind) || this.retry >= o.retries) return this.resolve(end(session, answer, this.started, err));
    this.retry++;
    // Exponential backoff with jitter: no retry storms against a struggling server.
    const delay = o.backoffMs * 2 ** (this.retry - 1) * (0.75 + Math.random() * 0.5);
    void sleep(delay, session.signal).then((ok) => (ok ? this.attempt() : this.resolve(end(session, answer, this.started, abortKind(session.signal)))));
  }
}

const FLAG_TC = 0x0200;

/** encodeQuery's options, reused by every UDP attempt (encodeQuery keeps nothing of them). */
const encodeArgs: QueryOptions & { class: number } = { id: 0, name: new Uint8Array(1), type: 1, class: 1, ednsUdpSize: null, dnssecOk: false };

/**
 * The six header flags as an object, one frozen instance per combination:
 * answers share them instead of allocating one each (frozen, so a caller
 * writing to one fails loudly rather than changing other answers).
 */
const FLAG_SETS: (AnswerFlags | undefined)[] = new Array(64);
function flagsOf(f: number): AnswerFlags {
  const bits = ((f >> 10) & 1) | (((f >> 9) & 1) << 1) | (((f >> 8) & 1) << 2) | (((f >> 7) & 1) << 3) | (((f >> 5) & 1) << 4) | (((f >> 4) & 1) << 5);
  let v = FLAG_SETS[bits];
  if (!v) {
    v = Object.freeze({ aa: (f & 0x0400) !== 0, tc: (f & 0x0200) !== 0, rd: (f & 0x0100) !== 0, ra: (f & 0x0080) !== 0, ad: (f & 0x0020) !== 0, cd: (f & 0x0010) !== 0 });
    FLAG_SETS[bits] = v;
  }
  return v;
}

/**
 * judgeAnswer's rules on the undecoded frame: "ignore", a malformed reason,
 * or the scan of an accepted answer.
 */
function judgeScan(frame: Uint8Array, id: number, q: Question): Scan | string {
  if (frame.length < 2 || ((frame[0] << 8) | frame[1]) !== id) return "ignore";
  const r = scanMessage(frame);
  if (typeof r === "string") return r;
  if (!(r.flags & 0x8000) || ((r.flags >> 11) & 0xf) !== 0) return "ignore";
  if (r.qdcount !== 1) return r.qdcount === 0 && r.rcode !== 0 ? r : "ignore"; // FORMERR/NOTIMP may omit the question
  const qtype = (frame[r.qnameEnd] << 8) | frame[r.qnameEnd + 1];
  const qclass = (frame[r.qnameEnd + 2] << 8) | frame[r.qnameEnd + 3];
  if (qtype !== q.type || qclass !== q.class || !nameAtEquals(frame, 12, q.name)) return "ignore";
  return r;
}

function fillFromScan(answer: LiveAnswer, scan: Scan, frame: Uint8Array, file: string): void {
  const f = scan.flags;
  answer.rcode = scan.rcode;
  answer.flags = flagsOf(f);
  answer.edns = scan.edns;
  answer.keep(frames.copy(frame), file);
}

/**
 * Kept answers are copied into shared 64 KiB chunks: each received datagram
 * is its own Buffer + ArrayBuffer + backing store, several times its ~100
 * bytes when a snapshot keeps a few hundred thousand of them.
 */
const frames = new Arena(64 * 1024);

/** The general path (TCP, and UDP answers truncated into TCP): one attempt per loop turn. */
async function queryLoop(
  session: QuerySession,
  server: ServerRef,
  question: Question,
  opts: QueryServerOptions,
  answer: LiveAnswer,
  started: number,
  tcpFallbacks: number,
  retry: number,
): Promise<ServerAnswer> {
  const o = session.options;
  const dest = destOf(server);
  const key = dest.key;
  for (;;) {
    if (session.signal.aborted) return end(session, answer, started, abortKind(session.signal));
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
    let scan: Scan | null = null;
    const judge = (f: Uint8Array): FrameVerdict => {
      const r = judgeScan(f, (payload[0] << 8) | payload[1], question);
      if (typeof r === "string") return r === "ignore" ? "ignore" : { kind: "malformed", message: r };
      scan = r;
      return "accept";
    };
    const ex = { address: server.address, port: server.port, payload, timeoutMs: o.timeoutMs, signal: session.signal };
    const r = transport === "udp" ? await session.udp.exchange(ex, judge) : await exchangeTcp({ ...ex, maxBytes: 70_000 }, judge);
    slot.release();
    answer.mismatches += r.mismatches;
    const s = scan as Scan | null;
    if (r.ok && s) {
      if (s.flags & FLAG_TC) {
        // RFC 7766 §5: a truncated UDP answer is retried over TCP; TC over TCP is broken.
        if (transport === "tcp" || ++tcpFallbacks > 1) {
          return end(session, answer, started, { kind: "truncated-loop", message: "answer truncated (TC=1) over TCP" });
        }
        answer.transport = "tcp";
        continue;
      }
      fillFromScan(answer, s, r.frames[0], dest.file);
      return end(session, answer, started, RCODE_ERRORS[s.rcode] ?? null);
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
