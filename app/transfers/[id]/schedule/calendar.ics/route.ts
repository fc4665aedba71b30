import { route } from "@/app/_lib/auth";
import { downloadResponse } from "@/app/_lib/download";
import { getScheduleIcsFor } from "@/lib/app/checklist/guarded";

export const dynamic = "force-dynamic";

const MESSAGES = { "not-found": "No such transfer", "no-window": "No window is scheduled yet", "no-timing": "No live check has measured the TTLs yet" } as const;

/** GET: the plan as iCalendar (RFC 5545). */
export const GET = route<{ id: string }>(async ({ actor, params }) => {
  const r = await getScheduleIcsFor(actor, params.id);
  if (!r.ok) return new Response(MESSAGES[r.error], { status: r.error === "not-found" ? 404 : 409, headers: { "content-type": "text/plain; charset=utf-8" } });
  return downloadResponse(r.text, { contentType: "text/calendar; charset=utf-8", fileName: r.fileName });
});
