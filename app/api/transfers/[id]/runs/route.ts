import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requireStaff } from "@/lib/auth/require";
import { readJsonBody } from "@/lib/http/read-body";
import { abuseLimits } from "@/lib/config/abuse-limits";
import { startRun } from "@/lib/app/runs/start-run";

export const dynamic = "force-dynamic";

/**
 * POST JSON StartRunInput → 201 { runId }; the run executes in the background of this process (SQLite) or on a
 * queue worker (PostgreSQL). 422 { issues: [{ path, message }] } names the fields the form marks.
 */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const body = await readJsonBody({
    request,
    maxBytes: abuseLimits().maxJsonBodyBytes,
    authorise: () => requireStaff(actor, params.id),
  });
  const r = await startRun(actor, { transferId: params.id, input: body });
  // Failures end up in the run row; nothing to await here (a queued run is not even watched).
  if (!r.queued) r.done.catch(() => undefined);
  return NextResponse.json({ runId: r.runId }, { status: 201 });
});
