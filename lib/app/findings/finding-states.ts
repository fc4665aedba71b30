/** FindingStates (lib/checks) to and from stored rows. */
import type { FindingStateRow } from "../../db/finding-states";
import type { DecidedBy, FindingState, FindingStates } from "../../checks/verdict";

export function statesFromRows(rows: readonly FindingStateRow[]): FindingStates {
  const out: FindingStates = {};
  for (const r of rows) {
    const at = (r.at ?? new Date(0)).toISOString();
    if ((r.status === "waived" || r.status === "acknowledged") && r.by && r.reason)
      out[r.key] = {
        status: r.status,
        by: r.by,
        reason: r.reason,
        at,
        ...(r.fingerprint ? { fingerprint: r.fingerprint } : {}),
        ...decidedBy(r),
      };
    else if (r.status === "fixed") out[r.key] = { status: "fixed", at };
  }
  return out;
}

/** The account and typed on-behalf-of of a stored decision (lib/checks DecidedBy). */
export function decidedBy(r: FindingStateRow): DecidedBy {
  return {
    ...(r.byUserId && r.by ? { account: { userId: r.byUserId, email: r.byEmail ?? "", name: r.by } } : {}),
    ...(r.onBehalfOf ? { onBehalfOf: r.onBehalfOf } : {}),
  };
}

export function stateToRow(key: string, s: FindingState): FindingStateRow {
  if (s.status === "open") return { key, status: "open", by: null, reason: null, at: null };
  if (s.status === "fixed") return { key, status: "fixed", by: null, reason: null, at: new Date(s.at) };
  return {
    key,
    status: s.status,
    by: s.by,
    reason: s.reason,
    at: new Date(s.at),
    fingerprint: s.fingerprint ?? null,
    byUserId: s.account?.userId ?? null,
    byEmail: s.account?.email ?? null,
    onBehalfOf: s.onBehalfOf ?? null,
  };
}
