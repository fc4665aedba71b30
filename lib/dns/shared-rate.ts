/**
 * A per-server query budget shared by every run of every process (issue:
 * politeness across workers). Time is cut into fixed slices (1 s); per server
 * address and slice at most ⌊rate × slice⌋ queries are granted, whoever asks.
 * A run leases a few tokens at a time and must spend them before its slice
 * ends: unused tokens lapse, so a server never sees more than the rate in
 * any slice however many workers query it. The PostgreSQL ledger is
 * lib/db/rate-slices.ts; memorySharedRate below is the same arithmetic in
 * one process (tests, single-process use).
 */

export interface SharedRateGrant {
  /** Tokens granted (0 … want). */
  granted: number;
  /** How long from now the granted tokens may be spent (the rest of the slice, minus a margin). */
  validMs: number;
  /**
   * The same deadline as epoch ms on the ledger's clock. The limiter keeps the earlier of the
   * two, so neither a slow reply (validMs counted from its arrival) nor a skewed clock stretches it.
   */
  validUntil?: number;
  /** With nothing granted: when to ask again (the next slice). */
  retryMs: number;
}

export interface SharedRateLimit {
  /** Take up to `want` of the queries server `key` ("address:port") may receive at `ratePerSecond` in the current slice. */
  take(key: string, want: number, ratePerSecond: number): Promise<SharedRateGrant>;
}

/** Slice length: the rate is "per second", so one slice is one second. */
export const SLICE_MS = 1_000;

/**
 * Tokens stop being spendable this long before their slice ends: a packet
 * sent at the very end must still arrive inside the slice, and the lease's
 * reply took some time to reach the worker.
 */
export const SLICE_MARGIN_MS = 100;

/** Queries one slice allows at `ratePerSecond` (at least one, so a slow rate still progresses). */
export function sliceCapacity(ratePerSecond: number, sliceMs: number = SLICE_MS): number {
  return Math.max(1, Math.floor((ratePerSecond * sliceMs) / 1000));
}

/**
 * The grant for a ledger row: `used` tokens already granted in slice
 * `slice` (null: none yet), at time `nowMs`. Pure, so both ledgers share it.
 */
export function grantFor(
  row: { slice: number; used: number } | null,
  want: number,
  ratePerSecond: number,
  nowMs: number,
  sliceMs: number = SLICE_MS,
): { slice: number; used: number; grant: SharedRateGrant } {
  const slice = Math.floor(nowMs / sliceMs);
  const base = row && row.slice === slice ? row.used : 0;
  const cap = sliceCapacity(ratePerSecond, sliceMs);
  const end = (slice + 1) * sliceMs;
  const validMs = end - SLICE_MARGIN_MS - nowMs;
  // Too late in the slice to spend anything: wait for the next one.
  const granted = validMs <= 0 ? 0 : Math.max(0, Math.min(Math.floor(want), cap - base));
  return {
    slice,
    used: base + granted,
    grant: {
      granted,
      validMs: Math.max(0, validMs),
      validUntil: end - SLICE_MARGIN_MS,
      retryMs: granted > 0 ? 0 : Math.max(1, end - nowMs) + Math.floor(Math.random() * 20),
    },
  };
}

/** The shared budget inside one process. */
export function memorySharedRate(now: () => number = () => Date.now(), sliceMs: number = SLICE_MS): SharedRateLimit {
  const rows = new Map<string, { slice: number; used: number }>();
  return {
    async take(key, want, rate) {
      const r = grantFor(rows.get(key) ?? null, want, rate, now(), sliceMs);
      rows.set(key, { slice: r.slice, used: r.used });
      return r.grant;
    },
  };
}
