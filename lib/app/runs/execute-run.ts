/**
 * Execute one stored run in this process: load the transfer's sources and
 * states, runReview with progress written to the run row (throttled), then
 * persist snapshot, diff rows, findings, carried states and verdict.
 * Cancellation (AbortController in the registry) ends it as "cancelled".
 */
import { clampPrivateScope, operatorPrivateScope } from "../../net/private-scope";
import { checkConfigFromEnv } from "../../checks/load-config";
import { runPipeline as runReview, type PipelineResult as Review } from "../../checks/pipeline";
import type { Finding } from "../../checks/types";
import { carryStates, computeVerdict } from "../../checks/verdict";
import type { Db } from "../../db/client";
import { listFindingStates } from "../../db/finding-states";
import { finishRun } from "../../db/finish-run";
import { recordAudit, SYSTEM_ACTOR } from "../../audit/record-audit";
import { getTransfer } from "../../db/get-transfer";
import { getRun, updateRun } from "../../db/runs";
import type { ExplicitServer, Snapshot } from "../../dns/run-snapshot";
import { parseRootHints } from "../../dns/root-hints";
import { RunClaimLost } from "../../db/finish-run";
import { holdsRun } from "../../db/run-jobs";
import type { SharedRateLimit } from "../../dns/shared-rate";
import { storeSnapshot, type StoredSnapshotDigest } from "./store-snapshot";
import { storeDiffRows } from "./store-diff-rows";
import { diffRows } from "./diff-rows";
import { abuseLimits } from "../../config/abuse-limits";
import { progressTracker } from "./progress";
import { queryBudget, queryCapReason } from "../../dns/query-budget";
import { registry } from "./registry";
import { startRunHeartbeat } from "./run-heartbeat";
import type { RunOptions } from "./run-input";
import { stateToRow, statesFromRows } from "../findings/finding-states";
import { loadTransferFacts } from "./transfer-facts";
import { loadStoredSources } from "./stored-sources";

/** How often progress reaches the database (the stream polls it). */
const FLUSH_MS = 200;

export interface ExecuteRunOptions {
  runId: string;
  controller: AbortController;
  db?: Db;
  now?: () => Date;
  /** DNS queries this run may send in all (default: CUTOVER_MAX_QUERIES_PER_RUN, 50,000). */
  maxQueries?: number;
  /** Executed for a job of the queue: only while this claim holds the run may it beat and write (lib/db/run-jobs.ts). */
  claimToken?: string;
  /** The per-server budget shared with every other run and worker (lib/dns/shared-rate.ts). */
  sharedRate?: SharedRateLimit | null;
}

export function findingRow(f: Finding) {
  return {
    key: f.key,
    checkId: f.id,
    family: f.family,
    severity: f.severity,
    subject: f.subject,
    message: f.message,
    remediation: f.remediation,
    evidenceJson: JSON.stringify(f.evidence),
  };
}

