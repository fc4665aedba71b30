import { getBundle } from "@/lib/signoff";
import { revisionQuery } from "../revision-query";

export const dynamic = "force-dynamic";

/** GET ?revision=N (default: current): the signed bundle, verifiable with `cutover verify`. */
export async function GET(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const q = revisionQuery(request);
  if (!q.ok) return Response.json({ issues: q.issues }, { status: 422 });
  const r = await getBundle({ transferId: id, revisionNumber: q.revision });
  if (!r.ok) return Response.json({ error: "not-found" }, { status: 404 });
  return new Response(new Uint8Array(r.bytes), { headers: { "content-type": "application/json", "content-disposition": `attachment; filename="${r.fileName}"` } });
}
