import { route } from "@/app/_lib/auth";
import { EVENT_STREAM_HEADERS, streamRunEvents } from "@/lib/app/runs/stream-run-events";

export const dynamic = "force-dynamic";

/** Server-Sent Events: the run's progress until it ends or the client goes away (lib/app/runs/stream-run-events.ts). */
export const GET = route<{ id: string; runId: string }>(async ({ request, actor, params }) => {
  const stream = await streamRunEvents(
    actor,
    { transferId: params.id, runId: params.runId },
    { signal: request.signal },
  );
  return new Response(stream, { headers: EVENT_STREAM_HEADERS });
});