export async function executeRun(opts: ExecuteRunOptions): Promise<void> {
  const { runId, controller, db } = opts;
  const now = opts.now ?? (() => new Date());
  const tracker = progressTracker();
  const budget = queryBudget(opts.maxQueries ?? abuseLimits().maxQueriesPerRun);
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
  // Each snapshot's evidence goes to its own rows as soon as the snapshot ends (in batches, store-snapshot.ts).
  let storing: Promise<void> = Promise.resolve();
  const digests: Partial<Record<"old" | "new", StoredSnapshotDigest>> = {};
  const keep = (side: "old" | "new", snap: Snapshot) => {
    storing = storing.then(async () => {
      digests[side] = await storeSnapshot(runId, side, snap, db);
    });
  };
  // Beats and polls the cancel flag, so any instance can see it alive and stop it.
  const heartbeat = startRunHeartbeat({ runId, controller, db, now, claimToken: opts.claimToken });
  const flush = () => {
    timer = null;
    const p = tracker.current();
    writing = writing.then(() => updateRun(runId, p, db)).catch(() => undefined);
  };
  try {
    const run = await getRun(runId, db);
    if (!run) return;
    const transfer = await getTransfer(run.transferId, db);
    if (!transfer) throw new Error("the transfer no longer exists");
    await updateRun(runId, { status: "running", startedAt: now(), phase: "import" }, db);
    const options = JSON.parse(run.optionsJson) as RunOptions;
    const hints = options.rootHints.trim() ? parseRootHints(options.rootHints) : null;
    if (hints && !hints.ok) throw new Error(`root hints line ${hints.line}: ${hints.message}`);
    const [sources, stateRows, facts] = await Promise.all([
      loadStoredSources(run.transferId, db),
      listFindingStates(run.transferId, db),
      loadTransferFacts(run.transferId, db),
    ]);
    if (!facts) throw new Error("the transfer no longer exists");
    const previous = statesFromRows(stateRows);
    const review: Review = await runReview({
      zone: transfer.domainAscii,
      // The transfer's stored facts: hosting answer, window, parties and contacts, operations plan.
      facts,
      // Operator severity overrides / disabled checks (CUTOVER_CHECKS_CONFIG).
      config: checkConfigFromEnv(),
      sources,
      oldServers: JSON.parse(run.oldServersJson) as ExplicitServer[],
      newServers: JSON.parse(run.newServersJson) as ExplicitServer[],
      snapshot: {
        // What the operator allows now bounds what was granted at start (and runs stored with a boolean).
        allowPrivate: clampPrivateScope(options.allowPrivate, operatorPrivateScope()),
        port: options.port,
        rootHints: hints?.ok ? hints.servers : undefined,
        // The run's query budget (lib/dns caps each session at what is left of it).
        limits: Object.defineProperties(
          options.ratePerServer ? { ratePerServer: options.ratePerServer, burstPerServer: 1 } : {},
          Object.getOwnPropertyDescriptors(budget.limits),
        ),
        ...(opts.sharedRate ? { sharedRate: opts.sharedRate } : {}),
        // Absent: each snapshot derives its deadline from its plan.
        ...(options.deadlineSeconds ? { deadlineMs: options.deadlineSeconds * 1000 } : {}),
      },
      // The CLI's pipeline extras, chosen on the checks page (absent in older runs: off).
      rdap: options.rdapBaseUrl ? { baseUrl: options.rdapBaseUrl } : null,
      http: options.http ? {} : null,
      signal: controller.signal,
      onSnapshot: keep,
      onProgress: (p) => {
        tracker.update(p);
        // At the cap, stop everything at once: no further packets.
        if ((p.phase === "old" || p.phase === "new") && budget.note(p.phase, p.event) && !controller.signal.aborted)
          controller.abort(queryCapReason(budget.message));
        // Phase changes go out at once; counters at most every FLUSH_MS.
        if (p.phase !== "old" && p.phase !== "new") flush();
        else timer ??= setTimeout(flush, FLUSH_MS);
      },
    });
    if (timer) clearTimeout(timer);
    flush();
    await writing;
    await storing;
    await storeDiffRows(runId, diffRows(review.diff), db);
    const at = now();
    const states = carryStates(previous, review.findings, at);
    const verdict = computeVerdict(review.findings, states);
    // Findings, carried states and the result in one transaction (finish-run.ts).
    await finishRun(
      {
        runId,
        ...(opts.claimToken ? { claimToken: opts.claimToken } : {}),
        transferId: run.transferId,
        findings: review.findings.map(findingRow),
        states: Object.entries(states).map(([k, s]) => stateToRow(k, s)),
        update: {
          status: "done",
          finishedAt: at,
          phase: "done",
          // The answers are rows (RunAnswer); this names them by count and digest, so the checklist's snapshot digest covers them.
          snapshotJson: JSON.stringify({ old: digests.old ?? null, new: digests.new ?? null }),
          // The measured TTLs and what they imply; the schedule and revisions read them from here.
          timingJson: JSON.stringify(review.timing),
          verdict: verdict.verdict,
          blockers: verdict.counts.blocker,
          warnings: verdict.counts.warning,
          infos: verdict.counts.info,
        },
      },
      db,
    );
    // The run's end in the audit log (and so to notifications: a verdict that changed, lib/app/notifications).
    await recordAudit(
      {
        type: "run.completed",
        transferId: run.transferId,
        at: at.toISOString(),
        actor: SYSTEM_ACTOR,
        runId,
        snapshotDigest: null,
        findings: review.findings.length,
      },
      db,
    ).catch(() => undefined);
  } catch (err) {
    if (timer) clearTimeout(timer);
    await writing;
    // Another attempt holds the run now (this worker stalled past the queue's heartbeat): it writes, not us.
    const ours = async () =>
      !heartbeat.lost() &&
      !(err instanceof RunClaimLost) &&
      (!opts.claimToken || (await holdsRun(runId, opts.claimToken, db).catch(() => false)));
    // Stopping while its evidence is stored (seconds for a large snapshot): no ETA meanwhile (progress.ts).
    if (await ours()) await updateRun(runId, { ...tracker.current(), phase: "stopping" }, db).catch(() => undefined);
    // What a stopped run measured stays: its snapshots and their plans (the run page shows how much each class asked).
    await storing.catch(() => undefined);
    if (!(await ours())) return;
    const cancelled = controller.signal.aborted && !budget.exhausted;
    const status = cancelled ? "cancelled" : "failed";
    const error = budget.exhausted
      ? budget.message
      : cancelled
        ? "cancelled by the user"
        : String((err as Error)?.message ?? err);
    await updateRun(runId, { ...tracker.current(), status, phase: status, finishedAt: now(), error }, db).catch(
      () => undefined,
    );
  } finally {
    heartbeat.stop();
    registry().controllers.delete(runId);
  }
}
