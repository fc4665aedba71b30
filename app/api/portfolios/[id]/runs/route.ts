import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requirePortfolio } from "@/lib/app/portfolios/access";
import { checkMembers } from "@/lib/app/portfolios/check-members";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/config/abuse-limits";

export const dynamic = "force-dynamic";

/** POST JSON { transferIds?, allowPrivate, port, rootHints, ratePerServer? } → 202 { queued }; 422 { errors: [{ domain, message }] }. */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const body = await readJsonBody({
    request,
    maxBytes: abuseLimits().maxJsonBodyBytes,
    authorise: () => requirePortfolio(actor, params.id),
  });
  const r = await checkMembers(actor, { portfolioId: params.id, body });
  return r.ok ? NextResponse.json(r, { status: 202 }) : NextResponse.json({ errors: r.errors }, { status: 422 });
});
