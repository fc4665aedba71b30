"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useRouter } from "next/navigation";
import { useEffect, useRef, useState, type CSSProperties, type FormEvent } from "react";
import type { FindingView } from "@/lib/app/runs/get-run-view";
import { inputClass } from "@/app/_components/ui/field";
import { deciderText } from "@/app/_lib/decider-text";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";
import { evidenceSides, groupBySubject } from "@/lib/app/findings/group-by-subject";

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

type DecisionBody = {
  action: "waive" | "acknowledge" | "revoke";
  keys: string[];
  reason?: string;
  onBehalfOf?: string;
};

/** POST to the findings route; the decider is the signed-in account (the server never takes a name for it). */
function useDecision(transferId: string, runId: string) {
  const router = useRouter();
  const [error, setError] = useState("");
  const [busy, setBusy] = useState(false);
  async function send(body: DecisionBody): Promise<boolean> {
    if (busy) return false; // a second click while the first is in flight
    setBusy(true);
    setError("");
    const res = await fetch(`/api/transfers/${transferId}/runs/${runId}/findings`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(body),
    });
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

function DecisionFields({
  action,
  reason,
  setReason,
  onBehalfOf,
  setOnBehalfOf,
  idPrefix,
}: {
  action: "waive" | "acknowledge";
  reason: string;
  setReason: (v: string) => void;
  onBehalfOf: string;
  setOnBehalfOf: (v: string) => void;
  idPrefix: string;
}) {
  return (
    <>
      <input
        id={`${idPrefix}-reason`}
        className={inputClass}
        placeholder={action === "waive" ? "Why this blocker may be waived" : "Why this warning is acceptable"}
        aria-label="Reason"
        required
        minLength={3}
        value={reason}
        onChange={(e) => setReason(e.target.value)}
        data-testid="state-reason"
      />
      <input
        id={`${idPrefix}-obo`}
        className={inputClass}
        placeholder="On behalf of (optional, self-declared)"
        aria-label="On behalf of (optional, self-declared)"
        value={onBehalfOf}
        onChange={(e) => setOnBehalfOf(e.target.value)}
        data-testid="state-on-behalf-of"
      />
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
    <form
      onSubmit={submit}
      className="mt-3 grid gap-2 rounded bg-slate-50 p-3 md:grid-cols-[2fr_1fr_auto]"
      data-testid={`${action}-form`}
    >
      <DecisionFields
        action={action}
        reason={reason}
        setReason={setReason}
        onBehalfOf={onBehalfOf}
        setOnBehalfOf={setOnBehalfOf}
        idPrefix={`one-${f.key}`}
      />
      <button className={buttonClass} disabled={busy} data-testid={`${action}-submit`}>
        {action === "waive" ? "Waive blocker" : "Acknowledge"}
      </button>
      <p className="text-xs text-slate-500 md:col-span-3">
        Recorded under your account; “on behalf of” is shown as self-declared.
      </p>
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
      <button
        type="button"
        className={secondaryButtonClass}
        disabled={busy}
        onClick={() => send({ action: "revoke", keys: [f.key] })}
        data-testid="revoke-submit"
      >
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

/** One reason for the selected open findings of a section: all decided in one request, or none. */
function BulkBar({
  transferId,
  runId,
  severity,
  selected,
  clear,
}: {
  transferId: string;
  runId: string;
  severity: "blocker" | "warning";
  selected: string[];
  clear: () => void;
}) {
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
    <form
      onSubmit={submit}
      className="mb-3 grid gap-2 rounded border border-slate-300 bg-slate-50 p-3 md:grid-cols-[2fr_1fr_auto]"
      data-testid={`bulk-${action}-form`}
    >
      <p className="text-sm font-medium md:col-span-3" data-testid="bulk-count">
        {selected.length} selected
      </p>
      <DecisionFields
        action={action}
        reason={reason}
        setReason={setReason}
        onBehalfOf={onBehalfOf}
        setOnBehalfOf={setOnBehalfOf}
        idPrefix={`bulk-${severity}`}
      />
      <button className={buttonClass} disabled={busy} data-testid={`bulk-${action}-submit`}>
        {action === "waive"
          ? `Waive ${selected.length} blocker${selected.length === 1 ? "" : "s"}`
          : `Acknowledge ${selected.length} warning${selected.length === 1 ? "" : "s"}`}
      </button>
      {error && (
        <p role="alert" className="text-sm text-red-700 md:col-span-3">
          {error}
        </p>
      )}
    </form>
  );
}

function EvidenceList({ items }: { items: FindingView["evidence"] }) {
  return (
    <ul className="space-y-2">
      {items.map((e, i) => (
        <li key={i} data-testid="evidence-item" data-kind={e.kind}>
          <p className="break-all font-mono text-xs">{e.text}</p>
          {e.dig && (
            <pre
              className="mt-1 max-h-72 overflow-auto rounded bg-slate-900 p-2 text-xs text-slate-100"
              tabIndex={0}
              aria-label="Answer as dig prints it"
              data-testid="evidence-dig"
            >
              {e.dig}
            </pre>
          )}
        </li>
      ))}
    </ul>
  );
}

/** What each side answered, old and new side by side, then files and facts. */
function Evidence({ evidence }: { evidence: FindingView["evidence"] }) {
  const sides = evidenceSides(evidence);
  const bySide = sides.old.length + sides.new.length > 0;
  return (
    <div data-testid="evidence">
      <p className="text-xs uppercase tracking-wide text-slate-600">Evidence ({evidence.length})</p>
      {bySide && (
        <div className="mt-1 grid gap-3 md:grid-cols-2" data-testid="evidence-sides">
          {(["old", "new"] as const).map((side) => (
            <div key={side} className="min-w-0 rounded border border-slate-200 p-2" data-testid={`evidence-${side}`}>
              <p className="mb-1 text-xs font-semibold">
                {side === "old" ? "Old operator answered" : "New operator answered"}
              </p>
              {sides[side].length ? (
                <EvidenceList items={sides[side]} />
              ) : (
                <p className="text-xs text-slate-600">No answer from this side is cited.</p>
              )}
            </div>
          ))}
        </div>
      )}
      {sides.other.length > 0 && (
        <div className="mt-2" data-testid="evidence-other">
          {bySide && <p className="mb-1 text-xs font-semibold">Exports and facts</p>}
          <EvidenceList items={sides.other} />
        </div>
      )}
    </div>
  );
}

function FindingItem({
  transferId,
  runId,
  f,
  title,
  selected,
  toggle,
  style,
  measure,
  index,
}: {
  transferId: string;
  runId: string;
  f: FindingView;
  title?: string;
  selected: boolean;
  toggle: (key: string) => void;
  style?: CSSProperties;
  measure?: (el: HTMLElement | null) => void;
  index?: number;
}) {
  const open = f.severity !== "info" && f.state.status === "open";
  const decided = f.state.status === "waived" || f.state.status === "acknowledged";
  return (
    <li
      ref={measure}
      style={style}
      data-index={index}
      className={`flex items-start gap-2 rounded border-l-4 ${SEVERITY_CLASS[f.severity as keyof typeof SEVERITY_CLASS]} bg-white`}
      data-testid="finding"
      data-severity={f.severity}
      data-check={f.id}
      data-key={f.key}
      data-state={f.state.status}
    >
      {open ? (
        <input
          type="checkbox"
          className="mt-1.5 ml-1 h-6 w-6 shrink-0"
          checked={selected}
          onChange={() => toggle(f.key)}
          aria-label={`Select ${f.id} ${f.subject}`}
          data-testid="finding-select"
        />
      ) : (
        f.severity !== "info" && <span className="ml-1 w-6 shrink-0" aria-hidden />
      )}
      <details className="min-w-0 flex-1">
        <summary
          className="flex min-h-6 cursor-pointer flex-wrap items-baseline gap-x-3 px-3 py-2"
          data-testid="finding-summary"
        >
          <span className="text-sm font-medium" data-testid="finding-title">
            {title ?? f.id}
          </span>
          <span className="font-mono text-xs font-semibold">{f.id}</span>
          <span className="break-all font-mono text-sm">{f.subject}</span>
          <StateLabel f={f} />
        </summary>
        <div className="space-y-3 px-3 pb-3 text-sm" data-testid="finding-detail">
          <p>{f.message}</p>
          <p className="text-xs">
            <a href={`/glossary#check-${f.id}`} className="underline" data-testid="glossary-link">
              What {f.id} means and how to fix it
            </a>
          </p>
          <p>
            <span className="font-semibold">Remediation: </span>
            {f.remediation}
          </p>
          <Evidence evidence={f.evidence} />
          {open && <StateForm transferId={transferId} runId={runId} f={f} />}
          {decided && <RevokeButton transferId={transferId} runId={runId} f={f} />}
        </div>
      </details>
    </li>
  );
}

/** Findings per request (the route's maximum; the first page of each severity comes with the run page). */
const PAGE = 100;
const ESTIMATE = 44;

/**
 * A severity with more findings than its first page: read a page at a time as
 * it scrolls (GET …/findings), virtualised with measured rows (a finding grows
 * when expanded), so 100,000 findings never sit in the DOM at once.
 */
function VirtualFindings({
  transferId,
  runId,
  severity,
  first,
  total,
  selected,
  toggle,
  titles,
}: {
  transferId: string;
  runId: string;
  severity: string;
  first: FindingView[];
  total: number;
  selected: ReadonlySet<string>;
  toggle: (key: string) => void;
  titles: Record<string, string>;
}) {
  const [pages, setPages] = useState<Map<number, FindingView[]>>(() => new Map([[0, first]]));
  const [error, setError] = useState("");
  const inFlight = useRef(new Set<number>());
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({
    count: total,
    getScrollElement: () => parent.current,
    estimateSize: () => ESTIMATE,
    overscan: 8,
  });
  const items = v.getVirtualItems();
  const lo = items.length ? items[0].index : 0;
  const hi = items.length ? items[items.length - 1].index : 0;
  useEffect(() => {
    for (let off = Math.floor(lo / PAGE) * PAGE; off <= hi; off += PAGE) {
      if (pages.has(off) || inFlight.current.has(off)) continue;
      inFlight.current.add(off);
      fetch(`/api/transfers/${transferId}/runs/${runId}/findings?severity=${severity}&offset=${off}&limit=${PAGE}`)
        .then(async (res) => {
          if (!res.ok)
            throw new Error(
              ((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`,
            );
          const page = (await res.json()) as { offset: number; findings: FindingView[] };
          setPages((prev) => new Map(prev).set(page.offset, page.findings));
        })
        .catch((e: Error) => setError(e.message))
        .finally(() => inFlight.current.delete(off));
    }
  }, [lo, hi, pages, transferId, runId, severity]);
  return (
    <>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div
        ref={parent}
        className="h-[36rem] overflow-auto rounded border border-slate-200"
        data-testid={`findings-scroll-${severity}`}
      >
        <ul style={{ height: v.getTotalSize(), position: "relative" }}>
          {items.map((item) => {
            const f = pages.get(Math.floor(item.index / PAGE) * PAGE)?.[item.index % PAGE];
            const style: CSSProperties = {
              position: "absolute",
              top: 0,
              left: 0,
              right: 0,
              transform: `translateY(${item.start}px)`,
            };
            if (!f)
              return (
                <li
                  key={item.key}
                  ref={v.measureElement}
                  data-index={item.index}
                  style={style}
                  className="px-3 py-2 text-xs text-slate-400"
                  data-testid="finding-loading"
                >
                  loading…
                </li>
              );
            return (
              <FindingItem
                key={f.key}
                transferId={transferId}
                runId={runId}
                f={f}
                title={titles[f.id]}
                selected={selected.has(f.key)}
                toggle={toggle}
                style={style}
                measure={v.measureElement}
                index={item.index}
              />
            );
          })}
        </ul>
      </div>
    </>
  );
}

/**
 * Findings grouped by severity, then family; each expands to its evidence. A
 * severity with more than one page is one virtualised, paged list instead.
 */
function BySeverity({
  transferId,
  runId,
  findings,
  totals,
  openKeys,
  titles,
}: {
  transferId: string;
  runId: string;
  findings: FindingView[];
  totals: Record<(typeof SEVERITIES)[number], number>;
  openKeys: { blocker: string[]; warning: string[] };
  titles: Record<string, string>;
}) {
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const toggle = (key: string) =>
    setSelected((prev) => {
      const next = new Set(prev);
      if (!next.delete(key)) next.add(key);
      return next;
    });
  return (
    <div className="space-y-6">
      {SEVERITIES.map((sev) => {
        const list = findings.filter((f) => f.severity === sev);
        const total = Math.max(totals[sev] ?? 0, list.length);
        if (!total) return null;
        const families = [...new Set(list.map((f) => f.family))];
        // Every open finding of the severity, loaded or not (the server lists their keys).
        const openHere = sev === "info" ? [] : openKeys[sev];
        const chosen = openHere.filter((k) => selected.has(k));
        const setAll = (on: boolean) =>
          setSelected((prev) => {
            const next = new Set(prev);
            for (const k of openHere)
              if (on) next.add(k);
              else next.delete(k);
            return next;
          });
        return (
          <section key={sev} data-testid={`findings-${sev}`} data-total={total}>
            <div className="mb-2 flex flex-wrap items-baseline gap-3">
              <h3 className="text-sm font-semibold uppercase tracking-wide">
                {sev === "info" ? "Information" : `${sev}s`} ({total})
              </h3>
              {sev !== "info" && openHere.length > 0 && (
                <label className="text-xs text-slate-600">
                  <input
                    type="checkbox"
                    className="mr-1 align-middle"
                    checked={chosen.length === openHere.length}
                    onChange={(e) => setAll(e.target.checked)}
                    data-testid="select-all"
                  />
                  Select all open ({openHere.length})
                </label>
              )}
            </div>
            {sev !== "info" && (
              <BulkBar
                transferId={transferId}
                runId={runId}
                severity={sev}
                selected={chosen}
                clear={() => setAll(false)}
              />
            )}
            {total > list.length ? (
              <VirtualFindings
                transferId={transferId}
                runId={runId}
                severity={sev}
                first={list}
                total={total}
                selected={selected}
                toggle={toggle}
                titles={titles}
              />
            ) : (
              families.map((fam) => (
                <div key={fam} className="mb-3" data-testid="finding-family" data-family={fam}>
                  <h4 className="mb-1 text-xs font-semibold text-slate-500">{fam}</h4>
                  <ul className="space-y-1">
                    {list
                      .filter((f) => f.family === fam)
                      .map((f) => (
                        <FindingItem
                          key={f.key}
                          transferId={transferId}
                          runId={runId}
                          f={f}
                          title={titles[f.id]}
                          selected={selected.has(f.key)}
                          toggle={toggle}
                        />
                      ))}
                  </ul>
                </div>
              ))
            )}
          </section>
        );
      })}
    </div>
  );
}

type Selection = {
  selected: ReadonlySet<string>;
  toggle: (key: string) => void;
  setMany: (keys: string[], on: boolean) => void;
};

function GroupCheckbox({
  keys,
  sel,
  label,
  testId,
}: {
  keys: string[];
  sel: Selection;
  label: string;
  testId: string;
}) {
  if (keys.length === 0) return null;
  const all = keys.every((k) => sel.selected.has(k));
  return (
    <label className="inline-flex min-h-6 items-center gap-1 text-xs text-slate-700">
      <input
        type="checkbox"
        className="h-5 w-5"
        checked={all}
        onChange={(e) => sel.setMany(keys, e.target.checked)}
        data-testid={testId}
      />
      {label}
    </label>
  );
}

/** Everything wrong with one name, decided together: one missing record often yields several findings. */
function BySubject({
  transferId,
  runId,
  findings,
  titles,
  sel,
}: {
  transferId: string;
  runId: string;
  findings: FindingView[];
  titles: Record<string, string>;
  sel: Selection;
}) {
  const groups = groupBySubject(findings);
  return (
    <div className="space-y-4" data-testid="findings-by-subject">
      {groups.map((g) => {
        const n = (sev: string) => g.findings.filter((f) => f.severity === sev).length;
        const counts = [
          n("blocker") && `${n("blocker")} blocker${n("blocker") === 1 ? "" : "s"}`,
          n("warning") && `${n("warning")} warning${n("warning") === 1 ? "" : "s"}`,
          n("info") && `${n("info")} info`,
        ]
          .filter(Boolean)
          .join(", ");
        return (
          <section
            key={g.name}
            className="rounded border border-slate-200 p-2"
            data-testid="subject-group"
            data-name={g.name}
            data-worst={g.worst}
          >
            <div className="mb-2 flex flex-wrap items-center gap-x-3 gap-y-1">
              <h3 className="break-all font-mono text-sm font-semibold" data-testid="subject-name">
                {g.name}
              </h3>
              <span className="text-xs text-slate-600" data-testid="subject-counts">
                {counts}
              </span>
              <span className="text-xs text-slate-700" data-testid="subject-summary">
                {[...new Set(g.findings.map((f) => titles[f.id] ?? f.id))].join(" · ")}
              </span>
              <GroupCheckbox
                keys={g.openKeys}
                sel={sel}
                label={`Select the ${g.openKeys.length} open here`}
                testId="group-select"
              />
            </div>
            <ul className="space-y-1">
              {g.findings.map((f) => (
                <FindingItem
                  key={f.key}
                  transferId={transferId}
                  runId={runId}
                  f={f}
                  title={titles[f.id] ?? f.id}
                  selected={sel.selected.has(f.key)}
                  toggle={sel.toggle}
                />
              ))}
            </ul>
          </section>
        );
      })}
    </div>
  );
}

/**
 * Findings by subject (default) or by severity; each expands to its evidence. A selection (one finding, a whole
 * subject, a whole severity) is waived or acknowledged with one reason.
 */
export function FindingsList({
  transferId,
  runId,
  findings,
  totals,
  openKeys: serverOpenKeys,
  titles,
}: {
  transferId: string;
  runId: string;
  findings: FindingView[];
  totals: Record<(typeof SEVERITIES)[number], number>;
  openKeys: { blocker: string[]; warning: string[] };
  titles: Record<string, string>;
}) {
  // Grouping by subject needs every finding on the page; a run past the first page per severity is read by severity.
  const complete = findings.length >= (totals.blocker ?? 0) + (totals.warning ?? 0) + (totals.info ?? 0);
  const [view, setView] = useState<"subject" | "severity">(complete ? "subject" : "severity");
  const [selected, setSelected] = useState<ReadonlySet<string>>(new Set());
  const sel: Selection = {
    selected,
    toggle: (key) =>
      setSelected((prev) => {
        const next = new Set(prev);
        if (!next.delete(key)) next.add(key);
        return next;
      }),
    setMany: (keys, on) =>
      setSelected((prev) => {
        const next = new Set(prev);
        for (const k of keys)
          if (on) next.add(k);
          else next.delete(k);
        return next;
      }),
  };
  // Only findings still open and on this page count (a refresh may have decided some).
  const openKeys = new Set(
    findings.filter((f) => f.severity !== "info" && f.state.status === "open").map((f) => f.key),
  );
  const chosen = (sev: string) =>
    findings.filter((f) => f.severity === sev && openKeys.has(f.key) && selected.has(f.key)).map((f) => f.key);
  const viewButton = (v: typeof view, label: string) => (
    <button
      type="button"
      className={`min-h-6 rounded px-3 py-1 text-sm ${view === v ? "bg-slate-900 text-white" : "border border-slate-300 bg-white text-slate-800"}`}
      aria-pressed={view === v}
      onClick={() => setView(v)}
      data-testid={`view-${v}`}
    >
      {label}
    </button>
  );
  return (
    <div className="space-y-4" data-testid="findings" data-view={view}>
      <div className="flex flex-wrap items-center gap-2" role="group" aria-label="Group findings">
        {complete ? (
          viewButton("subject", "By subject")
        ) : (
          <span className="text-xs text-slate-700">
            Too many findings to group by subject on one page: shown by severity.
          </span>
        )}
        {viewButton("severity", "By severity")}
        <a href="/glossary" className="ml-auto text-sm underline" data-testid="glossary-index-link">
          Glossary of checks
        </a>
      </div>
      {view === "subject" ? (
        <>
          <BulkBar
            transferId={transferId}
            runId={runId}
            severity="blocker"
            selected={chosen("blocker")}
            clear={() => sel.setMany(chosen("blocker"), false)}
          />
          <BulkBar
            transferId={transferId}
            runId={runId}
            severity="warning"
            selected={chosen("warning")}
            clear={() => sel.setMany(chosen("warning"), false)}
          />
          <BySubject transferId={transferId} runId={runId} findings={findings} titles={titles} sel={sel} />
        </>
      ) : (
        <BySeverity
          transferId={transferId}
          runId={runId}
          findings={findings}
          totals={totals}
          openKeys={serverOpenKeys}
          titles={titles}
        />
      )}
    </div>
  );
}
