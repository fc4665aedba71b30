import { route } from "@/app/_lib/auth";
import { downloadResponse } from "@/app/_lib/download";
import { getBundle } from "@/lib/app/checklist/downloads";
import { revisionQuery } from "../revision-query";

export const dynamic = "force-dynamic";

/** GET ?revision=N (default: current): the signed bundle, verifiable with `cutover verify`. */
export const GET = route<{ id: string }>(async ({ request, actor, params }) => {
  const q = revisionQuery(request);
  if (!q.ok) return Response.json({ error: "INVALID", issues: q.issues }, { status: 422 });
  const r = await getBundle(actor, { transferId: params.id, revisionNumber: q.revision });
  return downloadResponse(r.bytes, { contentType: "application/json", fileName: r.fileName });
});
