import { NextResponse } from "next/server";
import { z } from "zod";
import { setFindingState } from "@/lib/review/set-finding-state";

export const dynamic = "force-dynamic";

// The person/reason fields are validated by lib/checks (WaiveInputSchema / AcknowledgeInputSchema).
const Body = z.object({ action: z.enum(["acknowledge", "waive"]), key: z.string(), by: z.string(), reason: z.string() });

/** POST { action, key, by, reason } → 200 { verdict } | 404 | 409 | 422. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params;
  const p = Body.safeParse(await request.json().catch(() => null));
  if (!p.success) return NextResponse.json({ error: "invalid", issues: p.error.issues }, { status: 422 });
  const { action, ...input } = p.data;
  const r = await setFindingState({ transferId: id, runId, action, input });
  if (!r.ok) return NextResponse.json({ error: r.error, message: r.message }, { status: r.status });
  return NextResponse.json({ verdict: r.verdict });
}
