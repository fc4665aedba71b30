/**
 * Everything the transfer page shows in one call: the transfer, its sources (and the removed ones, kept for the
 * record), and the stepper computed from the runs, the findings' states, the schedule, the checklist and sign-offs.
 */
import { computeVerdict } from "../../checks/verdict";
import type { Finding, Severity } from "../../checks/types";
import type { Actor } from "../../auth/actor";
import { getScheduleRow } from "../../db/checklist-schedule";
import { listFindingStates } from "../../db/finding-states";
import { listFindings } from "../../db/findings";
import { listRuns } from "../../db/runs";
import { listSources } from "../../db/list-sources";
import type { SourceRow, TransferRow } from "../../db/rows";
import { listSourceRemovals, type SourceRemovalRow } from "../../db/source-removals";
import { currentDecisions } from "../../checklist/signoff";
import { statesFromRows } from "../findings/finding-states";
import { PARTY_ROLES } from "../../schedule/parties";
import { getChecklistPage } from "../checklist/get-checklist";
import { computeStepper, type Stepper } from "./stepper";
import type { Deps } from "../use-case";

export interface Cockpit {
  transfer: TransferRow;
  sources: SourceRow[];
  removed: SourceRemovalRow[];
  stepper: Stepper;
}

const maxDate = (ds: (Date | null | undefined)[]): Date | null =>
  ds.reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);

export async function getCockpit(
  actor: Actor | null,
  input: { transferId: string },
  options: Deps = {},
): Promise<Cockpit> {
  const { transferId } = input;
  // The checklist use case checks access first; nothing is read before it has.
  const checklist = await getChecklistPage(actor, { transferId }, options);
  const db = options.db;
  const [sources, removed, runs, stateRows, schedule] = await Promise.all([
    listSources(transferId, db),
    listSourceRemovals(transferId, db),
    listRuns(transferId, db),
    listFindingStates(transferId, db),
    getScheduleRow(transferId, db),
  ]);
  const { transfer } = checklist;
  const done = runs.find((r) => r.status === "done") ?? null;
  let openBlockers = 0;
  let openWarnings = 0;
  if (done) {
    const rows = await listFindings(done.id, db);
    const findings = rows.map((r) => ({ id: r.checkId, key: r.key, severity: r.severity as Severity }) as Finding);
    const v = computeVerdict(findings, statesFromRows(stateRows));
    openBlockers = v.openBlockers.length;
    openWarnings = v.pendingAcknowledgements.length;
  }
  const current = checklist.current;
  const decisions = current ? [...currentDecisions(current.digest, checklist.signoffs).values()] : [];
  const stepper = computeStepper({
    transferId,
    sources: {
      count: sources.length,
      failed: sources.filter((s) => !s.ok).length,
      lastChangeAt: maxDate([...sources.map((s) => s.createdAt), ...removed.map((r) => r.removedAt)]),
    },
    factsEditedAt: transfer.updatedAt.getTime() - transfer.createdAt.getTime() > 1000 ? transfer.updatedAt : null,
    latestRun: runs[0] ? { id: runs[0].id, status: runs[0].status, createdAt: runs[0].createdAt } : null,
    lastDoneRun: done
      ? {
          id: done.id,
          createdAt: done.createdAt,
          verdict: openBlockers === 0 ? "go" : "no-go",
          openBlockers,
          openWarnings,
        }
      : null,
    schedule: { set: schedule !== null },
    revision: current && { number: current.revision.revisionNumber, outdated: checklist.outdated },
    signoffs: {
      approved: decisions.filter((d) => d.decision === "approve").length,
      rejected: decisions.filter((d) => d.decision === "reject").length,
      required: PARTY_ROLES.length,
      final: checklist.finality?.final ?? false,
      staleOnly: decisions.length === 0 && checklist.signoffs.length > 0,
    },
  });
  return { transfer, sources, removed, stepper };
}
