import { NextResponse } from "next/server";
import { DiscoverInputSchema, discoverServers } from "@/lib/review/discover-servers";

export const dynamic = "force-dynamic";

/** POST { zone, allowPrivate, port, rootHints } → { servers: ["name=address", …], problem }. */
export async function POST(request: Request) {
  const p = DiscoverInputSchema.safeParse(await request.json().catch(() => null));
  if (!p.success) return NextResponse.json({ error: "invalid", issues: p.error.issues }, { status: 422 });
  const r = await discoverServers(p.data, request.signal);
  if (!r.ok) return NextResponse.json({ error: "invalid", message: r.message }, { status: 422 });
  return NextResponse.json({ servers: r.servers, problem: r.problem });
}
