import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requirePortfolio } from "@/lib/app/portfolios/access";
import { checkMembers } from "@/lib/app/portfolios/check-members";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/config/abuse-limits";

export const dynamic = "force-dynamic";

/** POST JSON { transferIds?, allowPrivate, port, rootHints, ratePerServer? } → 202 { queued, alreadyQueued }; 422 { issues: [{ path: domain, message }] }. */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const body = await readJsonBody({
    request,
    maxBytes: abuseLimits().maxJsonBodyBytes,
    authorise: () => requirePortfolio(actor, params.id),
  });
  return NextResponse.json(await checkMembers(actor, { portfolioId: params.id, body }), { status: 202 });
});
