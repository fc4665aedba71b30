import { NextResponse } from "next/server";
import { z } from "zod";
import { route } from "@/app/_lib/auth";
import { requireStaff } from "@/lib/auth/require";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/secured/limits";
import { setFindingStateFor } from "@/lib/secured/review";

export const dynamic = "force-dynamic";

// The person/reason fields are validated by lib/checks (WaiveInputSchema / AcknowledgeInputSchema).
const Body = z.object({ action: z.enum(["acknowledge", "waive"]), key: z.string(), by: z.string(), reason: z.string() });

/** POST { action, key, by, reason } → 200 { verdict } | 404 | 409 | 422. */
export const POST = route<{ id: string; runId: string }>(async ({ request, actor, params }) => {
  const p = Body.safeParse(await readJsonBody({ request, maxBytes: abuseLimits().maxJsonBodyBytes, authorise: () => requireStaff(actor, params.id) }));
  if (!p.success) return NextResponse.json({ error: "invalid", issues: p.error.issues }, { status: 422 });
  const { action, ...input } = p.data;
  const r = await setFindingStateFor(actor, { transferId: params.id, runId: params.runId, action, input });
  if (!r.ok) return NextResponse.json({ error: r.error, message: r.message }, { status: r.status });
  return NextResponse.json({ verdict: r.verdict });
});
