import { apiJson, apiRoute } from "@/app/_lib/api";
import { runDto } from "@/lib/app/api/schemas";
import { getRunProgressFor } from "@/lib/app/runs/guarded";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string; runId: string }>("getRun", async ({ actor, params }) =>
  apiJson(runDto(await getRunProgressFor(actor, params.id, params.runId))),
);
