import { apiJson, apiRoute } from "@/app/_lib/api";
import { uploadSources, readUploadForm } from "@/lib/app/sources/upload";

export const dynamic = "force-dynamic";

/** multipart: files[] + manifest, as the web upload (lib/transfer/upload-request.ts). */
export const POST = apiRoute<{ id: string }>("uploadSources", async ({ request, actor, params }) => {
  const r = await uploadSources(actor, {
    transferId: params.id,
    form: await readUploadForm(actor, { transferId: params.id, request }),
  });
  return apiJson({ sources: r.sources }, r.status);
});
