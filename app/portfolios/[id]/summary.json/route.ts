import { route } from "@/app/_lib/auth";
import { downloadResponse } from "@/app/_lib/download";
import { exportPortfolioSummary } from "@/lib/app/portfolios/export-summary";

export const dynamic = "force-dynamic";

/** GET → the portfolio table as JSON (private, no-store: it names customers' domains and their state). */
export const GET = route<{ id: string }>(async ({ actor, params }) => {
  const s = await exportPortfolioSummary(actor, { portfolioId: params.id, format: "json" });
  return downloadResponse(s.body, { contentType: s.contentType, fileName: s.fileName });
});
