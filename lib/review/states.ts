/** FindingStates (lib/checks) to and from stored rows. */
import type { FindingStateRow } from "../db/finding-states";
import { carryStates, type FindingState, type FindingStates } from "../checks/verdict";
import type { Finding } from "../checks/types";

export function statesFromRows(rows: readonly FindingStateRow[]): FindingStates {
  const out: FindingStates = {};
  for (const r of rows) {
    const at = (r.at ?? new Date(0)).toISOString();
    if ((r.status === "waived" || r.status === "acknowledged") && r.by && r.reason) out[r.key] = { status: r.status, by: r.by, reason: r.reason, at };
    else if (r.status === "fixed") out[r.key] = { status: "fixed", at };
  }
  return out;
}

export function stateToRow(key: string, s: FindingState): FindingStateRow {
  if (s.status === "open") return { key, status: "open", by: null, reason: null, at: null };
  if (s.status === "fixed") return { key, status: "fixed", by: null, reason: null, at: new Date(s.at) };
  return { key, status: s.status, by: s.by, reason: s.reason, at: new Date(s.at) };
}

/**
 * States for a new run: findings gone since the last run become fixed; a
 * finding that was fixed and is back is open again (a fix that did not hold
 * must block again), waivers and acknowledgements carry over.
 */
export function carryToRun(previous: FindingStates, findings: readonly Finding[], now: Date): FindingStates {
  const present = new Set(findings.map((f) => f.key));
  const reopened: FindingStates = {};
  for (const [k, s] of Object.entries(previous)) if (!(s.status === "fixed" && present.has(k))) reopened[k] = s;
  const carried = carryStates(reopened, findings, now);
  // Keep the original time a finding was first seen fixed.
  for (const [k, s] of Object.entries(previous)) if (s.status === "fixed" && !present.has(k)) carried[k] = s;
  return carried;
}
