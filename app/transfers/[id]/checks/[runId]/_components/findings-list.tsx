"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { FindingView } from "@/lib/review/get-run-view";
import { inputClass } from "@/app/_components/ui/field";
import { buttonClass } from "@/app/_components/ui/button-link";

const SEVERITIES = ["blocker", "warning", "info"] as const;
const SEVERITY_CLASS = { blocker: "border-red-300", warning: "border-amber-300", info: "border-slate-200" } as const;

function StateLabel({ f }: { f: FindingView }) {
  const s = f.state;
  if (s.status === "waived" || s.status === "acknowledged")
    return (
      <span className="text-xs text-slate-700" data-testid="finding-state">
        {s.status} by {s.by}: {s.reason}
      </span>
    );
  return (
    <span className="text-xs font-semibold" data-testid="finding-state">
      {f.severity === "info" ? "" : s.status}
    </span>
  );
}

function StateForm({ transferId, runId, f }: { transferId: string; runId: string; f: FindingView }) {
  const router = useRouter();
  const action = f.severity === "blocker" ? "waive" : "acknowledge";
  const [by, setBy] = useState("");
  const [reason, setReason] = useState("");
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy(true);
    setError("");
    const res = await fetch(`/api/transfers/${transferId}/runs/${runId}/findings`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify({ action, key: f.key, by, reason }) });
    setBusy(false);
    if (res.ok) router.refresh();
    else setError((await res.json()).message ?? "refused");
  }
  return (
    <form onSubmit={submit} className="mt-3 grid gap-2 rounded bg-slate-50 p-3 md:grid-cols-[1fr_2fr_auto]" data-testid={`${action}-form`}>
      <input className={inputClass} placeholder="Your name" aria-label="Name" required value={by} onChange={(e) => setBy(e.target.value)} data-testid="state-by" />
      <input className={inputClass} placeholder={action === "waive" ? "Why this blocker may be waived" : "Why this warning is acceptable"} aria-label="Reason" required value={reason} onChange={(e) => setReason(e.target.value)} data-testid="state-reason" />
      <button className={buttonClass} disabled={busy} data-testid={`${action}-submit`}>
        {action === "waive" ? "Waive blocker" : "Acknowledge"}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 md:col-span-3">
          {error}
        </p>
      )}
    </form>
  );
}

function FindingItem({ transferId, runId, f }: { transferId: string; runId: string; f: FindingView }) {
  const open = f.severity !== "info" && f.state.status === "open";
  return (
    <li className={`rounded border-l-4 ${SEVERITY_CLASS[f.severity as keyof typeof SEVERITY_CLASS]} bg-white`} data-testid="finding" data-severity={f.severity} data-check={f.id} data-key={f.key} data-state={f.state.status}>
      <details>
        <summary className="flex cursor-pointer flex-wrap items-baseline gap-x-3 px-3 py-2" data-testid="finding-summary">
          <span className="font-mono text-xs font-semibold">{f.id}</span>
          <span className="font-mono text-sm">{f.subject}</span>
          <StateLabel f={f} />
        </summary>
        <div className="space-y-3 px-3 pb-3 text-sm" data-testid="finding-detail">
          <p>{f.message}</p>
          <p>
            <span className="font-semibold">Remediation: </span>
            {f.remediation}
          </p>
          <div>
            <p className="text-xs uppercase tracking-wide text-slate-500">Evidence ({f.evidence.length})</p>
            <ul className="space-y-2" data-testid="evidence">
              {f.evidence.map((e, i) => (
                <li key={i} data-testid="evidence-item" data-kind={e.kind}>
                  <p className="font-mono text-xs">{e.text}</p>
                  {e.dig && <pre className="mt-1 overflow-x-auto rounded bg-slate-900 p-2 text-xs text-slate-100" data-testid="evidence-dig">{e.dig}</pre>}
                </li>
              ))}
            </ul>
          </div>
          {open && <StateForm transferId={transferId} runId={runId} f={f} />}
        </div>
      </details>
    </li>
  );
}

/** Findings grouped by severity, then family; each expands to its evidence. */
export function FindingsList({ transferId, runId, findings }: { transferId: string; runId: string; findings: FindingView[] }) {
  return (
    <div className="space-y-6" data-testid="findings">
      {SEVERITIES.map((sev) => {
        const list = findings.filter((f) => f.severity === sev);
        if (!list.length) return null;
        const families = [...new Set(list.map((f) => f.family))];
        return (
          <section key={sev} data-testid={`findings-${sev}`}>
            <h3 className="mb-2 text-sm font-semibold uppercase tracking-wide">
              {sev === "info" ? "Information" : `${sev}s`} ({list.length})
            </h3>
            {families.map((fam) => (
              <div key={fam} className="mb-3" data-testid="finding-family" data-family={fam}>
                <h4 className="mb-1 text-xs font-semibold text-slate-500">{fam}</h4>
                <ul className="space-y-1">
                  {list
                    .filter((f) => f.family === fam)
                    .map((f) => (
                      <FindingItem key={f.key} transferId={transferId} runId={runId} f={f} />
                    ))}
                </ul>
              </div>
            ))}
          </section>
        );
      })}
    </div>
  );
}
