/**
 * A query run: shared limits, deadline, cancellation, counters and progress.
 * Every query of one run (walk, discovery, AXFR) goes through one session.
 */
import { setMaxListeners } from "node:events";
import { checkAddress, type AddressPolicy, type PrivateScope } from "./address-policy";
import { Limiter, type Bucket, type LoadLimits } from "./limiter";
import { UdpMux } from "./udp-mux";
import type { ProgressCounts, ProgressEvent, ServerRef } from "./types";

export interface SessionOptions {
  /** Per attempt (default 2000 ms). */
  timeoutMs?: number;
  /** Retries after the first attempt on timeout/network errors (default 2). */
  retries?: number;
  /** First backoff delay; doubles per retry with jitter (default 200 ms). */
  backoffMs?: number;
  /**
   * Whole-run deadline set by the operator. Absent: the snapshot derives one
   * from its plan (planned queries ÷ rate, plus a margin) once it knows it;
   * until then the summary phase runs under INITIAL_DEADLINE_MS.
   */
  deadlineMs?: number;
  /** Use TCP for every query. */
  tcpOnly?: boolean;
  /** EDNS UDP payload size (default 1232, DNS Flag Day 2020); null disables EDNS. */
  ednsUdpSize?: number | null;
  /** Allow loopback/private/reserved destinations (labs): true/"private", or "loopback" only. */
  allowPrivate?: boolean | PrivateScope;
  /** Exact addresses allowed although private (e.g. a lab root); everything learnt from answers is still checked. */
  allowAddresses?: string[];
  /** One port for every server (default 53). */
  port?: number;
  limits?: Partial<LoadLimits>;
  signal?: AbortSignal;
  onProgress?: (e: ProgressEvent) => void;
}

export interface ResolvedSessionOptions {
  timeoutMs: number;
  retries: number;
  backoffMs: number;
  tcpOnly: boolean;
  ednsUdpSize: number | null;
  port: number;
  policy: AddressPolicy;
}

/** Deadline of the first phase (walk, SOA/NS, AXFR) when the operator set none: each query there has its own timeout. */
export const INITIAL_DEADLINE_MS = 180_000;

export class QuerySession {
  readonly options: ResolvedSessionOptions;
  readonly limiter: Limiter;
  readonly signal: AbortSignal;
  /** Shared UDP sockets of this run (closed with the session). */
  readonly udp: UdpMux;
  readonly counts: ProgressCounts = { planned: 0, sent: 0, answered: 0, failed: 0 };
  /** Per-destination state of this run by "address:port" (see dest()). */
  private readonly dests = new Map<string, SessionDest>();
  private readonly controller = new AbortController();
  private deadlineTimer: ReturnType<typeof setTimeout>;
  /** Epoch ms at which the run's deadline fires. */
  deadlineAt: number;
  /** True when the operator set the deadline (then it is never moved). */
  readonly deadlineFixed: boolean;
  private readonly onProgress?: (e: ProgressEvent) => void;
  private readonly userSignal?: AbortSignal;
  private readonly onUserAbort = () => this.controller.abort({ kind: "cancelled" });

  constructor(opts: SessionOptions = {}) {
    this.options = {
      timeoutMs: opts.timeoutMs ?? 2000,
      retries: opts.retries ?? 2,
      backoffMs: opts.backoffMs ?? 200,
      tcpOnly: opts.tcpOnly ?? false,
      ednsUdpSize: opts.ednsUdpSize === undefined ? 1232 : opts.ednsUdpSize,
      port: opts.port ?? 53,
      policy: { allowPrivate: opts.allowPrivate ?? false, allowAddresses: opts.allowAddresses ?? [] },
    };
    this.limiter = new Limiter(opts.limits);
    this.signal = this.controller.signal;
    // Every in-flight query listens for the abort: many listeners are expected.
    setMaxListeners(0, this.signal);
    // Defence in depth: the shared sockets refuse any destination the policy refuses, whoever asks.
    this.udp = new UdpMux(this.signal, { guard: (address) => this.checkAddress(address) });
    this.onProgress = opts.onProgress;
    this.userSignal = opts.signal;
    if (opts.signal?.aborted) this.controller.abort({ kind: "cancelled" });
    else opts.signal?.addEventListener("abort", this.onUserAbort, { once: true });
    this.deadlineFixed = opts.deadlineMs !== undefined;
    const ms = opts.deadlineMs ?? INITIAL_DEADLINE_MS;
    this.deadlineAt = Date.now() + ms;
    this.deadlineTimer = this.armDeadline(ms);
  }

  private armDeadline(ms: number): ReturnType<typeof setTimeout> {
    const t = setTimeout(() => this.controller.abort({ kind: "deadline" }), ms);
    t.unref?.();
    return t;
  }

