/**
 * The transfer page's stepper: where a transfer stands on the way DESIGN.md's
 * flow describes (sources → live check → findings → schedule → checklist →
 * sign-offs) and the one thing to do next. Pure: the use cases gather the facts.
 */

export const STEP_IDS = ["sources", "live-check", "findings", "schedule", "checklist", "signoffs"] as const;
export type StepId = (typeof STEP_IDS)[number];
export type StepState = "done" | "needs-attention" | "stale" | "not-started";

export const STEP_LABELS: Record<StepId, string> = {
  sources: "Sources",
  "live-check": "Live check",
  findings: "Findings",
  schedule: "Schedule",
  checklist: "Checklist",
  signoffs: "Sign-offs",
};

export interface StepperFacts {
  transferId: string;
  /** Sources that are part of the transfer (removed ones excluded). */
  sources: { count: number; failed: number; lastChangeAt: Date | null };
  /** When the transfer's facts were last edited (null: never since creation). */
  factsEditedAt: Date | null;
  /** The newest run of any status. */
  latestRun: { id: string; status: "queued" | "running" | "done" | "failed" | "cancelled"; createdAt: Date } | null;
  /** The newest finished run, with its open items under the transfer's current finding states. */
  lastDoneRun: {
    id: string;
    createdAt: Date;
    verdict: "go" | "no-go";
    openBlockers: number;
    openWarnings: number;
  } | null;
  schedule: { set: boolean };
  revision: { number: number; outdated: boolean } | null;
  /** Decisions on the current revision, by role; `required` roles must approve. */
  signoffs: { approved: number; rejected: number; required: number; final: boolean; staleOnly: boolean };
}

export interface NextAction {
  label: string;
  href: string;
}

export interface Step {
  id: StepId;
  label: string;
  state: StepState;
  /** One line saying why the step is in its state. */
  detail: string;
  action: NextAction | null;
}

export interface Stepper {
  steps: Step[];
  /** The first step not done, or null when everything is done (the checklist is final). */
  current: StepId | null;
  next: NextAction | null;
}

const plural = (n: number, word: string) => `${n} ${word}${n === 1 ? "" : "s"}`;

