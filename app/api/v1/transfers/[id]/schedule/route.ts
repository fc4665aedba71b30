import { apiBody, apiJson, apiRoute } from "@/app/_lib/api";
import { getWindow } from "@/lib/app/schedule/get-window";
import { putWindow } from "@/lib/app/schedule/put-window";
import { requireStaff } from "@/lib/auth/require";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string }>("getSchedule", async ({ actor, params }) =>
  apiJson(await getWindow(actor, { transferId: params.id })),
);

/** PUT is idempotent: the same window again changes nothing. */
export const PUT = apiRoute<{ id: string }>("putSchedule", async ({ request, actor, params }) =>
  apiJson(
    await putWindow(actor, {
      transferId: params.id,
      input: await apiBody(request, () => requireStaff(actor, params.id)),
    }),
  ),
);
