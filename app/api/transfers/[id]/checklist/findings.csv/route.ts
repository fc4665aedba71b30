import { route } from "@/app/_lib/auth";
import { downloadResponse } from "@/app/_lib/download";
import { getFindingsCsv } from "@/lib/app/checklist/downloads";
import { revisionQuery } from "../revision-query";

export const dynamic = "force-dynamic";

/** GET ?revision=N: the revision's findings as CSV (RFC 4180). */
export const GET = route<{ id: string }>(async ({ request, actor, params }) => {
  const q = revisionQuery(request);
  if (!q.ok) return Response.json({ error: "INVALID", issues: q.issues }, { status: 422 });
  const r = await getFindingsCsv(actor, { transferId: params.id, revisionNumber: q.revision });
  return downloadResponse(r.bytes, { contentType: "text/csv; charset=utf-8", fileName: r.fileName });
});
