import { apiBody, apiJson, apiRoute, invalid } from "@/app/_lib/api";
import { transferDto } from "@/lib/app/api/schemas";
import { createTransferFor, listTransfersFor } from "@/lib/secured/transfers";

export const dynamic = "force-dynamic";

export const GET = apiRoute("listTransfers", async ({ actor }) => apiJson({ transfers: (await listTransfersFor(actor)).map(transferDto) }));

export const POST = apiRoute("createTransfer", async ({ request, actor }) => {
  const r = await createTransferFor(actor, await apiBody(request));
  if (!r.ok) throw invalid(r.errors);
  return apiJson(transferDto(r.transfer), 201);
});
