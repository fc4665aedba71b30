/**
 * Start a live check for a transfer: staff of the owning organisation, within the organisation's hourly query
 * budget; validate the input, store a queued run, and execute it: on SQLite in the background of this server
 * process, on PostgreSQL as a job of the queue (lib/app/jobs). Returns at once with the run id; progress is read
 * from the run row.
 */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { organisationQueriesSince } from "../../db/run-quota";
import { createRun } from "../../db/runs";
import { AppError } from "../../errors/app-error";
import { fieldErrors, invalidInput, issuesOf, type Deps } from "../use-case";
import { abuseLimits } from "../../config/abuse-limits";
import { defaultExecution, enqueueRunJob, waitForRunEnd, type RunExecution } from "../jobs/enqueue-run-job";
import { executeRun } from "./execute-run";
import { recoverRuns } from "./recover-runs";
import { registry } from "./registry";
import { effectivePrivateScope, operatorPrivateScope } from "../../net/private-scope";
import { StartRunInputSchema, type RunOptions } from "./run-input";

export interface StartRunResult {
  runId: string;
  done: Promise<void>;
  /** Executed by a worker of the job queue (PostgreSQL), not this process. */
  queued?: boolean;
}

/**
 * `input.input` is the checks page's form (StartRunInputSchema); INVALID carries one issue per field. Refused with
 * RATE_LIMITED when the organisation's runs already sent their hourly query budget.
 */
export async function startRun(
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps: Deps & { execution?: RunExecution } = {},
): Promise<StartRunResult> {
  const { db, env } = deps;
  const { actor: staff, transfer } = await requireStaff(actor, input.transferId, db);
  const limit = abuseLimits(env).orgQueriesPerHour;
  const now = deps.now ?? new Date();
  const used = await organisationQueriesSince(staff.organisationId, new Date(now.getTime() - 3_600_000), db);
  if (used >= limit)
    throw new AppError(
      "RATE_LIMITED",
      `your organisation's live checks sent ${used} DNS queries in the last hour; the limit is ${limit}`,
      {
        retryAfterSeconds: 3600,
      },
    );
  await recoverRuns(db);
  const p = StartRunInputSchema.safeParse(input.input);
  // One message per field (the form shows each beside its field).
  if (!p.success)
    throw invalidInput(Object.entries(fieldErrors(issuesOf(p.error))).map(([path, message]) => ({ path, message })));
  // Never more than the operator allows: a wider request is refused, not narrowed silently.
  const scope = effectivePrivateScope(p.data.allowPrivate, operatorPrivateScope(env));
  if (!scope.ok) throw invalidInput([{ path: "allowPrivate", message: scope.message }]);
  const d = p.data;
  const options: RunOptions = {
    allowPrivate: scope.scope,
    port: d.port,
    rootHints: d.rootHints,
    ...(d.ratePerServer ? { ratePerServer: d.ratePerServer } : {}),
    ...(d.deadlineSeconds ? { deadlineSeconds: d.deadlineSeconds } : {}),
    ...(d.maxQueries ? { maxQueries: d.maxQueries } : {}),
    http: d.http,
    ...(d.rdapBaseUrl ? { rdapBaseUrl: d.rdapBaseUrl } : {}),
  };
  const run = await createRun(
    {
      transferId: transfer.id,
      oldServersJson: JSON.stringify(p.data.oldServers),
      newServersJson: JSON.stringify(p.data.newServers),
      optionsJson: JSON.stringify(options),
    },
    db,
  );
  if ((deps.execution ?? defaultExecution(db)) === "queue") {
    await enqueueRunJob(run.id, { db, env });
    let done: Promise<void> | null = null;
    // Polled only when someone waits for it (tests, the CLI); the web app reads progress from the row.
    return {
      runId: run.id,
      queued: true,
      get done() {
        return (done ??= waitForRunEnd(run.id, db));
      },
    };
  }
  const controller = new AbortController();
  registry().controllers.set(run.id, controller);
  const done = executeRun({
    runId: run.id,
    controller,
    db,
    ...(options.maxQueries ? { maxQueries: Math.min(options.maxQueries, abuseLimits().maxQueriesPerRun) } : {}),
  });
  return { runId: run.id, done };
}
