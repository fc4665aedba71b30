/**
 * Ask one authoritative server one question and keep the answer as evidence.
 * UDP first (TCP when the session is TCP-only); TC=1 → the same question over
 * TCP (RFC 7766 §5); timeouts and network errors retried with backoff; the
 * answer must match ID and question (RFC 5452 §9.1) or it is discarded.
 */
import { randomInt } from "node:crypto";
import { performance } from "node:perf_hooks";
import { namesEqual } from "../zone/name";
import { encodeQuery, type QueryOptions } from "./encode-query";
import { QuerySession, sleep, type Route } from "./session";
import { exchangeTcp, type FrameVerdict } from "./transport";
import type { AnswerFlags, EvidenceRecord, Question, QueryError, ServerAnswer, ServerRef } from "./types";
import type { Acquired } from "./limiter";
import { evidenceOf, LiveAnswer } from "./live-answer";
import { nameAtEquals, scanInto, type Scan } from "./scan";
import { NOT_STAMPED, type Slot, type UdpExchange } from "./udp-mux";
import { Arena, decodeMessage, peekId, type WireMessage } from "./wire";

export interface QueryServerOptions {
  dnssecOk?: boolean;
  /** Override the session's transport choice for this query. */
  tcpOnly?: boolean;
}

/** Errors by rcode (an array: a keyed miss on an object walks its prototype chain on every answer). */
const RCODE_ERRORS: (QueryError | null)[] = new Array(16).fill(null);
RCODE_ERRORS[2] = { kind: "servfail", message: "server failure (SERVFAIL)" };
RCODE_ERRORS[5] = { kind: "refused", message: "query refused (REFUSED)" };
RCODE_ERRORS[9] = { kind: "notauth", message: "server not authoritative (NOTAUTH)" };
const rcodeError = (rcode: number): QueryError | null => (rcode < 16 ? RCODE_ERRORS[rcode] : null);

const RETRYABLE = new Set(["timeout", "network", "id-mismatch"]);

