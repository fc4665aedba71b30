/**
 * UDP exchanges over small pools of shared, connected sockets — one pool per
 * destination (address, port) — with answers demultiplexed by message ID.
 *
 * Why not one socket per query: creating, binding and closing a socket per
 * query cost more than everything else in a query together (the benchmark
 * measured 12 % of dnsperf's throughput that way). Why connected sockets:
 * the kernel then drops datagrams from any other source (RFC 5452 §9.1
 * "answers must come from the address and port asked") and skips the route
 * lookup per packet. Why several per destination: each socket gets its own
 * random port from the OS, so port and ID together still give an off-path
 * spoofer more than 16 bits to guess (RFC 5452 §4, §9.2); a socket is also
 * replaced after `maxUsesPerSocket` queries so ports keep changing.
 *
 * The mux draws each query's ID (unpredictable, unused on its socket) and
 * writes it into the payload's first two bytes: judges read the ID sent from
 * there. Never throws: every exchange resolves to an ExchangeResult.
 */
import { randomFillSync } from "node:crypto";
import dgram from "node:dgram";
import { performance } from "node:perf_hooks";
import { isIP } from "node:net";
import type { ExchangeOptions, ExchangeResult, FrameVerdict } from "./transport";
import { abortError } from "./transport";
import type { QueryError } from "./types";

/**
 * One exchange in flight. Callers implement it (a query object is its own
 * exchange: no promise, closure or result object per packet); `exchange()`
 * wraps one in a promise for everyone else. An interface rather than a base
 * class: a derived class's constructor cost more than the rest of a send.
 */
export interface UdpExchange {
  /** Set by the caller before start(). */
  address: string;
  port: number;
  /** `${address}|${port}`, computed once per server by the caller. */
  poolKey: string;
  payload: Uint8Array;
  timeoutMs: number;
  /** Filled by the mux (initialise to 0 / null). */
  id: number;
  mismatches: number;
  bytes: number;
  /**
   * performance.now() of the first deadline check after the send (NOT_STAMPED, a negative double, before it);
   * the timeout runs from there.
   */
  since: number;
  slot: Slot | null;
  /** Decide about one datagram carrying this exchange's ID. */
  judge(frame: Uint8Array): FrameVerdict;
  /** The end: the accepted frame, or the error. Called exactly once. */
  done(frame: Uint8Array | null, error: QueryError | null): void;
}

class PromiseExchange implements UdpExchange {
  address = "";
  port = 0;
  poolKey = "";
  payload: Uint8Array = EMPTY;
  timeoutMs = 0;
  id = 0;
  mismatches = 0;
  bytes = 0;
  since = NOT_STAMPED;
  slot: Slot | null = null;
  signal?: AbortSignal;
  onAbort?: () => void;
  constructor(
    private readonly judgeFn: (frame: Uint8Array) => FrameVerdict,
    private readonly resolve: (r: ExchangeResult) => void,
  ) {}
  judge(frame: Uint8Array): FrameVerdict {
    return this.judgeFn(frame);
  }
  done(frame: Uint8Array | null, error: QueryError | null): void {
    if (this.signal && this.onAbort) this.signal.removeEventListener("abort", this.onAbort);
    if (frame) this.resolve({ ok: true, frames: [frame], mismatches: this.mismatches, bytes: this.bytes });
    else this.resolve({ ok: false, error: error!, frames: [], mismatches: this.mismatches, bytes: this.bytes });
  }
}

const EMPTY = new Uint8Array(0);

/**
 * `since` before the first deadline check. A double, not -1: the field then
 * holds doubles from the first send, and V8 need not change its representation
 * (and throw away the compiled query path) when the first tick stamps it.
 */
export const NOT_STAMPED = -0.5;

/** A socket of a pool (opaque to callers). */
export interface Slot {
  sock: dgram.Socket;
  pool: Pool;
  /** Exchanges waiting for connect() to complete. */
  queue: UdpExchange[] | null;
  pending: Map<number, UdpExchange>;
  /**
   * Every ID this socket has used (bit set): never reused on it, and an answer
   * carrying one that is no longer pending is a late answer, dropped silently.
   * A socket issues at most maxUsesPerSocket IDs, so free ones stay plentiful.
   */
  used: Uint8Array;
  uses: number;
  retired: boolean;
  idleSince: number;
}

interface Pool {
  key: string;
  address: string;
  port: number;
  family: "udp4" | "udp6";
  slots: (Slot | null)[];
  next: number;
  /** Why the guard refuses this destination, or null. */
  refusal: string | null;
}

