import { performance } from "node:perf_hooks";

/**
 * Wait `afterMs`, then block the event loop for `blockMs` from the check phase: what a long synchronous task (a big
 * parse, a GC pause) does to queries in flight. Not from a timer callback: libuv's clock stays where it was for the
 * rest of the timers phase, so a deadline timer would not be due until the next iteration — after its poll phase.
 */
export async function busySpell(afterMs: number, blockMs: number): Promise<void> {
  await new Promise((res) => setTimeout(res, afterMs));
  await new Promise<void>((res) =>
    setImmediate(() => {
      const until = performance.now() + blockMs;
      while (performance.now() < until) {
        // busy
      }
      res();
    }),
  );
}
