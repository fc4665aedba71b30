import Link from "next/link";
import type { Stepper, StepState } from "@/lib/app/transfers/stepper";

const STATE_TEXT: Record<StepState, string> = {
  done: "done",
  "needs-attention": "needs attention",
  stale: "stale",
  "not-started": "not started",
};
// Colours pass WCAG AA contrast (4.5:1) on their backgrounds.
const STATE_CLASS: Record<StepState, string> = {
  done: "border-emerald-300 bg-emerald-50 text-emerald-900",
  "needs-attention": "border-red-300 bg-red-50 text-red-900",
  stale: "border-amber-300 bg-amber-50 text-amber-900",
  "not-started": "border-slate-300 bg-white text-slate-700",
};
const STATE_MARK: Record<StepState, string> = { done: "✓", "needs-attention": "!", stale: "↻", "not-started": "○" };

/** Where the transfer stands and what to do next (lib/app/transfers/stepper.ts). */
export function StepperView({ stepper }: { stepper: Stepper }) {
  return (
    <nav
      aria-label="Progress of the transfer"
      className="space-y-3"
      data-testid="stepper"
      data-current={stepper.current ?? "final"}
    >
      <ol className="grid gap-2 sm:grid-cols-2 lg:grid-cols-6">
        {stepper.steps.map((s, i) => (
          <li
            key={s.id}
            className={`rounded-md border p-3 ${STATE_CLASS[s.state]}`}
            data-testid="step"
            data-step={s.id}
            data-state={s.state}
            aria-current={stepper.current === s.id ? "step" : undefined}
          >
            <p className="flex items-baseline justify-between gap-2 text-sm font-semibold">
              <span>
                {i + 1}. {s.label}
              </span>
              <span className="text-xs font-medium" data-testid="step-state">
                <span aria-hidden>{STATE_MARK[s.state]} </span>
                {STATE_TEXT[s.state]}
              </span>
            </p>
            <p className="mt-1 text-xs" data-testid="step-detail">
              {s.detail}
            </p>
            {s.action && (
              <Link
                href={s.action.href}
                className="mt-2 inline-flex min-h-6 items-center text-xs font-medium underline"
                data-testid="step-action"
              >
                {s.action.label} →
              </Link>
            )}
          </li>
        ))}
      </ol>
      {stepper.next ? (
        <p className="text-sm">
          Next:{" "}
          <Link
            href={stepper.next.href}
            className="inline-flex min-h-6 items-center rounded-md bg-slate-900 px-3 py-1 font-medium text-white hover:bg-slate-700"
            data-testid="next-action"
          >
            {stepper.next.label}
          </Link>
        </p>
      ) : (
        stepper.current === null && (
          <p className="text-sm font-medium text-emerald-900" data-testid="next-action-none">
            Every step is done: the checklist is final.
          </p>
        )
      )}
    </nav>
  );
}
