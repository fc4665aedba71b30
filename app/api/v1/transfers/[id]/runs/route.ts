import { apiBody, apiJson, apiRoute } from "@/app/_lib/api";
import { requireStaff } from "@/lib/auth/require";
import { startRun } from "@/lib/app/runs/start-run";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("startRun", async ({ request, actor, params }) => {
  const r = await startRun(actor, {
    transferId: params.id,
    input: await apiBody(request, () => requireStaff(actor, params.id)),
  });
  // The run executes in the background of this process; failures end up in the run row.
  r.done.catch(() => undefined);
  return apiJson({ runId: r.runId }, 201);
});
