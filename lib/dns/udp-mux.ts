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
import { isIP } from "node:net";
import type { ExchangeOptions, ExchangeResult, FrameVerdict } from "./transport";
import { abortError } from "./transport";
import type { QueryError } from "./types";

interface Pending {
  id: number;
  judge: (frame: Uint8Array) => FrameVerdict;
  resolve: (r: ExchangeResult) => void;
  /** performance.now() after which the query has timed out. */
  deadline: number;
  timeoutMs: number;
  mismatches: number;
  bytes: number;
  signal?: AbortSignal;
  onAbort?: () => void;
  slot: Slot;
}

interface Slot {
  sock: dgram.Socket;
  pool: Pool;
  /** Payloads waiting for connect() to complete. */
  queue: { payload: Uint8Array; p: Pending }[] | null;
  pending: Map<number, Pending>;
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
   * per query (create + clear) cost a third of the throughput. Timeouts are
   * therefore late by at most one tick.
   */
  private ticker: ReturnType<typeof setInterval> | null = null;
  private pendingCount = 0;
  /** performance.now() as of the last tick or exchange (idle bookkeeping needs no precision). */
  private clock = performance.now();
  private readonly tickMs: number;
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
    signal?.addEventListener("abort", () => this.failAll(abortError(signal)), { once: true });
  }

  exchange(opts: ExchangeOptions, judge: (frame: Uint8Array) => FrameVerdict): Promise<ExchangeResult> {
    return new Promise((resolve) => {
      const sig = opts.signal;
      if (sig?.aborted || this.closed) {
        resolve({ ok: false, error: sig?.aborted ? abortError(sig) : closedError(), frames: [], mismatches: 0, bytes: 0 });
        return;
      }
      const slot = this.slot(opts.address, opts.port);
      const id = this.freeId(slot);
      const p: Pending = {
        id,
        judge,
        resolve,
        mismatches: 0,
        bytes: 0,
        slot,
        deadline: (this.clock = performance.now()) + opts.timeoutMs,
        timeoutMs: opts.timeoutMs,
      };
      slot.pending.set(id, p);
      if (this.pendingCount++ === 0) this.ticker = setInterval(() => this.expire(), this.tickMs);
      // The session's own signal is watched once for all queries (failAll); only a foreign one costs a listener.
      if (sig && sig !== this.signal) {
        p.signal = sig;
        p.onAbort = () => this.finish(p, { ok: false, error: abortError(sig), frames: [], mismatches: p.mismatches, bytes: p.bytes });
        sig.addEventListener("abort", p.onAbort, { once: true });
      }
      const payload = opts.payload;
      payload[0] = id >> 8;
      payload[1] = id & 0xff;
      if (slot.queue) slot.queue.push({ payload, p });
      else this.send(slot, payload);
    });
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

  /**
   * No per-send callback: a completion callback per datagram cost more than
   * the send itself. A failed send surfaces as the socket's 'error' event,
   * which ends the queries on that socket as network errors (broken()).
   */
  private send(slot: Slot, payload: Uint8Array): void {
    slot.sock.send(payload);
  }

  private slot(address: string, port: number): Slot {
    const key = `${address}|${port}`;
    let pool = this.pools.get(key);
    if (!pool) {
      pool = { key, address, port, family: isIP(address) === 6 ? "udp6" : "udp4", slots: new Array(this.size).fill(null), next: 0 };
      this.pools.set(key, pool);
    }
    const i = pool.next++ % this.size;
    let s = pool.slots[i];
    if (s && s.uses >= this.maxUses) {
      // Retire: it keeps its port until its pending queries end; new queries get a fresh port.
      s.retired = true;
      if (s.pending.size === 0) this.closeSlot(s);
      s = null;
    }
    if (!s) {
      s = this.open(pool);
      pool.slots[i] = s;
    }
    s.uses++;
    return s;
  }

  private open(pool: Pool): Slot {
    const sock = dgram.createSocket(pool.family);
    const slot: Slot = { sock, pool, queue: [], pending: new Map(), used: new Uint8Array(8192), uses: 0, retired: false, idleSince: performance.now() };
    this.live.add(slot);
    sock.on("message", (msg) => this.onMessage(slot, msg));
    sock.on("error", (e) => this.broken(slot, e.message));
    // connect() makes the kernel filter sources and lets the OS pick a random local port.
    sock.connect(pool.port, pool.address, () => {
      const q = slot.queue ?? [];
      slot.queue = null;
      for (const { payload, p } of q) if (slot.pending.get(p.id) === p) this.send(slot, payload);
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
    for (const p of [...slot.pending.values()]) {
      this.finish(p, { ok: false, error: { kind: "network", message }, frames: [], mismatches: p.mismatches, bytes: p.bytes });
    }
    this.closeSlot(slot);
  }

  /** An unpredictable ID this socket has never used (RFC 5452 §9.2). */
  private freeId(slot: Slot): number {
    const used = slot.used;
    let id = randomId();
    // At most maxUsesPerSocket (≤ a few thousand) of 65,536 IDs are taken: a few draws suffice.
    while (used[id >> 3] & (1 << (id & 7))) id = randomId();
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
    const frame = new Uint8Array(msg.buffer, msg.byteOffset, msg.length);
    const v = p.judge(frame);
    if (v === "ignore") {
      p.mismatches++;
      return;
    }
    if (v === "accept" || v === "more") {
      this.finish(p, { ok: true, frames: [frame], mismatches: p.mismatches, bytes: p.bytes });
      return;
    }
    this.finish(p, { ok: false, error: v, frames: [], mismatches: p.mismatches, bytes: p.bytes });
  }

  private finish(p: Pending, r: ExchangeResult): void {
    const slot = p.slot;
    if (slot.pending.get(p.id) !== p) return; // already finished
    slot.pending.delete(p.id);
    if (--this.pendingCount === 0 && this.ticker) {
      clearInterval(this.ticker);
      this.ticker = null;
    }
    if (p.signal && p.onAbort) p.signal.removeEventListener("abort", p.onAbort);
    if (slot.pending.size === 0) {
      slot.idleSince = this.clock;
      if (slot.retired) this.closeSlot(slot);
    }
    p.resolve(r);
  }

  /** End the queries whose deadline passed. */
  private expire(): void {
    const now = (this.clock = performance.now());
    for (const s of [...this.live]) {
      for (const p of s.pending.values()) {
        if (p.deadline > now) continue;
        const error: QueryError =
          p.mismatches > 0
            ? { kind: "id-mismatch", message: `${p.mismatches} answer(s) did not match the query` }
            : { kind: "timeout", message: `no answer within ${p.timeoutMs} ms` };
        this.finish(p, { ok: false, error, frames: [], mismatches: p.mismatches, bytes: p.bytes });
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
      for (const p of [...s.pending.values()]) this.finish(p, { ok: false, error, frames: [], mismatches: p.mismatches, bytes: p.bytes });
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

/** Crypto-random 16-bit IDs drawn from a refilled pool (one syscall per 4096 IDs). */
const idPool = new Uint16Array(4096);
let idNext = idPool.length;
function randomId(): number {
  if (idNext >= idPool.length) {
    randomFillSync(idPool);
    idNext = 0;
  }
  return idPool[idNext++];
}
