import { apiJson, apiRoute } from "@/app/_lib/api";
import { runDto } from "@/lib/app/api/schemas";
import { AppError } from "@/lib/errors/app-error";
import { getRunProgress } from "@/lib/app/runs/get-run-progress";
import { requestCancel } from "@/lib/app/runs/request-cancel";

export const dynamic = "force-dynamic";

/** 202 while the run executes (asking again is harmless), 409 once it has ended. */
export const POST = apiRoute<{ id: string; runId: string }>("cancelRun", async ({ actor, params }) => {
  const run = { transferId: params.id, runId: params.runId };
  if (!(await requestCancel(actor, run))) {
    await getRunProgress(actor, run); // another transfer's run: 404, not 409
    throw new AppError("CONFLICT", "the run is not executing");
  }
  return apiJson(runDto(await getRunProgress(actor, run)), 202);
});