export interface UdpMuxOptions {
  /** Sockets per destination (default 4). */
  socketsPerServer?: number;
  /** Queries per socket before it is replaced (default 2000). */
  maxUsesPerSocket?: number;
  /** Sockets idle this long are closed, ms (default 5 s). */
  idleMs?: number;
  /** Deadline check interval, ms (default 10). */
  tickMs?: number;
  /** Address policy: the reason a destination is refused, or null (never a packet to a refused one). */
  guard?: (address: string) => string | null;
}

export class UdpMux {
  private readonly pools = new Map<string, Pool>();
  /** Every open socket, retired ones included (they finish their pending queries). */
  private readonly live = new Set<Slot>();
  private closed = false;
  private readonly size: number;
  private readonly maxUses: number;
  private readonly idleMs: number;
  private sweeper: ReturnType<typeof setInterval> | null = null;
  /**
   * One ticking timer checks every pending query's deadline: a setTimeout
   * per query (create + clear) cost a third of the throughput. Nor is the
   * clock read per packet (a clock read cost a tenth of a send): the first
   * tick after a send stamps the exchange, a time no earlier than the send,
   * and the timeout runs from there — never early, late by at most a tick.
   */
  private ticker: ReturnType<typeof setInterval> | null = null;
  private pendingCount = 0;
  /** performance.now() as of the last tick (idle bookkeeping needs no precision). */
  private clock = performance.now();
  private readonly tickMs: number;
  private readonly guard: ((address: string) => string | null) | null;
  /** Datagrams from a server that matched no query at all. */
  strays = 0;

  constructor(
    private readonly signal: AbortSignal | null = null,
    opts: UdpMuxOptions = {},
  ) {
    this.size = Math.max(1, opts.socketsPerServer ?? 4);
    this.maxUses = Math.min(16_384, Math.max(1, opts.maxUsesPerSocket ?? 2000));
    this.idleMs = opts.idleMs ?? 5000;
    this.tickMs = opts.tickMs ?? 10;
    this.guard = opts.guard ?? null;
    signal?.addEventListener("abort", () => this.failAll(abortError(signal)), { once: true });
  }

  exchange(opts: ExchangeOptions, judge: (frame: Uint8Array) => FrameVerdict): Promise<ExchangeResult> {
    return new Promise((resolve) => {
      const p = new PromiseExchange(judge, resolve);
      p.address = opts.address;
      p.port = opts.port;
      p.poolKey = `${opts.address}|${opts.port}`;
      p.payload = opts.payload;
      p.timeoutMs = opts.timeoutMs;
      const sig = opts.signal;
      // The session's own signal is watched once for all queries (failAll); only a foreign one costs a listener.
      if (sig && sig !== this.signal && !sig.aborted) {
        p.signal = sig;
        p.onAbort = () => this.finish(p, null, abortError(sig));
        sig.addEventListener("abort", p.onAbort, { once: true });
      }
      if (sig?.aborted) p.done(null, abortError(sig));
      else this.start(p);
    });
  }

  /**
   * Send an exchange; its done() is called exactly once (answer, error,
   * timeout, or cancellation by the mux's signal / close()).
   */
  start(p: UdpExchange): void {
    if (this.closed || this.signal?.aborted) {
      p.done(null, this.signal?.aborted ? abortError(this.signal) : closedError());
      return;
    }
    const pool = this.pools.get(p.poolKey) ?? this.newPool(p);
    if (pool.refusal !== null) {
      p.done(null, { kind: "address-refused", message: pool.refusal });
      return;
    }
    const slot = this.slot(pool);
    const id = this.freeId(slot);
    p.id = id;
    p.slot = slot;
    p.mismatches = 0;
    p.bytes = 0;
    p.since = NOT_STAMPED;
    slot.pending.set(id, p);
    if (this.pendingCount++ === 0) {
      this.clock = performance.now();
      // Two calls, not renewBusy inside expire: expire's scan runs hot and is optimised, and with the socket
      // renewal (socket creation, connect, close) inlined into it its compilation cost several times more.
      this.ticker = setInterval(() => {
        // The deadline is judged in the check phase, after the poll phase has read what the kernel holds:
        // timers run before poll, so after a busy spell (a long synchronous parse, GC) an answer already
        // received would otherwise be declared a timeout. The clock is read here, before the reads.
        const now = performance.now();
        setImmediate(() => {
          this.expire(now);
          this.renewBusy();
        });
      }, this.tickMs);
    }
    const payload = p.payload;
    payload[0] = id >> 8;
    payload[1] = id & 0xff;
    if (slot.queue) slot.queue.push(p);
    else slot.sock.send(payload);
  }

