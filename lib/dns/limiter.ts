/**
 * Load discipline for live queries (DESIGN §5 "Load"): bounded in-flight
 * queries overall and per server, a per-server token bucket, and a cap on
 * queries per run. Waiters are served in FIFO order per eligibility.
 *
 * With a SharedRateLimit (shared-rate.ts) every packet also needs a token
 * leased from a budget that all runs of all processes share per server
 * address, so the rate holds for them together, not per run.
 */
import { performance } from "node:perf_hooks";
import type { SharedRateLimit } from "./shared-rate";
import type { QueryError } from "./types";

export interface LoadLimits {
  /** Queries in flight across all servers (default 64). */
  maxInFlight: number;
  /** Queries in flight towards one server address (default 8). */
  maxInFlightPerServer: number;
  /**
   * Sustained queries per second towards one server address; Infinity lifts the limit (default 400).
   * 400 q/s is well under 1 % of what one authoritative server answers, and the questions are
   * distinct (response rate limiting counts identical answers); it lets the ~10,000 RRsets of a
   * 5,000-name zone be asked one by one at a server that refuses AXFR in about 25 s.
   */
  ratePerServer: number;
  /** Token bucket depth per server (default 40). */
  burstPerServer: number;
  /** Packets sent per run, retries included (default 50,000). */
  maxQueries: number;
}

export const DEFAULT_LOAD_LIMITS: LoadLimits = {
  maxInFlight: 64,
  maxInFlightPerServer: 8,
  ratePerServer: 400,
  burstPerServer: 40,
  maxQueries: 50_000,
};

/** A granted slot; a class rather than a closure per grant (hot path: one per packet). */
class Grant {
  readonly ok = true as const;
  private released = false;
  constructor(
    private readonly limiter: Limiter,
    private readonly bucket: Bucket,
  ) {}
  release(): void {
    if (this.released) return;
    this.released = true;
    this.limiter.releaseSlot(this.bucket);
  }
}

/** One server's state; callers on the hot path hold it (bucketOf) instead of looking it up per packet. */
export interface Bucket {
  readonly key: string;
  tokens: number;
  updated: number;
  inFlight: number;
  /** Tokens leased from the shared budget, usable until `leaseUntil` (this clock). */
  leased: number;
  leaseUntil: number;
  leasing: boolean;
  /** Earliest time to ask the shared budget again after it granted nothing. */
  leaseRetryAt: number;
}

interface Waiter {
  key: string;
  resolve: (r: Acquired) => void;
  signal?: AbortSignal;
  onAbort?: () => void;
}

export type Acquired = { ok: true; release: () => void } | { ok: false; error: QueryError };

export class Limiter {
  readonly limits: LoadLimits;
  private inFlight = 0;
  private issued = 0;
  private readonly buckets = new Map<string, Bucket>();
  private readonly waiters: Waiter[] = [];
  private timer: ReturnType<typeof setTimeout> | null = null;
  private readonly now: () => number;
  private readonly shared: SharedRateLimit | null;
  private closed = false;

  constructor(
    limits: Partial<LoadLimits> = {},
    now: () => number = () => performance.now(),
    shared: SharedRateLimit | null = null,
  ) {
    this.limits = { ...DEFAULT_LOAD_LIMITS, ...limits };
    this.now = now;
    // Without a rate there is nothing to share.
    this.shared = this.limits.ratePerServer === Infinity ? null : shared;
  }

  /** Stop asking the shared budget (the session ended). */
  close(): void {
    this.closed = true;
    if (this.timer) clearTimeout(this.timer);
    this.timer = null;
  }

  /** Packets granted so far (the cap counts these). */
  get granted(): number {
    return this.issued;
  }

  /** Wait for permission to send one packet to server `key` (address:port). */
  acquire(key: string, signal?: AbortSignal): Promise<Acquired> {
    return new Promise((resolve) => {
      if (signal?.aborted) {
        resolve({ ok: false, error: { kind: "cancelled", message: "cancelled" } });
        return;
      }
      const w: Waiter = { key, resolve, signal };
      if (signal) {
        w.onAbort = () => {
          const i = this.waiters.indexOf(w);
          if (i >= 0) this.waiters.splice(i, 1);
          const r = signal.reason as { kind?: string } | undefined;
          resolve({
            ok: false,
            error:
              r?.kind === "deadline"
                ? { kind: "deadline", message: "run deadline reached" }
                : { kind: "cancelled", message: "cancelled" },
          });
        };
        signal.addEventListener("abort", w.onAbort, { once: true });
      }
      this.waiters.push(w);
      this.pump();
    });
  }

  /**
   * Permission without waiting, or null (then call acquire). Only granted
   * when nobody waits, so the FIFO order of waiters is kept.
   */
  tryAcquire(key: string): Acquired | null {
    const b = this.bucketOf(key);
    return this.tryTake(b) ? new Grant(this, b) : null;
  }

  /** The bucket of server `key` (stable for the limiter's life). */
  bucketOf(key: string): Bucket {
    let b = this.buckets.get(key);
    if (!b) {
      b = {
        key,
        tokens: this.limits.burstPerServer,
        updated: this.now(),
        inFlight: 0,
        leased: 0,
        leaseUntil: 0,
        leasing: false,
        leaseRetryAt: 0,
      };
      this.buckets.set(key, b);
    }
    return b;
  }

