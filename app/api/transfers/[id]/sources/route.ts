import { NextResponse, after } from "next/server";
import { route } from "@/app/_lib/auth";
import { uploadSources } from "@/lib/app/sources/upload-sources";

export const dynamic = "force-dynamic";

/** after() exists only inside a Next.js request; called directly (tests), the task is skipped. */
function afterResponse(task: () => Promise<void>): void {
  try {
    after(task);
  } catch {
    // outside a request scope
  }
}

/**
 * POST multipart: files[] + manifest (one { label, format, partOf } per file) -> one Source per labelled group
 * (lib/app/sources/upload-sources.ts). Staff of the organisation, or the maintainer invited to this transfer.
 */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const r = await uploadSources(actor, { transferId: params.id, request }, { afterResponse });
  return NextResponse.json(r.body, { status: r.status });
});
