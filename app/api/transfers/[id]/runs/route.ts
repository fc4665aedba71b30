import { NextResponse } from "next/server";
import { startRun } from "@/lib/review/start-run";

export const dynamic = "force-dynamic";

/** POST JSON StartRunInput → 201 { runId }; the run executes in the background of this process. */
export async function POST(request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  let body: unknown;
  try {
    body = await request.json();
  } catch {
    return NextResponse.json({ errors: { form: "Expected a JSON body" } }, { status: 400 });
  }
  const r = await startRun({ transferId: id, input: body });
  if (!r.ok) return NextResponse.json({ errors: r.errors }, { status: r.status });
  // Failures end up in the run row; nothing to await here.
  r.done.catch(() => undefined);
  return NextResponse.json({ runId: r.runId }, { status: 201 });
}
