import { apiBody, apiJson, apiRoute } from "@/app/_lib/api";
import { transferDto } from "@/lib/app/api/schemas";
import { createTransferIdempotent } from "@/lib/app/transfers/create-transfer-idempotent";
import { listTransferItems } from "@/lib/app/transfers/list";

export const dynamic = "force-dynamic";

export const GET = apiRoute("listTransfers", async ({ actor }) =>
  apiJson({ transfers: (await listTransferItems(actor)).map(transferDto) }),
);

export const POST = apiRoute("createTransfer", async ({ request, actor }) => {
  const r = await createTransferIdempotent(actor, {
    idempotencyKey: request.headers.get("idempotency-key"),
    body: await apiBody(request),
  });
  const res = apiJson(transferDto(r.transfer), 201);
  if (r.replayed) res.headers.set("idempotent-replayed", "true");
  return res;
});
