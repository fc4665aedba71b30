import { apiRoute } from "@/app/_lib/api";
import { downloadResponse } from "@/app/_lib/download";
import { getRevisionBundle } from "@/lib/app/checklist/get-revision-bundle";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string; number: string }>("getBundle", async ({ actor, params }) => {
  const r = await getRevisionBundle(actor, { transferId: params.id, number: params.number });
  return downloadResponse(r.bytes, { contentType: "application/json", fileName: r.fileName });
});
