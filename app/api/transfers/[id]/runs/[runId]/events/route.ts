import { route } from "@/app/_lib/auth";
import { getRunProgress } from "@/lib/app/runs/get-run-progress";
import { etaSeconds } from "@/lib/app/runs/progress";
import { getRunProgressFor } from "@/lib/app/runs/guarded";

export const dynamic = "force-dynamic";

const POLL_MS = 250;
const TERMINAL = new Set(["done", "failed", "cancelled"]);

/**
 * Server-Sent Events: the run's progress (status, phase, planned/sent/
 * answered/failed) read from the run row, sent when it changes, until the
 * run ends or the client goes away.
 */
export const GET = route<{ id: string; runId: string }>(async ({ request, actor, params }) => {
  const { id, runId } = params;
  // Authorised once, before the stream opens (404 for another organisation's run); the polls below read the same run.
  await getRunProgressFor(actor, id, runId);
  const encoder = new TextEncoder();
  let timer: ReturnType<typeof setTimeout> | null = null;
  const stream = new ReadableStream<Uint8Array>({
    start(controller) {
      let last = "";
      let closed = false;
      const close = () => {
        closed = true;
        if (timer) clearTimeout(timer);
        try {
          controller.close();
        } catch {
          // already closed
        }
      };
      request.signal.addEventListener("abort", close, { once: true });
      const tick = async () => {
        if (request.signal.aborted || closed) return;
        const run = await getRunProgress(runId).catch(() => null);
        if (closed) return;
        if (!run || run.transferId !== id) {
          controller.enqueue(encoder.encode(`event: missing\ndata: {}\n\n`));
          return close();
        }
        const eta = run.status === "running" ? etaSeconds({ startedAt: run.startedAt, now: new Date(), planned: run.planned, answered: run.answered, failed: run.failed }) : null;
        const data = JSON.stringify({ status: run.status, phase: run.phase, planned: run.planned, sent: run.sent, answered: run.answered, failed: run.failed, etaSeconds: eta, verdict: run.verdict, error: run.error });
        if (data !== last) {
          last = data;
          controller.enqueue(encoder.encode(`data: ${data}\n\n`));
        }
        if (TERMINAL.has(run.status)) return close();
        timer = setTimeout(tick, POLL_MS);
      };
      void tick();
    },
    cancel() {
      closed = true;
      if (timer) clearTimeout(timer);
    },
  });
  return new Response(stream, { headers: { "Content-Type": "text/event-stream", "Cache-Control": "no-cache, no-transform", Connection: "keep-alive" } });
});
