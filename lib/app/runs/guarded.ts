/** Guarded entry points for live checks (§3, §4): staff of the owning organisation only. */
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaff } from "../../auth/require";
import type { Db } from "../../db/client";
import { organisationQueriesSince } from "../../db/run-quota";
import { getRunProgress } from "../../db/runs";
import { getRunView, type RunView } from "./get-run-view";
import { requestCancel } from "./request-cancel";
import { decideFindings, type DecideFindingsResult } from "../findings/decide-findings";
import { startRun, type StartRunResult } from "./start-run";
import { abuseLimits } from "../../config/abuse-limits";
import type { RunExecution } from "../jobs/enqueue-run-job";

export async function getRunViewFor(actor: Actor | null, transferId: string, runId: string, db?: Db): Promise<RunView> {
  await requireStaff(actor, transferId, db);
  const v = await getRunView({ transferId, runId, db });
  if (!v) throw new AppError("NOT_FOUND", "no such run");
  return v;
}

/** Refused with RATE_LIMITED when the organisation's runs already sent their hourly query budget. */
export async function startRunFor(actor: Actor | null, options: { transferId: string; input: unknown; db?: Db; env?: Record<string, string | undefined>; now?: Date; execution?: RunExecution }): Promise<StartRunResult> {
  const { actor: staff } = await requireStaff(actor, options.transferId, options.db);
  const limit = abuseLimits(options.env).orgQueriesPerHour;
  const now = options.now ?? new Date();
  const used = await organisationQueriesSince(staff.organisationId, new Date(now.getTime() - 3_600_000), options.db);
  if (used >= limit) throw new AppError("RATE_LIMITED", `your organisation's live checks sent ${used} DNS queries in the last hour; the limit is ${limit}`, { retryAfterSeconds: 3600 });
  return startRun({ transferId: options.transferId, input: options.input, db: options.db, env: options.env, execution: options.execution });
}

export async function requestCancelFor(actor: Actor | null, transferId: string, runId: string, db?: Db): Promise<boolean> {
  await requireStaff(actor, transferId, db);
  return requestCancel({ transferId, runId, db });
}

export async function getRunProgressFor(actor: Actor | null, transferId: string, runId: string, db?: Db) {
  await requireStaff(actor, transferId, db);
  const run = await getRunProgress(runId, db);
  if (!run || run.transferId !== transferId) throw new AppError("NOT_FOUND", "no such run");
  return run;
}

/** Waive, acknowledge or revoke a selection of findings: staff of the owning organisation, bound to their account. */
export async function decideFindingsFor(actor: Actor | null, options: { transferId: string; runId: string; input: unknown; db?: Db; now?: Date }): Promise<DecideFindingsResult> {
  const { actor: staff } = await requireStaff(actor, options.transferId, options.db);
  return decideFindings({ ...options, staff });
}

