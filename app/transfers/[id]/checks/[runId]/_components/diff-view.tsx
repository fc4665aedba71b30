"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useMemo, useRef, useState } from "react";
import { filterDiffRows, type DiffFilter, type DiffRow } from "@/lib/app/runs/diff-rows";
import { inputClass } from "@/app/_components/ui/field";

const KIND_TEXT: Record<DiffRow["kind"], string> = { missing: "missing", extra: "only there", rdata: "different data", ttl: "different TTL", servers: "servers disagree" };
const ROW_HEIGHT = 56;

/** The diff, virtualised (only visible rows are in the DOM) and filterable. */
export function DiffView({ rows }: { rows: DiffRow[] }) {
  const [filter, setFilter] = useState<DiffFilter>({ only: "all", hideExplained: false });
  const shown = useMemo(() => filterDiffRows(rows, filter), [rows, filter]);
  const types = useMemo(() => [...new Set(rows.map((r) => r.type))].sort(), [rows]);
  const comparisons = useMemo(() => [...new Set(rows.map((r) => r.comparison))], [rows]);
  const parent = useRef<HTMLDivElement>(null);
  const v = useVirtualizer({ count: shown.length, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
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
      <div ref={parent} className="h-96 overflow-auto rounded border border-slate-200" data-testid="diff-scroll">
        <div style={{ height: v.getTotalSize(), position: "relative" }}>
          {v.getVirtualItems().map((item) => {
            const r = shown[item.index];
            return (
              <div
                key={item.key}
                className={`absolute left-0 right-0 grid grid-cols-[10rem_1fr_5rem_1fr_1fr] gap-2 border-b border-slate-100 px-2 py-1 text-xs ${r.explained ? "text-slate-500" : ""}`}
                style={{ top: item.start, height: ROW_HEIGHT }}
                data-testid="diff-row"
                data-kind={r.kind}
              >
                <span>
                  <strong>{KIND_TEXT[r.kind]}</strong>
                  <span className="block truncate">{r.comparison}</span>
                </span>
                <span className="truncate font-mono">{r.owner}</span>
                <span className="font-mono">{r.type}</span>
                <span className="truncate font-mono" title={r.here.join("\n")}>
                  {r.here.join(" / ") || "—"}
                </span>
                <span className="truncate font-mono" title={r.explained ?? r.there.join("\n")}>
                  {r.there.join(" / ") || "—"}
                  {r.explained && <span className="block truncate italic">expected: {r.explained}</span>}
                </span>
              </div>
            );
          })}
        </div>
      </div>
    </div>
  );
}
