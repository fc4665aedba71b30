import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requestCancel } from "@/lib/app/runs/request-cancel";

export const dynamic = "force-dynamic";

/**
 * POST → 202 when the run is queued/running (on this instance or another: the
 * executing instance sees the flag at its next heartbeat), 409 otherwise.
 */
export const POST = route<{ id: string; runId: string }>(async ({ actor, params }) =>
  (await requestCancel(actor, { transferId: params.id, runId: params.runId }))
    ? NextResponse.json({ cancelling: true }, { status: 202 })
    : NextResponse.json({ error: "CONFLICT", message: "the run is not executing" }, { status: 409 }),
);
