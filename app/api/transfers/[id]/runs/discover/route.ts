import { NextResponse } from "next/server";
import { jsonBody, route } from "@/app/_lib/auth";
import { abuseLimits } from "@/lib/secured/limits";
import { discoverServersFor } from "@/lib/secured/review";

export const dynamic = "force-dynamic";

/** POST { zone, allowPrivate, port, rootHints } → { servers: ["name=address", …], problem }. */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const body = await jsonBody(request, abuseLimits().maxJsonBodyBytes);
  const r = await discoverServersFor(actor, { transferId: params.id, input: body, signal: request.signal });
  if (!r.ok) return NextResponse.json({ error: "invalid", message: r.message }, { status: 422 });
  return NextResponse.json({ servers: r.servers, problem: r.problem });
});
