import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requireStaff } from "@/lib/auth/require";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/config/abuse-limits";
import { startRunFor } from "@/lib/app/runs/guarded";

export const dynamic = "force-dynamic";

/** POST JSON StartRunInput → 201 { runId }; the run executes in the background of this process (SQLite) or on a queue worker (PostgreSQL). */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const body = await readJsonBody({ request, maxBytes: abuseLimits().maxJsonBodyBytes, authorise: () => requireStaff(actor, params.id) });
  const r = await startRunFor(actor, { transferId: params.id, input: body });
  if (!r.ok) return NextResponse.json({ errors: r.errors }, { status: r.status });
  // Failures end up in the run row; nothing to await here (a queued run is not even watched).
  if (!r.queued) r.done.catch(() => undefined);
  return NextResponse.json({ runId: r.runId }, { status: 201 });
});
