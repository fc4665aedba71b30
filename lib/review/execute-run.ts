/**
 * Execute one stored run in this process: load the transfer's sources and
 * states, runReview with progress written to the run row (throttled), then
 * persist snapshot, diff rows, findings, carried states and verdict.
 * Cancellation (AbortController in the registry) ends it as "cancelled".
 */
import { runReview, type Review } from "../checks/review";
import type { Finding } from "../checks/types";
import { computeVerdict } from "../checks/verdict";
import type { Db } from "../db/client";
import { listFindingStates, saveFindingStates } from "../db/finding-states";
import { saveFindings } from "../db/findings";
import { getTransfer } from "../db/get-transfer";
import { getRun, updateRun } from "../db/runs";
import type { ExplicitServer } from "../dns/run-snapshot";
import { parseRootHints } from "../dns/root-hints";
import { snapshotToJson } from "../dns/snapshot-json";
import { diffRows } from "./diff-rows";
import { progressTracker } from "./progress";
import { registry } from "./registry";
import type { RunOptions } from "./run-input";
import { carryToRun, stateToRow, statesFromRows } from "./states";
import { loadStoredSources } from "./stored-sources";

/** How often progress reaches the database (the stream polls it). */
const FLUSH_MS = 200;

export interface ExecuteRunOptions {
  runId: string;
  controller: AbortController;
  db?: Db;
  now?: () => Date;
}

export function findingRow(f: Finding) {
  return { key: f.key, checkId: f.id, family: f.family, severity: f.severity, subject: f.subject, message: f.message, remediation: f.remediation, evidenceJson: JSON.stringify(f.evidence) };
}

export async function executeRun(opts: ExecuteRunOptions): Promise<void> {
  const { runId, controller, db } = opts;
  const now = opts.now ?? (() => new Date());
  const tracker = progressTracker();
  let timer: ReturnType<typeof setTimeout> | null = null;
  let writing: Promise<void> = Promise.resolve();
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
    const [sources, stateRows] = await Promise.all([loadStoredSources(run.transferId, db), listFindingStates(run.transferId, db)]);
    const previous = statesFromRows(stateRows);
    const review: Review = await runReview({
      zone: transfer.domainAscii,
      facts: { domain: transfer.domainAscii, dnsHostingMoves: transfer.dnsHostingMoves, losingRegistrar: transfer.losingRegistrar },
      sources,
      oldServers: JSON.parse(run.oldServersJson) as ExplicitServer[],
      newServers: JSON.parse(run.newServersJson) as ExplicitServer[],
      snapshot: {
        allowPrivate: options.allowPrivate,
        port: options.port,
        rootHints: hints?.ok ? hints.servers : undefined,
        limits: options.ratePerServer ? { ratePerServer: options.ratePerServer, burstPerServer: 1 } : undefined,
      },
      signal: controller.signal,
      onProgress: (p) => {
        tracker.update(p);
        // Phase changes go out at once; counters at most every FLUSH_MS.
        if (p.phase !== "old" && p.phase !== "new") flush();
        else timer ??= setTimeout(flush, FLUSH_MS);
      },
    });
    if (timer) clearTimeout(timer);
    flush();
    await writing;
    const at = now();
    const states = carryToRun(previous, review.findings, at);
    const verdict = computeVerdict(review.findings, states);
    await saveFindings(runId, review.findings.map(findingRow), db);
    await saveFindingStates(run.transferId, Object.entries(states).map(([k, s]) => stateToRow(k, s)), db);
    await updateRun(
      runId,
      {
        status: "done",
        finishedAt: at,
        phase: "done",
        snapshotJson: JSON.stringify({ old: review.old && snapshotToJson(review.old), new: review.neu && snapshotToJson(review.neu) }),
        diffJson: JSON.stringify(diffRows(review.diff)),
        verdict: verdict.verdict,
        blockers: verdict.counts.blocker,
        warnings: verdict.counts.warning,
        infos: verdict.counts.info,
      },
      db,
    );
  } catch (err) {
    if (timer) clearTimeout(timer);
    await writing;
    const cancelled = controller.signal.aborted;
    const status = cancelled ? "cancelled" : "failed";
    const error = cancelled ? "cancelled by the user" : String((err as Error)?.message ?? err);
    await updateRun(runId, { ...tracker.current(), status, phase: status, finishedAt: now(), error }, db).catch(() => undefined);
  } finally {
    registry().controllers.delete(runId);
  }
}
