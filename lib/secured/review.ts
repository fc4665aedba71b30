/** Guarded entry points for live checks (issue 6 §1, §3, §4): staff of the owning organisation only. */
import { effectivePrivateScope, operatorPrivateScope } from "../net/private-scope";
import type { Actor } from "../auth/actor";
import { AppError } from "../auth/app-error";
import { requireStaff } from "../auth/require";
import type { Db } from "../db/client";
import { organisationQueriesSince } from "../db/run-quota";
import { getRunProgress } from "../db/runs";
import { discoverServers, DiscoverInputSchema, type DiscoverResult } from "../review/discover-servers";
import { getChecksOverview, type ChecksOverview } from "../review/get-checks-overview";
import { getRunView, type RunView } from "../review/get-run-view";
import { requestCancel } from "../review/request-cancel";
import { decideFindings, type DecideFindingsResult } from "../review/decide-findings";
import { startRun, type StartRunResult } from "../review/start-run";
import type { RunExecution } from "../app/jobs/enqueue-run-job";
import { abuseLimits } from "./limits";

export async function getChecksOverviewFor(actor: Actor | null, transferId: string, db?: Db): Promise<ChecksOverview> {
  await requireStaff(actor, transferId, db);
  const o = await getChecksOverview(transferId, db);
  if (!o) throw new AppError("NOT_FOUND", "no such transfer");
  return o;
}

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

/** Discovery sends live queries too, so it is a staff action on one of the organisation's transfers. */
export async function discoverServersFor(actor: Actor | null, options: { transferId: string; input: unknown; signal?: AbortSignal; db?: Db; env?: Record<string, string | undefined> }): Promise<DiscoverResult> {
  await requireStaff(actor, options.transferId, options.db);
  const p = DiscoverInputSchema.safeParse(options.input);
  if (!p.success) throw new AppError("INVALID", "invalid discovery input", { issues: p.error.issues });
  const scope = effectivePrivateScope(p.data.allowPrivate, operatorPrivateScope(options.env));
  if (!scope.ok) return { ok: false, message: scope.message };
  return discoverServers({ ...p.data, allowPrivate: scope.scope }, options.signal);
}
