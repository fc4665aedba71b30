/**
 * Start a live check for a transfer: validate the input, store a queued
 * run, and execute it: on SQLite in the background of this server process,
 * on PostgreSQL as a job of the queue (lib/app/jobs). Returns at once with
 * the run id; progress is read from the run row.
 */
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { createRun } from "../../db/runs";
import { abuseLimits } from "../../config/abuse-limits";
import { defaultExecution, enqueueRunJob, waitForRunEnd, type RunExecution } from "../jobs/enqueue-run-job";
import { executeRun } from "./execute-run";
import { recoverRuns } from "./recover-runs";
import { registry } from "./registry";
import { effectivePrivateScope, operatorPrivateScope } from "../../net/private-scope";
import { StartRunInputSchema, type RunOptions } from "./run-input";

export type StartRunResult =
  | { ok: true; runId: string; done: Promise<void>; /** Executed by a worker of the job queue (PostgreSQL), not this process. */ queued?: boolean }
  | { ok: false; status: 404 | 422; errors: Record<string, string> };

export async function startRun(opts: { transferId: string; input: unknown; db?: Db; env?: Record<string, string | undefined>; execution?: RunExecution }): Promise<StartRunResult> {
  await recoverRuns(opts.db);
  const transfer = await getTransfer(opts.transferId, opts.db);
  if (!transfer) return { ok: false, status: 404, errors: { transfer: "no such transfer" } };
  const p = StartRunInputSchema.safeParse(opts.input);
  if (!p.success) {
    const errors: Record<string, string> = {};
    for (const i of p.error.issues) errors[String(i.path[0] ?? "form")] ??= i.message;
    return { ok: false, status: 422, errors };
  }
  // Never more than the operator allows: a wider request is refused, not narrowed silently.
  const scope = effectivePrivateScope(p.data.allowPrivate, operatorPrivateScope(opts.env));
  if (!scope.ok) return { ok: false, status: 422, errors: { allowPrivate: scope.message } };
  const d = p.data;
  const options: RunOptions = {
    allowPrivate: scope.scope, port: d.port, rootHints: d.rootHints,
    ...(d.ratePerServer ? { ratePerServer: d.ratePerServer } : {}),
    ...(d.deadlineSeconds ? { deadlineSeconds: d.deadlineSeconds } : {}),
    ...(d.maxQueries ? { maxQueries: d.maxQueries } : {}),
    http: d.http, ...(d.rdapBaseUrl ? { rdapBaseUrl: d.rdapBaseUrl } : {}),
  };
  const run = await createRun(
    { transferId: transfer.id, oldServersJson: JSON.stringify(p.data.oldServers), newServersJson: JSON.stringify(p.data.newServers), optionsJson: JSON.stringify(options) },
    opts.db,
  );
  if ((opts.execution ?? defaultExecution(opts.db)) === "queue") {
    await enqueueRunJob(run.id, { db: opts.db, env: opts.env });
    let done: Promise<void> | null = null;
    // Polled only when someone waits for it (tests, the CLI); the web app reads progress from the row.
    return { ok: true, runId: run.id, queued: true, get done() { return (done ??= waitForRunEnd(run.id, opts.db)); } };
  }
  const controller = new AbortController();
  registry().controllers.set(run.id, controller);
  const done = executeRun({ runId: run.id, controller, db: opts.db, ...(options.maxQueries ? { maxQueries: Math.min(options.maxQueries, abuseLimits().maxQueriesPerRun) } : {}) });
  return { ok: true, runId: run.id, done };
}
