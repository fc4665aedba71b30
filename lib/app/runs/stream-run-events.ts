/**
 * The run's progress as Server-Sent Events (HTML Living Standard §9.2, "Server-sent events"): status, phase and
 * the planned/sent/answered/failed counters read from the run row, sent when they change, until the run ends or
 * the client goes away.
 */
import type { Actor } from "../../auth/actor";
import { listRunSnapshots } from "../../db/run-evidence";
import { getRunProgress as readRunProgress } from "../../db/runs";
import type { Deps } from "../use-case";
import { getRunProgress } from "./get-run-progress";
import { activelyQuerying, runEtaSeconds, summaryStoppedEarly } from "./progress";

const POLL_MS = 250;
const TERMINAL = new Set(["done", "failed", "cancelled"]);

/** The response headers of an event stream: no caching, no proxy transformation. */
export const EVENT_STREAM_HEADERS = {
  "Content-Type": "text/event-stream",
  "Cache-Control": "no-cache, no-transform",
  Connection: "keep-alive",
} as const;

export interface StreamRunEventsInput {
  transferId: string;
  runId: string;
}

/**
 * Authorised once, before the stream opens (NOT_FOUND for another organisation's run, thrown, so the route answers
 * 404); the polls read the same run. `event: missing` when the run disappears.
 */
export async function streamRunEvents(
  actor: Actor | null,
  input: StreamRunEventsInput,
  /** `signal` is aborted when the client disconnects: the stream closes and polling stops. */
  deps: Deps & { signal?: AbortSignal; pollMs?: number } = {},
): Promise<ReadableStream<Uint8Array>> {
  const { transferId, runId } = input;
  const { db } = deps;
  const signal = deps.signal ?? new AbortController().signal;
  const pollMs = deps.pollMs ?? POLL_MS;
  await getRunProgress(actor, { transferId, runId }, { db });
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | null = null;
  // Shared by start() and cancel(): a cancelled stream must stop polling, and a poll in flight must not enqueue.
  let closed = false;
  return new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      /** Whether the stored old snapshot stopped early; null until it is stored (it does not change after). */
      let oldStoppedEarly: boolean | null = null;
      const close = () => {
        closed = true;
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      signal.addEventListener("abort", close, { once: true });
      const tick = async () => {
        if (signal.aborted || closed) return;
        const run = await readRunProgress(runId, db).catch(() => null);
        if (closed) return;
        if (!run || run.transferId !== transferId) {
          controller.enqueue(encoder.encode(`event: missing\ndata: {}\n\n`));
          return close();
        }
        // The old snapshot is stored while the new one runs (execute-run.ts): stopped early (its deadline), its
        // planned questions stay unasked in the counters for good. Read only while an ETA would be shown, and only
        // until the row is there.
        if (oldStoppedEarly === null && run.phase === "new" && activelyQuerying(run)) {
          const old = (await listRunSnapshots(runId, db).catch(() => [])).find((x) => x.side === "old");
          if (old) oldStoppedEarly = summaryStoppedEarly(old.summaryJson);
        }
        if (closed) return;
        const eta = runEtaSeconds({ ...run, stoppedEarly: oldStoppedEarly === true }, new Date());
        const data = JSON.stringify({
          status: run.status,
          phase: run.phase,
          planned: run.planned,
          sent: run.sent,
          answered: run.answered,
          failed: run.failed,
          etaSeconds: eta,
          verdict: run.verdict,
          error: run.error,
        });
        if (data !== last) {
          last = data;
          controller.enqueue(encoder.encode(`data: ${data}\n\n`));
        }
        if (TERMINAL.has(run.status)) return close();
        timer = setTimeout(tick, pollMs);
      };
      void tick();
    },
    cancel() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  });
}
