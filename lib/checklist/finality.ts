/**
 * The finality rule: final when the verdict is go, every warning
 * is acknowledged (or waived or fixed), every party's contacts are complete
 * and confirmed on call, and every required role approved the current digest.
 */
import { PARTY_ROLES, PARTY_ROLE_LABELS, partyProblems, type PartyRole } from "../schedule/parties";
import type { Revision } from "./revision";
import { revisionDigest } from "./revision";
import { currentDecisions, type Signoff } from "./signoff";

export interface FinalityOptions {
  revision: Revision;
  signoffs: readonly Signoff[];
  /** Roles whose approval is needed; default all five parties. */
  requiredRoles?: readonly PartyRole[];
}

export interface FinalityResult {
  final: boolean;
  /** Why not, one line per missing item; empty when final. */
  missing: string[];
}

export function checkFinality(options: FinalityOptions): FinalityResult {
  const { revision } = options;
  const missing: string[] = [];
  if (revision.verdict.decision !== "go") missing.push("the verdict is not GO");
  for (const f of revision.findings) {
    if (f.severity === "blocker" && f.state.status === "open")
      missing.push(`blocker ${f.checkId} is open: ${f.message}`);
    if (f.severity === "warning" && f.state.status === "open")
      missing.push(`warning ${f.checkId} is not acknowledged: ${f.message}`);
  }
  if (revision.window === null) missing.push("no maintenance window is scheduled");
  for (const p of partyProblems(revision.parties)) missing.push(p.message);
  const decisions = currentDecisions(revisionDigest(revision), options.signoffs);
  for (const role of options.requiredRoles ?? PARTY_ROLES) {
    const d = decisions.get(role);
    if (d === undefined) missing.push(`${PARTY_ROLE_LABELS[role]} has not signed revision ${revision.revisionNumber}`);
    else if (d.decision === "reject")
      missing.push(`${PARTY_ROLE_LABELS[role]} rejected revision ${revision.revisionNumber}: ${d.reason}`);
  }
  return { final: missing.length === 0, missing };
}
