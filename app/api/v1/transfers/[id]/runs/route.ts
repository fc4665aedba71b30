import { apiBody, apiJson, apiRoute, invalid } from "@/app/_lib/api";
import { requireStaff } from "@/lib/auth/require";
import { startRunFor } from "@/lib/app/runs/guarded";

export const dynamic = "force-dynamic";

export const POST = apiRoute<{ id: string }>("startRun", async ({ request, actor, params }) => {
  const r = await startRunFor(actor, {
    transferId: params.id,
    input: await apiBody(request, () => requireStaff(actor, params.id)),
  });
  if (!r.ok) throw invalid(r.errors);
  // The run executes in the background of this process; failures end up in the run row.
  r.done.catch(() => undefined);
  return apiJson({ runId: r.runId }, 201);
});