export function computeStepper(f: StepperFacts): Stepper {
  const base = `/transfers/${f.transferId}`;
  const steps: Step[] = [];

  // Sources.
  if (f.sources.count === 0)
    steps.push({
      id: "sources",
      label: STEP_LABELS.sources,
      state: "not-started",
      detail: "No exports imported yet",
      action: { label: "Import exports", href: `${base}#import-card` },
    });
  else if (f.sources.failed > 0)
    steps.push({
      id: "sources",
      label: STEP_LABELS.sources,
      state: "needs-attention",
      detail: `${plural(f.sources.failed, "import")} failed`,
      action: { label: "Replace the failed import", href: `${base}#sources` },
    });
  else
    steps.push({
      id: "sources",
      label: STEP_LABELS.sources,
      state: "done",
      detail: `${plural(f.sources.count, "source")} imported`,
      action: null,
    });

  // Live check: stale when the sources or the facts changed after the last finished run started.
  const runsHref = `${base}/checks`;
  const last = f.lastDoneRun;
  const changedSince = (at: Date | null) => at !== null && last !== null && at.getTime() > last.createdAt.getTime();
  const runStale = changedSince(f.sources.lastChangeAt) || changedSince(f.factsEditedAt);
  const running = f.latestRun !== null && (f.latestRun.status === "queued" || f.latestRun.status === "running");
  if (running)
    steps.push({
      id: "live-check",
      label: STEP_LABELS["live-check"],
      state: "needs-attention",
      detail: "A live check is running",
      action: { label: "Watch the live check", href: `${runsHref}/${f.latestRun!.id}` },
    });
  else if (last === null) {
    const failed = f.latestRun !== null;
    steps.push({
      id: "live-check",
      label: STEP_LABELS["live-check"],
      state: failed ? "needs-attention" : "not-started",
      detail: failed
        ? `The last live check ${f.latestRun!.status === "failed" ? "failed" : "was cancelled"}`
        : "No live check yet",
      action: { label: "Start a live check", href: runsHref },
    });
  } else if (runStale)
    steps.push({
      id: "live-check",
      label: STEP_LABELS["live-check"],
      state: "stale",
      detail: changedSince(f.sources.lastChangeAt)
        ? "Sources changed since the last live check: a new run is needed"
        : "Transfer facts changed since the last live check: a new run is needed",
      action: { label: "Run the live check again", href: runsHref },
    });
  else
    steps.push({
      id: "live-check",
      label: STEP_LABELS["live-check"],
      state: "done",
      detail: `Verdict ${last.verdict === "go" ? "GO" : "NO-GO"}`,
      action: null,
    });

  // Findings: worked on the last finished run.
  if (last === null)
    steps.push({
      id: "findings",
      label: STEP_LABELS.findings,
      state: "not-started",
      detail: "Findings come from a live check",
      action: null,
    });
  else {
    const open = last.openBlockers + last.openWarnings;
    const href = `${runsHref}/${last.id}`;
    if (open > 0)
      steps.push({
        id: "findings",
        label: STEP_LABELS.findings,
        state: runStale ? "stale" : "needs-attention",
        detail: [
          last.openBlockers && `${plural(last.openBlockers, "open blocker")}`,
          last.openWarnings && `${plural(last.openWarnings, "unacknowledged warning")}`,
        ]
          .filter(Boolean)
          .join(", "),
        action: { label: "Work through the findings", href },
      });
    else
      steps.push({
        id: "findings",
        label: STEP_LABELS.findings,
        state: runStale ? "stale" : "done",
        detail: "Every blocker fixed or waived, every warning acknowledged",
        action: runStale ? { label: "Review the findings", href } : null,
      });
  }

  // Schedule.
  steps.push(
    f.schedule.set
      ? { id: "schedule", label: STEP_LABELS.schedule, state: "done", detail: "Window scheduled", action: null }
      : {
          id: "schedule",
          label: STEP_LABELS.schedule,
          state: "not-started",
          detail: "No maintenance window yet",
          action: { label: "Schedule the window", href: `${base}/schedule` },
        },
  );

  // Checklist revision.
  const checklistHref = `${base}/checklist`;
  if (f.revision === null)
    steps.push({
      id: "checklist",
      label: STEP_LABELS.checklist,
      state: "not-started",
      detail: "No revision yet",
      action: { label: "Create the first revision", href: checklistHref },
    });
  else if (f.revision.outdated)
    steps.push({
      id: "checklist",
      label: STEP_LABELS.checklist,
      state: "stale",
      detail: `Revision ${f.revision.number} is out of date: a new revision is needed`,
      action: { label: "Create a new revision", href: checklistHref },
    });
  else
    steps.push({
      id: "checklist",
      label: STEP_LABELS.checklist,
      state: "done",
      detail: `Revision ${f.revision.number} is current`,
      action: null,
    });

  // Sign-offs on the current revision.
  const s = f.signoffs;
  const tally = `${s.approved}/${s.required} approved`;
  if (f.revision === null)
    steps.push({
      id: "signoffs",
      label: STEP_LABELS.signoffs,
      state: "not-started",
      detail: "Sign-offs follow a revision",
      action: null,
    });
  else if (s.final && !f.revision.outdated)
    steps.push({ id: "signoffs", label: STEP_LABELS.signoffs, state: "done", detail: `Final: ${tally}`, action: null });
  else if (s.approved === 0 && s.rejected === 0)
    steps.push({
      id: "signoffs",
      label: STEP_LABELS.signoffs,
      state: s.staleOnly || f.revision.outdated ? "stale" : "not-started",
      detail: s.staleOnly ? "Earlier sign-offs are for an older revision" : "Nobody has signed yet",
      action: { label: "Send sign-off links", href: checklistHref },
    });
  else
    steps.push({
      id: "signoffs",
      label: STEP_LABELS.signoffs,
      state: f.revision.outdated ? "stale" : "needs-attention",
      detail: `${tally}${s.rejected ? `, ${s.rejected} rejected` : ""}`,
      action: { label: "Follow up on sign-offs", href: checklistHref },
    });

  const current = steps.find((x) => x.state !== "done") ?? null;
  return { steps, current: current?.id ?? null, next: current?.action ?? null };
}