  /** Stop: pending exchanges end as cancelled, sockets close. */
  close(): void {
    if (this.closed) return;
    this.failAll(closedError());
    this.closed = true;
    for (const s of [...this.live]) this.closeSlot(s);
    this.pools.clear();
    if (this.sweeper) clearInterval(this.sweeper);
    this.sweeper = null;
  }

  /** Open sockets (tests, benchmark). */
  get openSockets(): number {
    return this.live.size;
  }

  /** The guard is asked once per destination: the policy is fixed for the mux's life. */
  private newPool(p: UdpExchange): Pool {
    const pool: Pool = {
      key: p.poolKey,
      address: p.address,
      port: p.port,
      family: isIP(p.address) === 6 ? "udp6" : "udp4",
      slots: new Array(this.size).fill(null),
      next: 0,
      refusal: this.guard?.(p.address) ?? null,
    };
    this.pools.set(p.poolKey, pool);
    return pool;
  }

  private slot(pool: Pool): Slot {
    const i = pool.next++ % this.size;
    let s = pool.slots[i];
    // Rarely taken once a pool runs: the tick renews busy sockets before they reach maxUses (renewBusy).
    if (s === null || s.uses >= this.maxUses) s = this.renew(pool, i);
    s.uses++;
    return s;
  }

  /**
   * Put a fresh socket (a new random port) in slot i of the pool. The old one
   * is retired: it keeps its port until its pending queries end.
   */
  private renew(pool: Pool, i: number): Slot {
    const old = pool.slots[i];
    if (old) {
      old.retired = true;
      if (old.pending.size === 0) this.closeSlot(old);
    }
    const s = this.open(pool);
    pool.slots[i] = s;
    return s;
  }

  /**
   * Renew, from the tick, the sockets that have used three quarters of their
   * maxUses queries, and close retired ones that have drained. Why not on the query
   * path alone: a branch the compiled query path has never taken throws that
   * code away when it is first taken (V8 deoptimises on missing feedback), and
   * rotation and closing happen every few thousand queries — each costing a
   * recompile of the whole inlined send path. The query path still renews a
   * socket that reached maxUses between two ticks.
   */
  private renewBusy(): void {
    // A small cap (tests) is honoured exactly; a larger one is renewed a little early, never late.
    const early = this.maxUses >= 16 ? this.maxUses - (this.maxUses >> 2) : this.maxUses;
    for (const pool of this.pools.values()) {
      const slots = pool.slots;
      for (let i = 0; i < slots.length; i++) {
        const s = slots[i];
        if (s !== null && s.uses >= early) this.renew(pool, i);
      }
    }
    this.closeDrained();
  }

  private closeDrained(): void {
    for (const s of this.live) if (s.retired && s.pending.size === 0) this.closeSlot(s);
  }

  private open(pool: Pool): Slot {
    const sock = dgram.createSocket(pool.family);
    const slot: Slot = {
      sock,
      pool,
      queue: [],
      pending: new Map(),
      used: new Uint8Array(8192),
      uses: 0,
      retired: false,
      idleSince: performance.now(),
    };
    this.live.add(slot);
    sock.on("message", (msg) => this.onMessage(slot, msg));
    sock.on("error", (e) => this.broken(slot, e.message));
    // connect() makes the kernel filter sources and lets the OS pick a random local port.
    sock.connect(pool.port, pool.address, () => {
      const q = slot.queue ?? [];
      slot.queue = null;
      // No per-send callback: a completion callback per datagram cost more than the send itself;
      // a failed send surfaces as the socket's 'error' event (broken()).
      for (const p of q) if (slot.pending.get(p.id) === p) sock.send(p.payload);
    });
    // Pending timers keep the process alive while queries run; an idle pool must not.
    sock.unref();
    if (!this.sweeper) {
      this.sweeper = setInterval(() => this.sweep(), this.idleMs);
      this.sweeper.unref();
    }
    return slot;
  }

  /** A socket error (e.g. ICMP port unreachable → ECONNREFUSED) ends every query on that socket. */
  private broken(slot: Slot, message: string): void {
    slot.queue = null;
    for (const p of [...slot.pending.values()]) this.finish(p, null, { kind: "network", message });
    this.closeSlot(slot);
  }

