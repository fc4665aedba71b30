import { apiJson, apiRoute } from "@/app/_lib/api";
import { sourceDto, transferDto } from "@/lib/app/api/schemas";
import { getTransferOverview } from "@/lib/app/transfers/get-transfer-overview";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("getTransfer", async ({ actor, params }) => {
  const o = await getTransferOverview(actor, { transferId: params.id });
  return apiJson({ ...transferDto(o.transfer), sources: o.sources.map(sourceDto) });
});
