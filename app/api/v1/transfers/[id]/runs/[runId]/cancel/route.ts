import { apiJson, apiRoute } from "@/app/_lib/api";
import { runDto } from "@/lib/app/api/schemas";
import { AppError } from "@/lib/errors/app-error";
import { getRunProgressFor, requestCancelFor } from "@/lib/app/runs/guarded";

export const dynamic = "force-dynamic";

/** 202 while the run executes (asking again is harmless), 409 once it has ended. */
export const POST = apiRoute<{ id: string; runId: string }>("cancelRun", async ({ actor, params }) => {
  if (!(await requestCancelFor(actor, params.id, params.runId))) {
    await getRunProgressFor(actor, params.id, params.runId); // another transfer's run: 404, not 409
    throw new AppError("CONFLICT", "the run is not executing");
  }
  return apiJson(runDto(await getRunProgressFor(actor, params.id, params.runId)), 202);
});