  /** An unpredictable ID this socket has never used (RFC 5452 §9.2). */
  private freeId(slot: Slot): number {
    const used = slot.used;
    let id: number;
    // At most maxUsesPerSocket (≤ a few thousand) of 65,536 IDs are taken: a few draws suffice.
    // One call site: a second one, reached only on a collision, deoptimised the compiled send path when first hit.
    do id = randomId();
    while (used[id >> 3] & (1 << (id & 7)));
    used[id >> 3] |= 1 << (id & 7);
    return id;
  }

  private onMessage(slot: Slot, msg: Buffer): void {
    const id = msg.length >= 2 ? (msg[0] << 8) | msg[1] : -1;
    const p = id >= 0 ? slot.pending.get(id) : undefined;
    if (!p) {
      if (id >= 0 && slot.used[id >> 3] & (1 << (id & 7))) return; // late answer to an ended query
      // Wrong ID from the server we asked: it counts against the oldest query on this socket.
      const oldest = slot.pending.values().next();
      if (oldest.done) this.strays++;
      else {
        oldest.value.mismatches++;
        oldest.value.bytes += msg.length;
      }
      return;
    }
    p.bytes += msg.length;
    // A Buffer is a Uint8Array: judges and keepers read bytes only (kept answers are copied, query-server.ts).
    const frame: Uint8Array = msg;
    const v = p.judge(frame);
    if (v === "ignore") {
      p.mismatches++;
      return;
    }
    if (v === "accept" || v === "more") this.finish(p, frame, null);
    else this.finish(p, null, v);
  }

  private finish(p: UdpExchange, frame: Uint8Array | null, error: QueryError | null): void {
    const slot = p.slot;
    if (!slot || slot.pending.get(p.id) !== p) return; // already finished
    slot.pending.delete(p.id);
    p.slot = null;
    // The time of the socket's last answer: when nothing is pending it is when it became idle (sweep).
    slot.idleSince = this.clock;
    // Retired sockets that drained are closed by the tick, or here when the last query ends.
    if (--this.pendingCount === 0) this.stopTicking();
    p.done(frame, error);
  }

  private stopTicking(): void {
    if (this.ticker) clearInterval(this.ticker);
    this.ticker = null;
    this.closeDrained();
  }

  /**
   * End the queries whose deadline passed as of `now` (read before the poll phase). A query sent since then is
   * stamped with the present, so a timeout still never starts before its send.
   */
  private expire(now: number): void {
    const stamp = (this.clock = performance.now());
    topUpIds();
    for (const s of [...this.live]) {
      for (const p of s.pending.values()) {
        if (p.since < 0) p.since = stamp;
        if (now - p.since < p.timeoutMs) continue;
        const error: QueryError =
          p.mismatches > 0
            ? { kind: "id-mismatch", message: `${p.mismatches} answer(s) did not match the query` }
            : { kind: "timeout", message: `no answer within ${p.timeoutMs} ms` };
        this.finish(p, null, error);
      }
    }
  }

  /** Close sockets idle for a while (a long walk meets many servers once). */
  private sweep(): void {
    const now = performance.now();
    for (const s of [...this.live]) if (s.pending.size === 0 && now - s.idleSince >= this.idleMs) this.closeSlot(s);
    for (const [k, pool] of this.pools) if (pool.slots.every((x) => x === null)) this.pools.delete(k);
    if (this.live.size === 0 && this.sweeper) {
      clearInterval(this.sweeper);
      this.sweeper = null;
    }
  }

  private failAll(error: QueryError): void {
    for (const s of [...this.live]) {
      for (const p of [...s.pending.values()]) this.finish(p, null, error);
    }
  }

  private closeSlot(s: Slot): void {
    if (!this.live.delete(s)) return;
    const list = s.pool.slots;
    const i = list.indexOf(s);
    if (i >= 0) list[i] = null;
    try {
      s.sock.close();
    } catch {
      // already closed
    }
  }
}

function closedError(): QueryError {
  return { kind: "cancelled", message: "query session closed" };
}

/**
 * Crypto-random 16-bit IDs drawn from a pool (one syscall per few thousand
 * IDs). Filled at load and topped up by the mux's tick, so the query path
 * refills it itself only when more than half of it went within one tick.
 */
const idPool = randomFillSync(new Uint16Array(4096));
let idNext = 0;
function randomId(): number {
  if (idNext >= idPool.length) topUpIds();
  return idPool[idNext++];
}

function topUpIds(): void {
  if (idNext < idPool.length >> 1) return;
  randomFillSync(idPool);
  idNext = 0;
}
