import { getScheduleIcs } from "@/lib/signoff";

export const dynamic = "force-dynamic";

const MESSAGES = { "not-found": "No such transfer", "no-window": "No window is scheduled yet", "no-timing": "No live check has measured the TTLs yet" } as const;

/** GET: the plan as iCalendar (RFC 5545). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const r = await getScheduleIcs(id);
  if (!r.ok) return new Response(MESSAGES[r.error], { status: r.error === "not-found" ? 404 : 409, headers: { "content-type": "text/plain; charset=utf-8" } });
  return new Response(r.text, { headers: { "content-type": "text/calendar; charset=utf-8", "content-disposition": `attachment; filename="${r.fileName}"` } });
}
