/**
 * Pure: the content a new revision freezes from the transfer,
 * its sources, the latest run with finding states, the window and parties.
 * Findings the previous revision listed that a re-run no longer reports, and
 * that the state store marks fixed, stay in the document as "fixed", so the
 * signed record shows what was resolved.
 */
import { toRevisionFinding, type Finding, type FindingState } from "../../checklist/finding";
import type { Revision, RevisionContent } from "../../checklist/revision";
import { computeVerdict, type FindingStates } from "../../checks/verdict";
import type { Finding as CheckFinding } from "../../checks/types";
import type { FindingStateRow } from "../../db/finding-states";
import type { SourceRow, TransferRow } from "../../db/rows";
import type { Party } from "../../schedule/parties";
import { timingInputsSchema } from "../../schedule/timing";
import type { MaintenanceWindow } from "../../schedule/window";
import type { ReviewInput } from "./latest-run-evidence";

export interface BuildRevisionContentOptions {
  transfer: TransferRow;
  sources: readonly SourceRow[];
  review: ReviewInput | null;
  previous: Revision | null;
  window: MaintenanceWindow | null;
  parties: readonly Party[];
}

/** The deciding account and the typed on-behalf-of, as stored (absent on decisions from before accounts were bound). */
function decider(row: FindingStateRow): {
  account?: { userId: string; email: string; name: string };
  onBehalfOf?: string;
} {
  return {
    ...(row.byUserId && row.by ? { account: { userId: row.byUserId, email: row.byEmail ?? "", name: row.by } } : {}),
    ...(row.onBehalfOf ? { onBehalfOf: row.onBehalfOf } : {}),
  };
}

function checklistState(row: FindingStateRow | undefined): FindingState {
  if (row === undefined) return { status: "open" };
  const at = row.at?.toISOString();
  switch (row.status) {
    case "fixed":
      return { status: "fixed", ...(at ? { at } : {}) };
    case "waived":
      return row.by && at && row.reason
        ? { status: "waived", by: row.by, at, reason: row.reason, ...decider(row) }
        : { status: "open" };
    case "acknowledged":
      return row.by && at
        ? { status: "acknowledged", by: row.by, at, ...(row.reason ? { note: row.reason } : {}), ...decider(row) }
        : { status: "open" };
    default:
      return { status: "open" };
  }
}

/** The verdict's "by …" text: the account with its e-mail; a typed on-behalf-of is labelled as such. */
function deciderText(r: FindingStateRow): string {
  const who = r.byUserId ? `${r.by} <${r.byEmail ?? ""}>` : `${r.by} (typed name)`;
  return r.onBehalfOf ? `${who} on behalf of ${r.onBehalfOf} (self-declared)` : who;
}

function checksStates(rows: readonly FindingStateRow[]): FindingStates {
  const out: FindingStates = {};
  for (const r of rows) {
    const at = (r.at ?? new Date(0)).toISOString();
    if (r.status === "fixed") out[r.key] = { status: "fixed", at };
    else if (r.status === "waived" && r.by && r.reason)
      out[r.key] = { status: "waived", by: deciderText(r), reason: r.reason, at };
    else if (r.status === "acknowledged" && r.by)
      out[r.key] = { status: "acknowledged", by: deciderText(r), reason: r.reason ?? "", at };
  }
  return out;
}

export function buildRevisionContent(o: BuildRevisionContentOptions): RevisionContent {
  const t = o.transfer;
  const stateByKey = new Map((o.review?.states ?? []).map((s) => [s.key, s]));
  const findings: Finding[] = (o.review?.findings ?? []).map((f) =>
    toRevisionFinding(f, checklistState(stateByKey.get(f.key))),
  );
  const present = new Set(findings.map((f) => f.id));
  for (const old of o.previous?.findings ?? []) {
    if (present.has(old.id) || o.review === null) continue;
    const s = stateByKey.get(old.id);
    const at = s?.at?.toISOString();
    findings.push({ ...old, state: { status: "fixed", ...(s?.status === "fixed" && at ? { at } : {}) } });
  }
  let verdict: Revision["verdict"];
  if (o.review === null) verdict = { decision: "no-go", reasons: ["no live check has finished for this transfer"] };
  else {
    const v = computeVerdict(
      o.review.findings.map((f) => ({
        ...f,
        family: f.id.slice(0, 3) as CheckFinding["family"],
        evidence: [...f.evidence],
      })) as CheckFinding[],
      checksStates(o.review.states),
    );
    verdict = {
      decision: v.verdict,
      reasons: v.reasons.length > 0 ? v.reasons : ["no open blocker, no warning left to acknowledge"],
    };
  }
  return {
    transfer: {
      domain: t.domainAscii,
      losingRegistrar: t.losingRegistrar,
      gainingRegistrar: t.gainingRegistrar,
      losingDnsOperator: t.currentDnsOperator,
      gainingDnsOperator: t.futureDnsOperator,
    },
    dnsHostingMoves: t.dnsHostingMoves,
    sources: o.sources.flatMap((s) =>
      s.files.map((f) => ({ id: s.id, fileName: f.name, format: s.format, sha256: f.sha256 })),
    ),
    snapshotDigest: o.review?.snapshotDigest ?? null,
    findings,
    verdict,
    window: o.window,
    timing: o.review?.timing ? timingInputsSchema.parse(o.review.timing) : null,
    parties: [...o.parties],
  };
}
