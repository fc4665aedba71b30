import { apiBody, apiJson, apiRoute } from "@/app/_lib/api";
import { transferDto } from "@/lib/app/api/schemas";
import { createTransfer } from "@/lib/app/transfers/create-transfer";
import { listTransferItems } from "@/lib/app/transfers/list";

export const dynamic = "force-dynamic";

export const GET = apiRoute("listTransfers", async ({ actor }) =>
  apiJson({ transfers: (await listTransferItems(actor)).map(transferDto) }),
);

export const POST = apiRoute("createTransfer", async ({ request, actor }) => {
  return apiJson(transferDto(await createTransfer(actor, await apiBody(request))), 201);
});
