import { route } from "@/app/_lib/auth";
import { downloadResponse } from "@/app/_lib/download";
import { getScheduleIcs } from "@/lib/app/schedule/schedule-ics";
import { isAppError } from "@/lib/errors/app-error";

export const dynamic = "force-dynamic";

/** GET: the plan as iCalendar (RFC 5545); a download link, so a refusal is a line of text a person reads. */
export const GET = route<{ id: string }>(async ({ actor, params }) => {
  try {
    const r = await getScheduleIcs(actor, { transferId: params.id });
    return downloadResponse(r.text, { contentType: "text/calendar; charset=utf-8", fileName: r.fileName });
  } catch (e) {
    if (!isAppError(e) || (e.code !== "NOT_FOUND" && e.code !== "CONFLICT")) throw e;
    const text = e.code === "NOT_FOUND" ? "No such transfer" : e.message;
    return new Response(text, { status: e.status, headers: { "content-type": "text/plain; charset=utf-8" } });
  }
});