  /**
   * tryAcquire without a Grant object: true when a slot was taken, which the
   * caller must give back exactly once with releaseSlot(b).
   */
  tryTake(b: Bucket): boolean {
    if (this.waiters.length > 0 || this.inFlight >= this.limits.maxInFlight) return false;
    if (this.issued >= this.limits.maxQueries) return false;
    this.refill(b);
    if (b.inFlight >= this.limits.maxInFlightPerServer || b.tokens < 1 || !this.hasLease(b)) return false;
    this.take(b);
    return true;
  }

  private hasLease(b: Bucket): boolean {
    if (!this.shared) return true;
    if (b.leased >= 1 && this.now() >= b.leaseUntil) b.leased = 0; // its slice is over: unused tokens lapse
    return b.leased >= 1;
  }

  /** Ask the shared budget for tokens towards `key` (one request per server at a time). */
  private lease(key: string, b: Bucket, want: number): void {
    const shared = this.shared;
    if (!shared || b.leasing || this.closed || this.now() < b.leaseRetryAt) return;
    b.leasing = true;
    const rate = this.limits.ratePerServer;
    void shared
      .take(key, Math.max(1, want), rate)
      .then(
        (r) => ({
          granted: Math.max(0, Math.floor(r.granted)),
          validMs: r.validUntil === undefined ? r.validMs : Math.min(r.validMs, r.validUntil - Date.now()),
          retryMs: r.retryMs,
        }),
        // The shared budget is unreachable: grant nothing and ask again soon, never send unmetered.
        () => ({ granted: 0, validMs: 0, retryMs: 500 }),
      )
      .then((r) => {
        b.leasing = false;
        const t = this.now();
        if (r.granted > 0 && r.validMs > 0) {
          b.leased = r.granted;
          b.leaseUntil = t + r.validMs;
        } else b.leaseRetryAt = t + Math.max(1, r.retryMs);
        if (this.closed) return;
        if (r.granted > 0 && r.validMs > 0) this.pump();
        else this.schedule(Math.max(1, r.retryMs || 50));
      });
  }

  private schedule(ms: number): void {
    if (this.timer !== null || this.closed) return;
    this.timer = setTimeout(
      () => {
        this.timer = null;
        this.pump();
      },
      Math.max(1, Math.ceil(ms)),
    );
  }

  private take(b: Bucket): void {
    if (this.shared) b.leased -= 1;
    b.tokens -= 1;
    b.inFlight++;
    this.inFlight++;
    this.issued++;
  }

  private grant(b: Bucket): Acquired & { ok: true } {
    this.take(b);
    return new Grant(this, b);
  }

  /** Called once per grant by Grant.release, or by the holder of a tryTake. */
  releaseSlot(b: Bucket): void {
    b.inFlight--;
    this.inFlight--;
    if (this.waiters.length > 0) this.pump();
  }

  private bucket(key: string): Bucket {
    return this.refill(this.bucketOf(key));
  }

  /** Add the tokens earned since the last refill. */
  private refill(b: Bucket): Bucket {
    if (this.limits.ratePerServer === Infinity) {
      b.tokens = Infinity; // rate limit lifted: no clock reading needed
      return b;
    }
    const t = this.now();
    b.tokens = Math.min(this.limits.burstPerServer, b.tokens + ((t - b.updated) / 1000) * this.limits.ratePerServer);
    b.updated = t;
    return b;
  }

  private pump(): void {
    let wait = Infinity;
    // Per server, how many waiters wait for shared tokens (the size of the next lease).
    let unleased: Map<string, number> | null = null;
    for (let i = 0; i < this.waiters.length;) {
      const w = this.waiters[i];
      if (this.issued >= this.limits.maxQueries) {
        this.waiters.splice(i, 1);
        this.detach(w);
        w.resolve({
          ok: false,
          error: { kind: "query-cap", message: `query cap of ${this.limits.maxQueries} reached` },
        });
        continue;
      }
      if (this.inFlight >= this.limits.maxInFlight) break;
      const b = this.bucket(w.key);
      if (b.inFlight >= this.limits.maxInFlightPerServer) {
        i++;
        continue;
      }
      if (!this.hasLease(b)) {
        unleased ??= new Map();
        unleased.set(w.key, (unleased.get(w.key) ?? 0) + 1);
        if (b.leaseRetryAt > this.now()) wait = Math.min(wait, b.leaseRetryAt - this.now());
        i++;
        continue;
      }
      if (b.tokens < 1) {
        wait = Math.min(wait, ((1 - b.tokens) / this.limits.ratePerServer) * 1000);
        i++;
        continue;
      }
      this.waiters.splice(i, 1);
      this.detach(w);
      w.resolve(this.grant(b));
    }
    if (unleased) {
      // Lease what is waiting, at most a quarter second's worth: few tokens lapse unused, few round trips.
      const most = Math.max(1, Math.ceil(this.limits.ratePerServer / 4));
      for (const [key, n] of unleased) this.lease(key, this.bucketOf(key), Math.min(n, most));
    }
    if (wait !== Infinity) this.schedule(wait);
  }

  private detach(w: Waiter): void {
    if (w.signal && w.onAbort) w.signal.removeEventListener("abort", w.onAbort);
  }
}
