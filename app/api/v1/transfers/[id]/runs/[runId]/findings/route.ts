import { apiBody, apiJson, apiRoute } from "@/app/_lib/api";
import { getRunFindings } from "@/lib/app/runs/get-findings";
import { requireStaff } from "@/lib/auth/require";
import { decideFindings } from "@/lib/app/findings/decide-findings";

export const dynamic = "force-dynamic";

export const GET = apiRoute<{ id: string; runId: string }>("getRunFindings", async ({ actor, params }) =>
  apiJson(await getRunFindings(actor, { transferId: params.id, runId: params.runId })),
);

/** The decider is the token's creator, named with the token (lib/app/api-tokens/authenticate.ts). */
export const POST = apiRoute<{ id: string; runId: string }>("decideFindings", async ({ request, actor, params }) => {
  const input = await apiBody(request, () => requireStaff(actor, params.id));
  const r = await decideFindings(actor, { transferId: params.id, runId: params.runId, input });
  return apiJson({ verdict: r.verdict, changed: r.changed, unchanged: r.unchanged });
});