  /**
   * Move a derived deadline to `ms` from now (a deadline the operator set
   * is kept). Returns the deadline in force, as epoch ms.
   */
  deriveDeadline(ms: number): number {
    if (this.deadlineFixed || this.signal.aborted) return this.deadlineAt;
    clearTimeout(this.deadlineTimer);
    this.deadlineAt = Date.now() + Math.max(1, Math.round(ms));
    this.deadlineTimer = this.armDeadline(this.deadlineAt - Date.now());
    return this.deadlineAt;
  }

  private readonly addressVerdicts = new Map<string, string | null>();

  /** null when the address may be queried, else why not (cached: the policy is fixed per run). */
  checkAddress(address: string): string | null {
    let v = this.addressVerdicts.get(address);
    if (v === undefined) {
      v = checkAddress(address, this.options.policy);
      this.addressVerdicts.set(address, v);
    }
    return v;
  }

  /** Whether anyone listens to progress (saves building events nobody reads). */
  get listening(): boolean {
    return this.onProgress !== undefined;
  }

  emit(e: ProgressEvent): void {
    this.onProgress?.(e);
  }

  plan(count: number): void {
    this.counts.planned += count;
    this.emit({ type: "planned", count, totals: { ...this.counts } });
  }

  private readonly routes = new WeakMap<ServerRef, Route>();

  /**
   * Everything the query path needs about `server`, derived once per
   * ServerRef object (a run reuses its refs for thousands of queries).
   */
  route(server: ServerRef): Route {
    let r = this.routes.get(server);
    // Refs are plain objects: re-derive when someone changed one (no string building per query otherwise).
    if (r === undefined || r.address !== server.address || r.port !== server.port) {
      const key = `${server.address}:${server.port}`;
      r = {
        address: server.address,
        port: server.port,
        key,
        poolKey: `${server.address}|${server.port}`,
        file: `dns://${server.address.includes(":") ? `[${server.address}]` : server.address}:${server.port}`,
        dest: this.dest(key, server.address),
      };
      this.routes.set(server, r);
    }
    return r;
  }

  /**
   * The run's facts about one destination "address:port" at `address`: the
   * query path holds this instead of looking up the policy, the limiter's
   * bucket and the packet counter once each per packet.
   */
  dest(key: string, address: string): SessionDest {
    let d = this.dests.get(key);
    if (!d) {
      d = { key, refusal: this.checkAddress(address), bucket: this.limiter.bucketOf(key), sent: 0 };
      this.dests.set(key, d);
    }
    return d;
  }

  /** Packets (UDP datagrams or TCP connections) sent per destination "address:port". */
  get sentTo(): Map<string, number> {
    const m = new Map<string, number>();
    for (const d of this.dests.values()) if (d.sent > 0) m.set(d.key, d.sent);
    return m;
  }

  /** Count one packet to `key` ("address:port"). */
  noteSent(key: string): void {
    const d = this.dests.get(key) ?? this.dest(key, hostOf(key));
    d.sent++;
    this.counts.sent++;
  }

  /** noteSent for a caller holding the destination. */
  noteSentTo(d: SessionDest): void {
    d.sent++;
    this.counts.sent++;
  }

  /** Stop timers and listeners; in-flight work sees the abort. */
  close(): void {
    clearTimeout(this.deadlineTimer);
    this.userSignal?.removeEventListener("abort", this.onUserAbort);
    if (!this.controller.signal.aborted) this.controller.abort({ kind: "cancelled" });
    this.udp.close();
  }
}

/** A server as the query path addresses it (QuerySession.route). */
export interface Route {
  readonly address: string;
  readonly port: number;
  /** "address:port": limiter bucket and sent-packet counter key. */
  readonly key: string;
  /** "address|port": the UDP mux pool. */
  readonly poolKey: string;
  /** "dns://address:port" (IPv6 in brackets), the `file` of live evidence. */
  readonly file: string;
  readonly dest: SessionDest;
}

/** What a run knows about one destination (QuerySession.dest). */
export interface SessionDest {
  readonly key: string;
  /** Why the address policy refuses it, or null. */
  readonly refusal: string | null;
  readonly bucket: Bucket;
  /** Packets sent to it. */
  sent: number;
}

/** The address of an "address:port" key (IPv6 addresses hold colons themselves). */
function hostOf(key: string): string {
  return key.slice(0, key.lastIndexOf(":"));
}

/** Sleep that ends early (returning false) when the signal aborts. */
export function sleep(ms: number, signal: AbortSignal): Promise<boolean> {
  return new Promise((resolve) => {
    if (signal.aborted) return resolve(false);
    const t = setTimeout(() => {
      signal.removeEventListener("abort", onAbort);
      resolve(true);
    }, ms);
    const onAbort = () => {
      clearTimeout(t);
      resolve(false);
    };
    signal.addEventListener("abort", onAbort, { once: true });
  });
}
