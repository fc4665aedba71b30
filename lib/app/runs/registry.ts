/**
 * Runs executing in this server process: their AbortControllers (Cancel)
 * and whether crash recovery already ran. Kept on globalThis because Next.js
 * may load this module more than once (route handlers and pages are bundled
 * separately) and every copy must see the same runs.
 */
interface Registry {
  controllers: Map<string, AbortController>;
  recovered: Promise<void> | null;
  /** When `recovered` started (recover-runs.ts sweeps again after a while). */
  recoveredAt?: number;
  /** The periodic stale-run sweep of this process. */
  sweeper?: ReturnType<typeof setInterval>;
}

const holder = globalThis as unknown as { __cutoverRuns?: Registry };

export function registry(): Registry {
  holder.__cutoverRuns ??= { controllers: new Map(), recovered: null };
  return holder.__cutoverRuns;
}
