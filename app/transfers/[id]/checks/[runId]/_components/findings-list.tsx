"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import type { FindingView } from "@/lib/app/runs/get-run-view";
import { inputClass } from "@/app/_components/ui/field";
import { deciderText } from "@/app/_lib/decider-text";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";

const SEVERITIES = ["blocker", "warning", "info"] as const;
const SEVERITY_CLASS = { blocker: "border-red-300", warning: "border-amber-300", info: "border-slate-200" } as const;

function StateLabel({ f }: { f: FindingView }) {
  const s = f.state;
  if (s.status === "waived" || s.status === "acknowledged")
    return (
      <span className="text-xs text-slate-700" data-testid="finding-state">
        {s.status} by {deciderText(s)}: {s.reason}
      </span>
    );
  return (
    <span className="text-xs font-semibold" data-testid="finding-state">
      {f.severity === "info" ? "" : s.status}
    </span>
  );
}

type DecisionBody = { action: "waive" | "acknowledge" | "revoke"; keys: string[]; reason?: string; onBehalfOf?: string };

/** POST to the findings route; the decider is the signed-in account (the server never takes a name for it). */
function useDecision(transferId: string, runId: string) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function send(body: DecisionBody): Promise<boolean> {
    if (busy) return false; // a second click while the first is in flight
    setBusy(true);
    setError("");
    const res = await fetch(`/api/transfers/${transferId}/runs/${runId}/findings`, { method: "POST", headers: { "content-type": "application/json" }, body: JSON.stringify(body) });
    setBusy(false);
    if (res.ok) {
      router.refresh();
      return true;
    }
    setError(((await res.json().catch(() => ({}))) as { message?: string }).message ?? "refused");
    return false;
  }
  return { send, busy, error };
}

function DecisionFields({ action, reason, setReason, onBehalfOf, setOnBehalfOf, idPrefix }: { action: "waive" | "acknowledge"; reason: string; setReason: (v: string) => void; onBehalfOf: string; setOnBehalfOf: (v: string) => void; idPrefix: string }) {
  return (
    <>
      <input id={`${idPrefix}-reason`} className={inputClass} placeholder={action === "waive" ? "Why this blocker may be waived" : "Why this warning is acceptable"} aria-label="Reason" required minLength={3} value={reason} onChange={(e) => setReason(e.target.value)} data-testid="state-reason" />
      <input id={`${idPrefix}-obo`} className={inputClass} placeholder="On behalf of (optional, self-declared)" aria-label="On behalf of (optional, self-declared)" value={onBehalfOf} onChange={(e) => setOnBehalfOf(e.target.value)} data-testid="state-on-behalf-of" />
    </>
  );
}

function StateForm({ transferId, runId, f }: { transferId: string; runId: string; f: FindingView }) {
  const action = f.severity === "blocker" ? "waive" : "acknowledge";
  const [reason, setReason] = useState("");
  const [onBehalfOf, setOnBehalfOf] = useState("");
  const { send, busy, error } = useDecision(transferId, runId);
  async function submit(e: FormEvent) {
    e.preventDefault();
    await send({ action, keys: [f.key], reason, ...(onBehalfOf.trim() ? { onBehalfOf } : {}) });
  }
  return (
    <form onSubmit={submit} className="mt-3 grid gap-2 rounded bg-slate-50 p-3 md:grid-cols-[2fr_1fr_auto]" data-testid={`${action}-form`}>
      <DecisionFields action={action} reason={reason} setReason={setReason} onBehalfOf={onBehalfOf} setOnBehalfOf={setOnBehalfOf} idPrefix={`one-${f.key}`} />
      <button className={buttonClass} disabled={busy} data-testid={`${action}-submit`}>
        {action === "waive" ? "Waive blocker" : "Acknowledge"}
      </button>
      <p className="text-xs text-slate-500 md:col-span-3">Recorded under your account; “on behalf of” is shown as self-declared.</p>
      {error && (
        <p role="alert" className="text-sm text-red-700 md:col-span-3">
          {error}
        </p>
      )}
    </form>
  );
}

/** Undo a waiver or acknowledgement: the finding is open again, the audit log keeps what was undone. */
function RevokeButton({ transferId, runId, f }: { transferId: string; runId: string; f: FindingView }) {
  const { send, busy, error } = useDecision(transferId, runId);
  return (
    <div className="mt-3">
      <button type="button" className={secondaryButtonClass} disabled={busy} onClick={() => send({ action: "revoke", keys: [f.key] })} data-testid="revoke-submit">
        {f.state.status === "waived" ? "Undo waiver" : "Undo acknowledgement"}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
    </div>
  );
}

