/**
 * UDP exchanges over a small pool of shared sockets, answers demultiplexed
 * by (message ID, source address, source port).
 *
 * Why not one socket per query: creating, binding and closing a socket per
 * query cost more than everything else in a query together (the benchmark
 * measured 12 % of dnsperf's throughput that way). Why a pool and not one
 * socket: each socket is bound by the OS to its own random port, so source
 * port and ID together still give an off-path spoofer 16 + log2(pool) bits
 * to guess, and the ID space per socket stays sparse (RFC 5452 §4, §9.1).
 * A socket is replaced after `maxUsesPerSocket` queries so the ports keep
 * changing over a long run.
 *
 * The mux chooses each query's ID (unpredictable, unused on its socket) and
 * writes it into the payload's first two bytes: judges read the ID sent
 * from there. Never throws: every exchange resolves to an ExchangeResult.
 */
import { randomFillSync } from "node:crypto";
import dgram from "node:dgram";
import { isIP } from "node:net";
import type { ExchangeOptions, ExchangeResult, FrameVerdict } from "./transport";
import { abortError } from "./transport";
import type { QueryError } from "./types";

interface Pending {
  id: number;
  address: string;
  port: number;
  judge: (frame: Uint8Array) => FrameVerdict;
  resolve: (r: ExchangeResult) => void;
  timer: ReturnType<typeof setTimeout>;
  mismatches: number;
  bytes: number;
  signal?: AbortSignal;
  onAbort?: () => void;
  slot: Slot;
}

interface Slot {
  sock: dgram.Socket;
  family: "udp4" | "udp6";
  pending: Map<number, Pending>;
  /** IDs whose query ended recently: a late answer is dropped, and the ID is not reused yet. */
  recent: Map<number, number>;
  uses: number;
  retired: boolean;
}

export interface UdpMuxOptions {
  /** Sockets per address family (default 8). */
  sockets?: number;
  /** Queries per socket before it is replaced (default 2000). */
  maxUsesPerSocket?: number;
  /** How long an ended query's ID stays reserved, ms (default 10 s). */
  lateWindowMs?: number;
}

export class UdpMux {
  private readonly slots: Record<"udp4" | "udp6", (Slot | null)[]>;
  /** Every open socket, retired ones included (they finish their pending queries). */
  private readonly live = new Set<Slot>();
  private next = 0;
  private closed = false;
  private readonly size: number;
  private readonly maxUses: number;
  private readonly lateWindowMs: number;
  /** Datagrams that matched no query of their socket at all (neither ID nor source). */
  strays = 0;

  constructor(
    private readonly signal: AbortSignal | null = null,
    opts: UdpMuxOptions = {},
  ) {
    this.size = Math.max(1, opts.sockets ?? 8);
    this.maxUses = Math.max(1, opts.maxUsesPerSocket ?? 2000);
    this.lateWindowMs = opts.lateWindowMs ?? 10_000;
    this.slots = { udp4: new Array(this.size).fill(null), udp6: new Array(this.size).fill(null) };
    signal?.addEventListener("abort", () => this.failAll(abortError(signal)), { once: true });
  }

  exchange(opts: ExchangeOptions, judge: (frame: Uint8Array) => FrameVerdict): Promise<ExchangeResult> {
    return new Promise((resolve) => {
      const sig = opts.signal;
      if (sig?.aborted || this.closed) {
        resolve({ ok: false, error: sig?.aborted ? abortError(sig) : closedError(), frames: [], mismatches: 0, bytes: 0 });
        return;
      }
      const family = isIP(opts.address) === 6 ? "udp6" : "udp4";
      const slot = this.slot(family);
      const id = this.freeId(slot);
      const p: Pending = {
        id,
        address: normalizeAddr(opts.address),
        port: opts.port,
        judge,
        resolve,
        mismatches: 0,
        bytes: 0,
        slot,
        timer: setTimeout(() => {
          const error: QueryError =
            p.mismatches > 0
              ? { kind: "id-mismatch", message: `${p.mismatches} answer(s) did not match the query` }
              : { kind: "timeout", message: `no answer within ${opts.timeoutMs} ms` };
          this.finish(p, { ok: false, error, frames: [], mismatches: p.mismatches, bytes: p.bytes });
        }, opts.timeoutMs),
      };
      slot.pending.set(id, p);
      // The session's own signal is watched once for all queries (failAll); only a foreign one costs a listener.
      if (sig && sig !== this.signal) {
        p.signal = sig;
        p.onAbort = () => this.finish(p, { ok: false, error: abortError(sig), frames: [], mismatches: p.mismatches, bytes: p.bytes });
        sig.addEventListener("abort", p.onAbort, { once: true });
      }
      const payload = opts.payload;
      payload[0] = id >> 8;
      payload[1] = id & 0xff;
      slot.sock.send(payload, opts.port, opts.address, (err) => {
        if (err) this.finish(p, { ok: false, error: { kind: "network", message: err.message }, frames: [], mismatches: p.mismatches, bytes: p.bytes });
      });
    });
  }

