import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requireStaff } from "@/lib/auth/require";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/config/abuse-limits";
import { discoverServers } from "@/lib/app/runs/discover-servers";

export const dynamic = "force-dynamic";

/** POST { zone, allowPrivate, port, rootHints } → { servers: ["name=address", …], problem }. */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const body = await readJsonBody({
    request,
    maxBytes: abuseLimits().maxJsonBodyBytes,
    authorise: () => requireStaff(actor, params.id),
  });
  const r = await discoverServers(actor, { transferId: params.id, input: body }, { signal: request.signal });
  return NextResponse.json({ servers: r.servers, problem: r.problem });
});