/** One reason for the selected open findings of a section (issue 12 cockpit): all decided in one request, or none. */
function BulkBar({ transferId, runId, severity, selected, clear }: { transferId: string; runId: string; severity: "blocker" | "warning"; selected: string[]; clear: () => void }) {
  const action = severity === "blocker" ? "waive" : "acknowledge";
  const [reason, setReason] = useState("");
  const [onBehalfOf, setOnBehalfOf] = useState("");
  const { send, busy, error } = useDecision(transferId, runId);
  if (selected.length === 0) return null;
  async function submit(e: FormEvent) {
    e.preventDefault();
    if (await send({ action, keys: selected, reason, ...(onBehalfOf.trim() ? { onBehalfOf } : {}) })) {
      setReason("");
      setOnBehalfOf("");
      clear();
    }
  }
  return (
    <form onSubmit={submit} className="mb-3 grid gap-2 rounded border border-slate-300 bg-slate-50 p-3 md:grid-cols-[2fr_1fr_auto]" data-testid={`bulk-${action}-form`}>
      <p className="text-sm font-medium md:col-span-3" data-testid="bulk-count">
        {selected.length} selected
      </p>
      <DecisionFields action={action} reason={reason} setReason={setReason} onBehalfOf={onBehalfOf} setOnBehalfOf={setOnBehalfOf} idPrefix={`bulk-${severity}`} />
      <button className={buttonClass} disabled={busy} data-testid={`bulk-${action}-submit`}>
        {action === "waive" ? `Waive ${selected.length} blocker${selected.length === 1 ? "" : "s"}` : `Acknowledge ${selected.length} warning${selected.length === 1 ? "" : "s"}`}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 md:col-span-3">
          {error}
        </p>
      )}
    </form>
  );
}

function FindingItem({ transferId, runId, f, selected, toggle }: { transferId: string; runId: string; f: FindingView; selected: boolean; toggle: (key: string) => void }) {
  const open = f.severity !== "info" && f.state.status === "open";
  const decided = f.state.status === "waived" || f.state.status === "acknowledged";
  return (
    <li className={`flex items-start gap-2 rounded border-l-4 ${SEVERITY_CLASS[f.severity as keyof typeof SEVERITY_CLASS]} bg-white`} data-testid="finding" data-severity={f.severity} data-check={f.id} data-key={f.key} data-state={f.state.status}>
      {open ? (
        <input type="checkbox" className="mt-2.5 ml-2 h-4 w-4 shrink-0" checked={selected} onChange={() => toggle(f.key)} aria-label={`Select ${f.id} ${f.subject}`} data-testid="finding-select" />
      ) : (
        f.severity !== "info" && <span className="ml-2 w-4 shrink-0" aria-hidden />
      )}
      <details className="min-w-0 flex-1">
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
          {decided && <RevokeButton transferId={transferId} runId={runId} f={f} />}
        </div>
      </details>
    </li>
  );
}

/** Findings grouped by severity, then family; each expands to its evidence. */
export function FindingsList({ transferId, runId, findings }: { transferId: string; runId: string; findings: FindingView[] }) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  // Only findings still open and on this page count (a refresh may have decided some).
  const openKeys = new Set(findings.filter((f) => f.state.status === "open").map((f) => f.key));
  return (
    <div className="space-y-6" data-testid="findings">
      {SEVERITIES.map((sev) => {
        const list = findings.filter((f) => f.severity === sev);
        if (!list.length) return null;
        const families = [...new Set(list.map((f) => f.family))];
        const openHere = list.filter((f) => openKeys.has(f.key)).map((f) => f.key);
        const chosen = openHere.filter((k) => selected.has(k));
        const setAll = (on: boolean) =>
          setSelected((prev) => {
            const next = new Set(prev);
            for (const k of openHere) if (on) next.add(k);
            else next.delete(k);
            return next;
          });
        return (
          <section key={sev} data-testid={`findings-${sev}`}>
            <div className="mb-2 flex flex-wrap items-baseline gap-3">
              <h3 className="text-sm font-semibold uppercase tracking-wide">
                {sev === "info" ? "Information" : `${sev}s`} ({list.length})
              </h3>
              {sev !== "info" && openHere.length > 0 && (
                <label className="text-xs text-slate-600">
                  <input type="checkbox" className="mr-1 align-middle" checked={chosen.length === openHere.length} onChange={(e) => setAll(e.target.checked)} data-testid="select-all" />
                  Select all open ({openHere.length})
                </label>
              )}
            </div>
            {sev !== "info" && <BulkBar transferId={transferId} runId={runId} severity={sev} selected={chosen} clear={() => setAll(false)} />}
            {families.map((fam) => (
              <div key={fam} className="mb-3" data-testid="finding-family" data-family={fam}>
                <h4 className="mb-1 text-xs font-semibold text-slate-500">{fam}</h4>
                <ul className="space-y-1">
                  {list
                    .filter((f) => f.family === fam)
                    .map((f) => (
                      <FindingItem key={f.key} transferId={transferId} runId={runId} f={f} selected={selected.has(f.key)} toggle={toggle} />
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
