/**
 * Acknowledge a warning or waive a blocker of a run (who, why; lib/checks
 * verdict.ts validates with its zod schemas), store the state for the
 * transfer, and refresh the run's stored verdict.
 */
import { acknowledge, waive } from "../checks/verdict";
import type { EvidenceRef, Finding, Severity } from "../checks/types";
import { computeVerdict } from "../checks/verdict";
import type { Db } from "../db/client";
import { listFindingStates, saveFindingStates } from "../db/finding-states";
import { listFindings } from "../db/findings";
import { getRun, updateRun } from "../db/runs";
import { stateToRow, statesFromRows } from "./states";

export type SetFindingStateResult = { ok: true; verdict: "go" | "no-go" } | { ok: false; status: 404 | 409 | 422; error: string; message: string };

export async function setFindingState(opts: { transferId: string; runId: string; action: "acknowledge" | "waive"; input: unknown; db?: Db; now?: Date }): Promise<SetFindingStateResult> {
  const run = await getRun(opts.runId, opts.db);
  if (!run || run.transferId !== opts.transferId) return { ok: false, status: 404, error: "not-found", message: "no such run" };
  if (run.status !== "done") return { ok: false, status: 409, error: "not-done", message: "the run has not finished" };
  const [rows, stateRows] = await Promise.all([listFindings(run.id, opts.db), listFindingStates(run.transferId, opts.db)]);
  // With their evidence: a waiver records what it was given for (findingFingerprint), compared again on the next run.
  const findings: Finding[] = rows.map((r) => ({ id: r.checkId, key: r.key, family: r.family as Finding["family"], severity: r.severity as Severity, subject: r.subject, message: r.message, remediation: r.remediation, evidence: JSON.parse(r.evidenceJson) as EvidenceRef[] }));
  const states = statesFromRows(stateRows);
  const now = opts.now ?? new Date();
  const c = opts.action === "waive" ? waive(findings, states, opts.input, now) : acknowledge(findings, states, opts.input, now);
  if (!c.ok) return { ok: false, status: c.error === "unknown-finding" ? 404 : c.error === "invalid" ? 422 : 409, error: c.error, message: c.message };
  const key = (opts.input as { key: string }).key;
  await saveFindingStates(run.transferId, [stateToRow(key, c.states[key])], opts.db);
  const v = computeVerdict(findings, c.states);
  await updateRun(run.id, { verdict: v.verdict }, opts.db);
  return { ok: true, verdict: v.verdict };
}
