/** Status and counters of a run (what the API's run resource and the progress stream show). Staff of the owning organisation. */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { getRunProgress as readRunProgress } from "../../db/runs";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";

export async function getRunProgress(
  actor: Actor | null,
  input: { transferId: string; runId: string },
  deps: Deps = {},
) {
  await requireStaff(actor, input.transferId, deps.db);
  const run = await readRunProgress(input.runId, deps.db);
  if (!run || run.transferId !== input.transferId) throw new AppError("NOT_FOUND", "no such run");
  return run;
}
