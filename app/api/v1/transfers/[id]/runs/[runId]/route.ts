import { apiJson, apiRoute } from "@/app/_lib/api";
import { runDto } from "@/lib/app/api/schemas";
import { getRunProgress } from "@/lib/app/runs/get-run-progress";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string; runId: string }>("getRun", async ({ actor, params }) =>
  apiJson(runDto(await getRunProgress(actor, { transferId: params.id, runId: params.runId }))),
);
