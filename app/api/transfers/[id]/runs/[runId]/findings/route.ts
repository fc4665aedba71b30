import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requireStaff } from "@/lib/auth/require";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/config/abuse-limits";
import { decideFindings } from "@/lib/app/findings/decide-findings";
import { getFindingsPage } from "@/lib/app/runs/get-findings-page";

export const dynamic = "force-dynamic";

/**
 * POST { action: "waive"|"acknowledge"|"revoke", key | keys[], reason, onBehalfOf?, overwrite? }
 * → 200 { verdict, changed, unchanged } | 404 | 409 { reason, keys } | 422. The decider is the
 * signed-in account; the body is validated in lib/app/findings/decision-input.ts.
 */
export const POST = route<{ id: string; runId: string }>(async ({ request, actor, params }) => {
  const input = await readJsonBody({
    request,
    maxBytes: abuseLimits().maxJsonBodyBytes,
    authorise: () => requireStaff(actor, params.id),
  });
  const r = await decideFindings(actor, { transferId: params.id, runId: params.runId, input });
  return NextResponse.json({ verdict: r.verdict, changed: r.changed, unchanged: r.unchanged });
});

/** GET ?severity&offset&limit → one page of the run's findings with states and dig text (lib/app/runs/get-findings-page.ts). */
export const GET = route<{ id: string; runId: string }>(async ({ request, actor, params }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const page = await getFindingsPage(actor, { ...query, transferId: params.id, runId: params.runId });
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
});
