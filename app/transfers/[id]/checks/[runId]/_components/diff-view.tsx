"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { filterDiffRows, type DiffFilter, type DiffRow } from "@/lib/app/runs/diff-rows";
import { inputClass } from "@/app/_components/ui/field";

const KIND_TEXT: Record<DiffRow["kind"], string> = { missing: "missing", extra: "only there", rdata: "different data", ttl: "different TTL", servers: "servers disagree" };
const ROW_HEIGHT = 56;
// One column on a phone (the cells stack), five from md up.
const COLUMNS = "grid grid-cols-1 gap-x-2 md:grid-cols-[10rem_1fr_5rem_1fr_1fr]";

/** The diff, virtualised (only visible rows are in the DOM) and filterable; a row expands to its full values. */
export function DiffView({ rows }: { rows: DiffRow[] }) {
  const [filter, setFilter] = useState<DiffFilter>({ only: "all", hideExplained: false });
  const shown = useMemo(() => filterDiffRows(rows, filter), [rows, filter]);
  const types = useMemo(() => [...new Set(rows.map((r) => r.type))].sort(), [rows]);
  const comparisons = useMemo(() => [...new Set(rows.map((r) => r.comparison))], [rows]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: shown.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  // Expanded rows by identity, so a filter change keeps them open; the virtualiser measures their real height.
  const [expanded, setExpanded] = useState<ReadonlySet<string>>(new Set());
  const toggle = (k: string) =>
    setExpanded((prev) => {
      const next = new Set(prev);
      if (!next.delete(k)) next.add(k);
      return next;
    });
  return (
    <div className="space-y-3" data-testid="diff-view">
      <div className="grid gap-2 md:grid-cols-5">
        <select className={inputClass} aria-label="Show" value={filter.only} onChange={(e) => setFilter({ ...filter, only: e.target.value as DiffFilter["only"] })} data-testid="diff-only">
          <option value="all">all differences</option>
          <option value="missing">only missing</option>
          <option value="different">only different</option>
        </select>
        <input className={inputClass} placeholder="name contains…" aria-label="Name" value={filter.name ?? ""} onChange={(e) => setFilter({ ...filter, name: e.target.value })} data-testid="diff-name" />
        <select className={inputClass} aria-label="Type" value={filter.type ?? ""} onChange={(e) => setFilter({ ...filter, type: e.target.value || undefined })} data-testid="diff-type">
          <option value="">any type</option>
          {types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select className={inputClass} aria-label="Compared with" value={filter.comparison ?? ""} onChange={(e) => setFilter({ ...filter, comparison: e.target.value || undefined })} data-testid="diff-source">
          <option value="">every comparison</option>
          {comparisons.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={!!filter.hideExplained} onChange={(e) => setFilter({ ...filter, hideExplained: e.target.checked })} data-testid="diff-hide-explained" />
          hide expected differences
        </label>
      </div>
      <p className="text-sm text-slate-600" data-testid="diff-count">
        {shown.length} of {rows.length} differences
      </p>
      {/* The table is its own scroller, focusable so keyboard users can scroll it (WCAG 2.1.1); the header row sticks. */}
      <div
        ref={parent}
        role="table"
        aria-label="Differences (scrollable)"
        aria-rowcount={shown.length + 1}
        tabIndex={0}
        className="h-96 overflow-auto rounded border border-slate-200 focus:outline-none focus-visible:ring-2 focus-visible:ring-slate-500"
        data-testid="diff-scroll"
      >
        <div role="rowgroup" className="sticky top-0 z-10">
          <div role="row" aria-rowindex={1} className={`flex flex-wrap gap-x-3 md:grid md:grid-cols-[10rem_1fr_5rem_1fr_1fr] md:gap-x-2 border-b border-slate-300 bg-slate-50 px-2 py-1 text-xs font-semibold text-slate-700`} data-testid="diff-header">
            <span role="columnheader">Difference</span>
            <span role="columnheader">Name</span>
            <span role="columnheader">Type</span>
            <span role="columnheader">Reference side</span>
            <span role="columnheader">Compared side</span>
          </div>
        </div>
          <div role="rowgroup" style={{ height: v.getTotalSize(), position: "relative" }}>
            {v.getVirtualItems().map((item) => {
              const r = shown[item.index];
              const rowKey = `${r.comparison}|${r.kind}|${r.owner}|${r.type}`;
              const open = expanded.has(rowKey);
              return (
                <div
                  key={item.key}
                  ref={v.measureElement}
                  data-index={item.index}
                  role="row"
                  aria-rowindex={item.index + 2}
                  className={`absolute left-0 right-0 border-b border-slate-100 px-2 py-1 text-xs ${r.explained ? "text-slate-600" : ""}`}
                  style={{ top: 0, transform: `translateY(${item.start}px)`, minHeight: ROW_HEIGHT }}
                  data-testid="diff-row"
                  data-kind={r.kind}
                  data-expanded={open ? "yes" : "no"}
                >
                  <div className={COLUMNS}>
                    <span role="cell">
                      <button type="button" className="min-h-6 text-left font-semibold underline decoration-dotted" aria-expanded={open} onClick={() => toggle(rowKey)} data-testid="diff-expand">
                        {KIND_TEXT[r.kind]}
                      </button>
                      <span className="block truncate">{r.comparison}</span>
                    </span>
                    <span role="cell" className={`${open ? "break-all" : "truncate"} font-mono`}>
                      {r.owner}
                    </span>
                    <span role="cell" className="font-mono">
                      {r.type}
                    </span>
                    <span role="cell" className={`${open ? "hidden md:block" : "truncate"} font-mono`} title={r.here.join("\n")}>
                      {open ? "" : r.here.join(" / ") || "—"}
                    </span>
                    <span role="cell" className={`${open ? "hidden md:block" : "truncate"} font-mono`} title={r.explained ?? r.there.join("\n")}>
                      {open ? "" : r.there.join(" / ") || "—"}
                      {!open && r.explained && <span className="block truncate italic">expected: {r.explained}</span>}
                    </span>
                  </div>
                  {open && (
                    <div className="mt-1 grid gap-2 md:grid-cols-2" data-testid="diff-full">
                      {(
                        [
                          ["here", r.hereLabel, r.hereTtl, r.here],
                          ["there", r.thereLabel, r.thereTtl, r.there],
                        ] as const
                      ).map(([side, label, ttl, values]) => (
                        <div key={side} className="min-w-0 rounded bg-slate-50 p-2" data-testid={`diff-full-${side}`}>
                          <p className="font-semibold">
                            {label}
                            {ttl !== null ? ` · TTL ${ttl}` : ""}
                          </p>
                          {values.length ? (
                            <ul className="font-mono">
                              {values.map((x, i) => (
                                <li key={i} className="whitespace-pre-wrap break-all">
                                  {x}
                                </li>
                              ))}
                            </ul>
                          ) : (
                            <p>— (no such RRset)</p>
                          )}
                        </div>
                      ))}
                      {r.explained && <p className="italic md:col-span-2">expected: {r.explained}</p>}
                    </div>
                  )}
                </div>
              );
            })}
          </div>
      </div>
    </div>
  );
}
