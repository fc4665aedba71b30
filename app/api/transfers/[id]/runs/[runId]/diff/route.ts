import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { getDiffPage } from "@/lib/app/runs/get-diff-page";

export const dynamic = "force-dynamic";

/** GET ?offset&limit&only&name&type&comparison&hideExplained → one page of the run's diff (validated in lib/app/runs/get-diff-page.ts). */
export const GET = route<{ id: string; runId: string }>(async ({ request, actor, params }) => {
  const query = Object.fromEntries(new URL(request.url).searchParams);
  const page = await getDiffPage(actor, { ...query, transferId: params.id, runId: params.runId });
  return NextResponse.json(page, { headers: { "Cache-Control": "no-store" } });
});