  /** Stop: pending exchanges end as cancelled, sockets close. */
  close(): void {
    if (this.closed) return;
    this.failAll(closedError());
    this.closed = true;
    for (const s of this.live) this.closeSlot(s);
    this.slots.udp4.fill(null);
    this.slots.udp6.fill(null);
  }

  /** Open sockets (for tests and the benchmark). */
  get openSockets(): number {
    return this.live.size;
  }

  private slot(family: "udp4" | "udp6"): Slot {
    const i = this.next++ % this.size;
    let s = this.slots[family][i];
    if (s && s.uses >= this.maxUses) {
      // Retire: keep it open until its pending queries end, new ones go to a fresh port.
      s.retired = true;
      if (s.pending.size === 0) this.closeSlot(s);
      s = null;
    }
    if (!s) {
      s = this.open(family);
      this.slots[family][i] = s;
    }
    s.uses++;
    return s;
  }

  private open(family: "udp4" | "udp6"): Slot {
    const sock = dgram.createSocket(family);
    const slot: Slot = { sock, family, pending: new Map(), recent: new Map(), uses: 0, retired: false };
    this.live.add(slot);
    sock.on("message", (msg, rinfo) => this.onMessage(slot, msg, rinfo));
    sock.on("error", (e) => {
      // A socket-level error ends every query on it; the slot is replaced on next use.
      for (const p of [...slot.pending.values()]) {
        this.finish(p, { ok: false, error: { kind: "network", message: e.message }, frames: [], mismatches: p.mismatches, bytes: p.bytes });
      }
      slot.retired = true;
      this.closeSlot(slot);
      const list = this.slots[family];
      const i = list.indexOf(slot);
      if (i >= 0) list[i] = null;
    });
    // Pending timers keep the process alive while queries run; an idle pool must not.
    sock.unref();
    return slot;
  }

  /** An unpredictable ID not in use (nor recently used) on this socket (RFC 5452 §9.2). */
  private freeId(slot: Slot): number {
    const now = performance.now();
    let id = randomId();
    for (let i = 0; i < 64; i++) {
      const until = slot.recent.get(id);
      if (!slot.pending.has(id) && (until === undefined || until < now)) {
        if (until !== undefined) slot.recent.delete(id);
        return id;
      }
      id = randomId();
    }
    // Practically unreachable (a socket issues at most maxUsesPerSocket IDs): any ID not pending.
    while (slot.pending.has(id)) id = randomId();
    return id;
  }

  private onMessage(slot: Slot, msg: Buffer, rinfo: dgram.RemoteInfo): void {
    if (msg.length < 2) {
      this.strayFrom(slot, rinfo, msg.length);
      return;
    }
    const id = (msg[0] << 8) | msg[1];
    const p = slot.pending.get(id);
    // Answers must come from the address and port we asked (RFC 5452 §9.1).
    if (!p || p.port !== rinfo.port || p.address !== normalizeAddr(rinfo.address)) {
      if (!p && slot.recent.has(id)) return; // a late answer to a query that already ended
      if (p) {
        p.mismatches++;
        p.bytes += msg.length;
      } else this.strayFrom(slot, rinfo, msg.length);
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

  /** A datagram for no ID we wait for: it counts against the oldest query to that source on this socket. */
  private strayFrom(slot: Slot, rinfo: dgram.RemoteInfo, bytes: number): void {
    const addr = normalizeAddr(rinfo.address);
    for (const p of slot.pending.values()) {
      if (p.port === rinfo.port && p.address === addr) {
        p.mismatches++;
        p.bytes += bytes;
        return;
      }
    }
    this.strays++;
  }

  private finish(p: Pending, r: ExchangeResult): void {
    const slot = p.slot;
    if (slot.pending.get(p.id) !== p) return; // already finished
    slot.pending.delete(p.id);
    slot.recent.set(p.id, performance.now() + this.lateWindowMs);
    if (slot.recent.size > 4096) this.prune(slot);
    clearTimeout(p.timer);
    if (p.signal && p.onAbort) p.signal.removeEventListener("abort", p.onAbort);
    if (slot.retired && slot.pending.size === 0) this.closeSlot(slot);
    p.resolve(r);
  }

  private prune(slot: Slot): void {
    const now = performance.now();
    for (const [id, until] of slot.recent) if (until < now) slot.recent.delete(id);
  }

  private failAll(error: QueryError): void {
    for (const s of [...this.live]) {
      for (const p of [...s.pending.values()]) this.finish(p, { ok: false, error, frames: [], mismatches: p.mismatches, bytes: p.bytes });
    }
  }

  private closeSlot(s: Slot): void {
    this.live.delete(s);
    closeSocket(s);
  }
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

function closedError(): QueryError {
  return { kind: "cancelled", message: "query session closed" };
}

function closeSocket(s: Slot): void {
  try {
    s.sock.close();
  } catch {
    // already closed
  }
}

export function normalizeAddr(a: string): string {
  return a.startsWith("::ffff:") ? a.slice(7) : a.toLowerCase();
}
