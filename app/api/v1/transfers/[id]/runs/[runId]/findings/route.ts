import { apiBody, apiJson, apiRoute } from "@/app/_lib/api";
import { getRunFindings } from "@/lib/app/runs/get-findings";
import { AppError } from "@/lib/errors/app-error";
import { requireStaff } from "@/lib/auth/require";
import { decideFindingsFor } from "@/lib/app/runs/guarded";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string; runId: string }>("getRunFindings", async ({ actor, params }) =>
  apiJson(await getRunFindings(actor, { transferId: params.id, runId: params.runId })),
);

/** The decider is the token's creator, named with the token (lib/app/api-tokens/authenticate.ts). */
export const POST = apiRoute<{ id: string; runId: string }>("decideFindings", async ({ request, actor, params }) => {
  const input = await apiBody(request, () => requireStaff(actor, params.id));
  const r = await decideFindingsFor(actor, { transferId: params.id, runId: params.runId, input });
  if (!r.ok)
    throw new AppError(
      r.status === 404 ? "NOT_FOUND" : r.status === 409 ? "CONFLICT" : "INVALID",
      r.message,
      r.keys ? { keys: r.keys } : {},
    );
  return apiJson({ verdict: r.verdict, changed: r.changed, unchanged: r.unchanged });
});
