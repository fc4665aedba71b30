import { NextResponse } from "next/server";
import { cancelRun } from "@/lib/review/cancel-run";

export const dynamic = "force-dynamic";

/** POST → 202 when the run was executing here and is being aborted, 409 otherwise. */
export async function POST(_request: Request, { params }: { params: Promise<{ runId: string }> }) {
  const { runId } = await params;
  return cancelRun(runId) ? NextResponse.json({ cancelling: true }, { status: 202 }) : NextResponse.json({ error: "the run is not executing" }, { status: 409 });
}
