"use client";

import { useRouter } from "next/navigation";
import { useEffect, useState } from "react";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";

interface Progress {
  status: string;
  phase: string | null;
  planned: number;
  sent: number;
  answered: number;
  failed: number;
  /** Seconds left at the pace so far (null: not known yet). */
  etaSeconds?: number | null;
  error: string | null;
}

function eta(s: number): string {
  if (s < 90) return `about ${s} s left`;
  const m = Math.round(s / 60);
  return m < 90 ? `about ${m} min left` : `about ${Math.round(m / 60)} h left`;
}

const PHASES: Record<string, string> = {
  queued: "queued",
  import: "reading the sources",
  old: "querying the old operator's servers",
  new: "querying the new operator's servers",
  rdap: "registration data (RDAP)",
  http: "web reachability",
  checks: "running the check catalogue",
  stopping: "stopping: keeping what was measured",
  done: "done",
};

/** The live progress of a run, streamed from the server (SSE), with Cancel. */
export function RunProgress({ transferId, runId, initial }: { transferId: string; runId: string; initial: Progress }) {
  const router = useRouter();
  const [p, setP] = useState<Progress>(initial);
  const [cancelling, setCancelling] = useState(false);

  useEffect(() => {
    const es = new EventSource(`/api/transfers/${transferId}/runs/${runId}/events`);
    es.onmessage = (e) => {
      const next = JSON.parse(e.data) as Progress;
      setP(next);
      if (["done", "failed", "cancelled"].includes(next.status)) {
        es.close();
        router.refresh();
      }
    };
    es.addEventListener("missing", () => es.close());
    return () => es.close();
  }, [transferId, runId, router]);

  async function cancel() {
    setCancelling(true);
    await fetch(`/api/transfers/${transferId}/runs/${runId}/cancel`, { method: "POST" });
  }

  // lib/dns does not plan the delegation walk's queries, so "done" can outrun "planned".
  const total = Math.max(p.planned, p.answered + p.failed, 1);
  const pct = Math.min(100, Math.round(((p.answered + p.failed) / total) * 100));
  const running = p.status === "queued" || p.status === "running";
  return (
    <div className="space-y-3" data-testid="run-progress" data-status={p.status}>
      <div className="flex items-center justify-between text-sm">
        <span data-testid="run-phase">
          {p.status === "running" ? (PHASES[p.phase ?? ""] ?? p.phase) : p.status}
          {p.error ? `: ${p.error}` : ""}
        </span>
        <span>
          {/* The server sends none once the run stops (lib/app/runs/progress.ts); nor is one shown after Cancel. */}
          {p.status === "running" && !cancelling && p.etaSeconds != null && (
            <span className="mr-3 text-slate-600" data-testid="progress-eta">
              {eta(p.etaSeconds)}
            </span>
          )}
          <span data-testid="progress-percent">{pct}%</span>
        </span>
      </div>
      <div
        role="progressbar"
        aria-label="Queries answered or failed"
        aria-valuemin={0}
        aria-valuemax={total}
        aria-valuenow={p.answered + p.failed}
        className="h-3 w-full overflow-hidden rounded bg-slate-200"
        data-testid="progress-bar"
      >
        <div className="h-full bg-slate-800 transition-all" style={{ width: `${pct}%` }} />
      </div>
      <dl className="grid grid-cols-4 gap-2 text-sm sm:grid-cols-5">
        {(["planned", "sent", "answered", "failed"] as const).map((k) => (
          <div key={k}>
            <dt className="text-xs uppercase tracking-wide text-slate-500">{k}</dt>
            <dd className="font-mono" data-testid={`progress-${k}`}>
              {p[k]}
            </dd>
          </div>
        ))}
        {/* A stopped run's questions it never sent: not failures (lib/app/runs/progress.ts), said as such. */}
        {!running && p.planned > p.sent && (
          <div>
            <dt className="text-xs uppercase tracking-wide text-slate-500">not sent</dt>
            <dd className="font-mono" data-testid="progress-unsent">
              {p.planned - p.sent}
            </dd>
          </div>
        )}
      </dl>
      {running && (
        <button
          type="button"
          className={secondaryButtonClass}
          onClick={cancel}
          disabled={cancelling}
          data-testid="cancel-run"
        >
          {cancelling ? "Cancelling…" : "Cancel"}
        </button>
      )}
    </div>
  );
}