/** Match an answer to the question we sent (ID, QR, opcode, one question, name/type/class). */
export function judgeAnswer(frame: Uint8Array, id: number, q: Question, keep: (m: WireMessage) => void): FrameVerdict {
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

/**
 * Epoch ms minus performance.now(), re-read every second by a timer: the
 * timestamp of a query needs no clock read of its own (a clock read cost a
 * tenth of a send) and still follows a change of the wall clock within a
 * second. A timer rather than a check in isoAt: a branch taken once a second
 * deoptimised the compiled query path each first time it ran.
 */
let epochOffset = Date.now() - performance.now();
setInterval(() => {
  epochOffset = Date.now() - performance.now();
}, 1000).unref();
/** ISO time at performance.now() = `at`, formatted at most once per millisecond (thousands of queries share one). */
// ms starts as a double (-1.5, never a time): epoch ms are doubles, and a field that changes kind recompiles its readers.
let isoCache = { ms: -1.5, text: "" };
function isoAt(at: number): string {
  const ms = Math.floor(at + epochOffset);
  if (ms !== isoCache.ms) isoCache = { ms, text: new Date(ms).toISOString() };
  return isoCache.text;
}

const NO_OPTIONS: QueryServerOptions = Object.freeze({});

export function queryServer(
  session: QuerySession,
  server: ServerRef,
  question: Question,
  opts: QueryServerOptions = NO_OPTIONS,
): Promise<ServerAnswer> {
  const started = performance.now();
  const tcp = opts.tcpOnly ?? session.options.tcpOnly;
  const answer = new LiveAnswer(server, tcp ? "tcp" : "udp", question, isoAt(started));
  const route = session.route(server);
  const refusal = route.dest.refusal;
  if (refusal) return Promise.resolve(end(session, answer, started, { kind: "address-refused", message: refusal }));
  if (tcp) return queryLoop(session, server, question, opts, answer, started, 0, 0);
  // A shared executor hands out the resolver: no closure (and context) per query.
  const p = new Promise<ServerAnswer>(captureResolve);
  const resolve = captured!;
  captured = null;
  new UdpQuery(session, route, question, opts, answer, started, resolve).attempt();
  return p;
}

let captured: ((a: ServerAnswer) => void) | null = null;
function captureResolve(resolve: (a: ServerAnswer) => void): void {
  captured = resolve;
}

/**
 * The UDP path as one object per query: it is the mux exchange, the judge and
 * the retry state, so a query costs one promise (the caller's) and no closures.
 * Behaviour is that of queryLoop below; TC hands the query over to it for TCP.
 */
class UdpQuery implements UdpExchange {
  // `declare` and assignments in the constructor, in one fixed order: class field initialisers would define
  // each field once more (a separate initialiser function per object) before the constructor assigns it.
  declare address: string;
  declare port: number;
  declare poolKey: string;
  declare payload: Uint8Array;
  declare timeoutMs: number;
  declare id: number;
  declare mismatches: number;
  declare bytes: number;
  declare since: number;
  declare slot: Slot | null;
  declare private retry: number;
  /** 1: a slot taken with tryTake (give it back to the bucket); 2: a Grant from acquire. */
  declare private held: number;
  declare private grant: { release(): void } | null;
  /** The accepted answer's header facts (judge → done run in one turn). */
  declare private accepted: boolean;
  declare private flags: number;
  declare private rcode: number;
  declare private edns: Scan["edns"];
  declare private readonly session: QuerySession;
  declare private readonly route: Route;
  declare private readonly question: Question;
  declare private readonly opts: QueryServerOptions;
  declare private readonly answer: LiveAnswer;
  declare private readonly started: number;
  declare private readonly resolve: (a: ServerAnswer) => void;

  constructor(
    session: QuerySession,
    route: Route,
    question: Question,
    opts: QueryServerOptions,
    answer: LiveAnswer,
    started: number,
    resolve: (a: ServerAnswer) => void,
  ) {
    this.address = route.address;
    this.port = route.port;
    this.poolKey = route.poolKey;
    this.payload = NO_PAYLOAD;
    this.timeoutMs = session.options.timeoutMs;
    this.id = 0;
    this.mismatches = 0;
    this.bytes = 0;
    this.since = NOT_STAMPED;
    this.slot = null;
    this.retry = 0;
    this.held = 0;
    this.grant = null;
    this.accepted = false;
    this.flags = 0;
    this.rcode = 0;
    this.edns = null;
    this.session = session;
    this.route = route;
    this.question = question;
    this.opts = opts;
    this.answer = answer;
    this.started = started;
    this.resolve = resolve;
  }

  attempt(): void {
    const session = this.session;
    if (session.signal.aborted) return this.resolve(end(session, this.answer, this.started, abortKind(session.signal)));
    // Fast path without a promise or grant object when a slot is free and nobody waits (FIFO otherwise).
    if (session.limiter.tryTake(this.route.dest.bucket)) {
      this.held = 1;
      this.send();
    } else void session.limiter.acquire(this.route.key, session.signal).then((r) => this.granted(r));
  }

  private granted(g: Acquired): void {
    if (!g.ok) return this.resolve(end(this.session, this.answer, this.started, g.error));
    this.grant = g;
    this.held = 2;
    this.send();
  }

  private send(): void {
    const session = this.session;
    if (this.payload.length === 0) {
      // Encoded once: over UDP the mux draws each attempt's ID and writes it into the payload (udp-mux.ts).
      const q = encodeArgs;
      q.name = this.question.name;
      q.type = this.question.type;
      q.class = this.question.class;
      q.ednsUdpSize = session.options.ednsUdpSize;
      q.dnssecOk = this.opts.dnssecOk;
      this.payload = encodeQuery(q);
    }
    this.answer.attempts++;
    session.noteSentTo(this.route.dest);
    if (session.listening)
      session.emit({
        type: "sent",
        server: this.answer.server,
        question: this.question,
        transport: "udp",
        totals: { ...session.counts },
      });
    this.accepted = false;
    session.udp.start(this);
  }

  judge(frame: Uint8Array): FrameVerdict {
    const r = judgeInto(frame, this.id, this.question, SCRATCH);
    if (r === IGNORE) return "ignore";
    if (r !== ACCEPT) return { kind: "malformed", message: r };
    this.accepted = true;
    this.flags = SCRATCH.flags;
    this.rcode = SCRATCH.rcode;
    this.edns = SCRATCH.edns;
    return "accept";
  }

  private release(): void {
    if (this.held === 1) this.session.limiter.releaseSlot(this.route.dest.bucket);
    else if (this.held === 2) this.grant!.release();
    this.held = 0;
    this.grant = null;
  }

  done(frame: Uint8Array | null, error: QueryError | null): void {
    const session = this.session;
    const answer = this.answer;
    this.release();
    answer.mismatches += this.mismatches;
    if (frame && this.accepted) {
      if (this.flags & FLAG_TC) {
        // RFC 7766 §5: a truncated UDP answer is retried over TCP.
        answer.transport = "tcp";
        void queryLoop(session, answer.server, this.question, this.opts, answer, this.started, 1, this.retry).then(
          this.resolve,
        );
        return;
      }
      fill(answer, this.flags, this.rcode, this.edns, frame, this.route.file);
      return this.resolve(end(session, answer, this.started, rcodeError(this.rcode)));
    }
    const err: QueryError = error ?? { kind: "malformed", message: "no usable answer" };
    const o = session.options;
    if (!RETRYABLE.has(err.kind) || this.retry >= o.retries)
      return this.resolve(end(session, answer, this.started, err));
    this.retry++;
    // Exponential backoff with jitter: no retry storms against a struggling server.
    const delay = o.backoffMs * 2 ** (this.retry - 1) * (0.75 + Math.random() * 0.5);
    void sleep(delay, session.signal).then((ok) =>
      ok ? this.attempt() : this.resolve(end(session, answer, this.started, abortKind(session.signal))),
    );
  }
}

const FLAG_TC = 0x0200;
const NO_PAYLOAD = new Uint8Array(0);

/** encodeQuery's options, reused by every UDP query (encodeQuery keeps nothing of them). */
const encodeArgs: QueryOptions & { class: number } = {
  id: 0,
  name: new Uint8Array(1),
  type: 1,
  class: 1,
  ednsUdpSize: null,
  dnssecOk: false,
};

/**
 * The six header flags as an object, one frozen instance per combination:
 * answers share them instead of allocating one each (frozen, so a caller
 * writing to one fails loudly rather than changing other answers).
 */
const FLAG_SETS: (AnswerFlags | undefined)[] = new Array(64);
function flagsOf(f: number): AnswerFlags {
  const bits =
    ((f >> 10) & 1) |
    (((f >> 9) & 1) << 1) |
    (((f >> 8) & 1) << 2) |
    (((f >> 7) & 1) << 3) |
    (((f >> 5) & 1) << 4) |
    (((f >> 4) & 1) << 5);
  let v = FLAG_SETS[bits];
  if (!v) {
    v = Object.freeze({
      aa: (f & 0x0400) !== 0,
      tc: (f & 0x0200) !== 0,
      rd: (f & 0x0100) !== 0,
      ra: (f & 0x0080) !== 0,
      ad: (f & 0x0020) !== 0,
      cd: (f & 0x0010) !== 0,
    });
    FLAG_SETS[bits] = v;
  }
  return v;
}

const ACCEPT = 0;
const IGNORE = 1;
/** Where the UDP path's judge leaves an accepted answer's facts (read at once by the query). */
const SCRATCH: Scan = { flags: 0, rcode: 0, qdcount: 0, qnameEnd: 12, edns: null };

/**
 * judgeAnswer's rules on the undecoded frame, its facts written to `out`:
 * ACCEPT, IGNORE, or why the frame is malformed.
 */
function judgeInto(frame: Uint8Array, id: number, q: Question, out: Scan): typeof ACCEPT | typeof IGNORE | string {
  if (frame.length < 2 || ((frame[0] << 8) | frame[1]) !== id) return IGNORE;
  const e = scanInto(frame, out);
  if (e !== null) return e;
  if (!(out.flags & 0x8000) || ((out.flags >> 11) & 0xf) !== 0) return IGNORE;
  if (out.qdcount !== 1) return out.qdcount === 0 && out.rcode !== 0 ? ACCEPT : IGNORE; // FORMERR/NOTIMP may omit the question
  const at = out.qnameEnd;
  const qtype = (frame[at] << 8) | frame[at + 1];
  const qclass = (frame[at + 2] << 8) | frame[at + 3];
  if (qtype !== q.type || qclass !== q.class || !nameAtEquals(frame, 12, q.name)) return IGNORE;
  return ACCEPT;
}

function fill(
  answer: LiveAnswer,
  flags: number,
  rcode: number,
  edns: Scan["edns"],
  frame: Uint8Array,
  file: string,
): void {
  answer.rcode = rcode;
  answer.flags = flagsOf(flags);
  answer.edns = edns;
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
  const route = session.route(server);
  const key = route.key;
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
    session.noteSentTo(route.dest);
    if (session.listening) session.emit({ type: "sent", server, question, transport, totals: { ...session.counts } });
    let scan: Scan | null = null;
    const judge = (f: Uint8Array): FrameVerdict => {
      const out: Scan = { flags: 0, rcode: 0, qdcount: 0, qnameEnd: 12, edns: null };
      const r = judgeInto(f, (payload[0] << 8) | payload[1], question, out);
      if (r === IGNORE) return "ignore";
      if (r !== ACCEPT) return { kind: "malformed", message: r };
      scan = out;
      return "accept";
    };
    const ex = { address: server.address, port: server.port, payload, timeoutMs: o.timeoutMs, signal: session.signal };
    const r =
      transport === "udp"
        ? await session.udp.exchange(ex, judge)
        : await exchangeTcp({ ...ex, maxBytes: 70_000 }, judge);
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
      fill(answer, s.flags, s.rcode, s.edns, r.frames[0], route.file);
      return end(session, answer, started, rcodeError(s.rcode));
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
  return r?.kind === "deadline"
    ? { kind: "deadline", message: "run deadline reached" }
    : { kind: "cancelled", message: "cancelled" };
}
