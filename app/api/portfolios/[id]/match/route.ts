import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requirePortfolio } from "@/lib/app/portfolios/access";
import { droppedFiles } from "@/lib/app/portfolios/dropped-form";
import { matchDroppedFiles } from "@/lib/app/portfolios/import-files";
import { readFormBody } from "@/lib/http/read-body";
import { uploadLimits } from "@/lib/config/upload-limits";

export const dynamic = "force-dynamic";

/** POST multipart files[] → 200 { members, files: FileMatch[] }: which member each file belongs to; nothing is stored. */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const limits = uploadLimits();
  const form = await readFormBody({
    request,
    maxBytes: limits.maxTotalBytes + 1024 * 1024,
    authorise: () => requirePortfolio(actor, params.id),
  });
  const r = await matchDroppedFiles(actor, { portfolioId: params.id, files: await droppedFiles(form), limits });
  return NextResponse.json(r);
});
