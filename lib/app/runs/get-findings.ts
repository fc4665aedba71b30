/**
 * A run's findings as the API and `cutover check --server` see them: verdict, counts, findings with their
 * states, timing and per-snapshot plan — what the CLI prints for a local run. Staff of the owning organisation.
 */
import type { Actor } from "../../auth/actor";
import { parseStoredTiming } from "../../checks/timing";
import type { Deps } from "../use-case";
import { getTransfer } from "../../db/get-transfer";
import { getRun } from "../../db/runs";
import { getRunView } from "./get-run-view";
import type { ApiRunFindings } from "../../http/api-wire";
import { runDto } from "../api/schemas";

export async function getRunFindings(
  actor: Actor | null,
  input: { transferId: string; runId: string },
  deps: Deps = {},
): Promise<ApiRunFindings> {
  // Authorises (404 for another organisation's transfer or another transfer's run) before anything is read.
  const view = await getRunView(actor, input, deps);
  const [stored, transfer] = await Promise.all([getRun(input.runId, deps.db), getTransfer(input.transferId, deps.db)]);
  const timing = parseStoredTiming(stored?.timingJson);
  const open = (k: "blocker" | "warning", settled: string) =>
    view.findings.filter((f) => f.severity === k && f.state.status !== settled).map((f) => f.key);
  return {
    run: runDto(view.run),
    zone: transfer?.domainAscii ?? "",
    verdict: view.verdict,
    finalisable: view.finalisable,
    reasons: view.reasons,
    counts: view.counts,
    openBlockers: view.verdict === null ? [] : open("blocker", "waived"),
    pendingAcknowledgements: view.verdict === null ? [] : open("warning", "acknowledged"),
    findings: view.findings.map((f) => ({
      id: f.id,
      key: f.key,
      severity: f.severity,
      subject: f.subject,
      message: f.message,
      remediation: f.remediation,
      state:
        f.state.status === "waived" || f.state.status === "acknowledged"
          ? { status: f.state.status, by: f.state.by, reason: f.state.reason }
          : { status: f.state.status },
      evidence: f.evidence.map((e) => ({ text: e.text })),
    })),
    timing: timing ? { minOverlapSeconds: timing.minOverlapSeconds, minWindowSeconds: timing.minWindowSeconds } : null,
    plans: view.plans.map((p) => ({
      side: p.side,
      incomplete: p.incomplete,
      ratePerServer: p.plan.ratePerServer,
      deadlineSeconds: Math.round(p.plan.deadlineMs / 1000),
      deadlineDerived: p.plan.deadlineDerived,
      transferred: p.plan.transferred,
      unsent: p.plan.unsent,
      stopCause: p.stopCause,
      classes: Object.fromEntries(
        Object.entries(p.plan.classes).map(([c, n]) => [c, { planned: n.planned, asked: n.asked }]),
      ),
    })),
  };
}
