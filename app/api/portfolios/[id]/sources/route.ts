import { NextResponse } from "next/server";
import { route } from "@/app/_lib/auth";
import { requirePortfolio } from "@/lib/app/portfolios/access";
import { droppedAssignments, droppedFiles } from "@/lib/app/portfolios/dropped-form";
import { importDroppedFiles } from "@/lib/app/portfolios/import-files";
import { readFormBody } from "@/lib/http/read-body";
import { uploadLimits } from "@/lib/config/upload-limits";

export const dynamic = "force-dynamic";

/** POST multipart files[] + assignments (JSON: one { transferId | null, label } per file) → 200 { files: ImportedFile[] }. */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const limits = uploadLimits();
  const form = await readFormBody({
    request,
    maxBytes: limits.maxTotalBytes + 1024 * 1024,
    authorise: () => requirePortfolio(actor, params.id),
  });
  const files = await importDroppedFiles(actor, {
    portfolioId: params.id,
    files: await droppedFiles(form),
    assignments: droppedAssignments(form),
    limits,
  });
  return NextResponse.json({ files });
});
