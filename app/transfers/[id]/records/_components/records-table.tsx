"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useDeferredValue, useEffect, useMemo, useRef, useState } from "react";
import type { RecordsTable as Table, RecordsTableRow } from "@/lib/app/sources/records-table";
import { inputClass } from "@/app/_components/ui/field";

const ROW_HEIGHT = 36;
const GRID = "grid grid-cols-[minmax(0,2.2fr)_6rem_6rem_minmax(0,3fr)_minmax(0,1.6fr)] gap-3 px-3";

type Load =
  { state: "loading" } | { state: "error"; message: string } | { state: "ready"; table: Table; fetchMs: number };

// One colour per source (by index) so the same source reads the same everywhere.
const SOURCE_COLOURS = [
  "bg-sky-100 text-sky-900",
  "bg-violet-100 text-violet-900",
  "bg-emerald-100 text-emerald-900",
  "bg-rose-100 text-rose-900",
  "bg-lime-100 text-lime-900",
  "bg-orange-100 text-orange-900",
];

export function sourceColour(index: number): string {
  return SOURCE_COLOURS[index % SOURCE_COLOURS.length];
}

export function RecordsTable({ transferId }: { transferId: string }) {
  const [load, setLoad] = useState<Load>({ state: "loading" });
  const [name, setName] = useState("");
  const [type, setType] = useState("");
  const [source, setSource] = useState("");
  const [selected, setSelected] = useState<RecordsTableRow | null>(null);
  const deferredName = useDeferredValue(name);

  useEffect(() => {
    const ctrl = new AbortController();
    const started = performance.now();
    fetch(`/api/transfers/${transferId}/records`, { signal: ctrl.signal })
      .then(async (res) => {
        if (!res.ok) throw new Error(`HTTP ${res.status}`);
        const table = (await res.json()) as Table;
        setLoad({ state: "ready", table, fetchMs: Math.round(performance.now() - started) });
      })
      .catch((err: unknown) => {
        if (!ctrl.signal.aborted)
          setLoad({ state: "error", message: err instanceof Error ? err.message : String(err) });
      });
    return () => ctrl.abort();
  }, [transferId]);

  const table = load.state === "ready" ? load.table : null;
  // Lowercased once, not on every keystroke over 100k rows.
  const owners = useMemo(() => (table ? table.rows.map((r) => r[0].toLowerCase()) : []), [table]);
  const rows = useMemo<RecordsTableRow[]>(() => {
    if (!table) return [];
    const needle = deferredName.trim().toLowerCase();
    const sourceIdx = source === "" ? -1 : Number(source);
    if (needle === "" && type === "" && sourceIdx < 0) return table.rows;
    return table.rows.filter(
      (r, i) =>
        (needle === "" || owners[i].includes(needle)) &&
        (type === "" || r[1] === type) &&
        (sourceIdx < 0 || r[4].includes(sourceIdx)),
    );
  }, [table, owners, deferredName, type, source]);

  const scrollRef = useRef<HTMLDivElement>(null);
  const virtualizer = useVirtualizer({
    count: rows.length,
    getScrollElement: () => scrollRef.current,
    estimateSize: () => ROW_HEIGHT,
    overscan: 20,
  });

  if (load.state === "loading")
    return (
      <p className="text-sm text-slate-600" data-testid="records-loading">
        Loading records…
      </p>
    );
  if (load.state === "error")
    return (
      <p className="text-sm text-red-700" role="alert">
        Could not load records: {load.message}
      </p>
    );
  const t = load.table;

  return (
    <div className="space-y-3">
      <div className="flex flex-wrap items-end gap-3 rounded-lg border border-slate-200 bg-white p-3">
        <div className="min-w-56 flex-1">
          <label htmlFor="filter-name" className="block text-xs font-medium text-slate-600">
            Name contains
          </label>
          <input
            id="filter-name"
            className={inputClass}
            value={name}
            onChange={(e) => setName(e.target.value)}
            placeholder="www"
            data-testid="filter-name"
          />
        </div>
        <div>
          <label htmlFor="filter-type" className="block text-xs font-medium text-slate-600">
            Type
          </label>
          <select
            id="filter-type"
            className={inputClass}
            value={type}
            onChange={(e) => setType(e.target.value)}
            data-testid="filter-type"
          >
            <option value="">all types</option>
            {t.types.map((ty) => (
              <option key={ty} value={ty}>
                {ty}
              </option>
            ))}
          </select>
        </div>
        <div>
          <label htmlFor="filter-source" className="block text-xs font-medium text-slate-600">
            Source
          </label>
          <select
            id="filter-source"
            className={inputClass}
            value={source}
            onChange={(e) => setSource(e.target.value)}
            data-testid="filter-source"
          >
            <option value="">all sources</option>
            {t.sources.map((s, i) => (
              <option key={s.id} value={String(i)}>
                {s.label}
              </option>
            ))}
          </select>
        </div>
        <p
          className="ml-auto text-sm text-slate-600"
          data-testid="records-count"
          data-total={t.rows.length}
          data-shown={rows.length}
          data-fetch-ms={load.fetchMs}
        >
          {rows.length.toLocaleString("en-US")} of {t.rows.length.toLocaleString("en-US")} rows
        </p>
      </div>

      {selected && selected[5] >= 0 && (
        <div
          className="rounded-lg border border-amber-300 bg-amber-50 p-3 text-sm"
          role="region"
          aria-label="Provider record"
          data-testid="provider-detail"
        >
          <div className="flex items-start justify-between gap-3">
            <p className="font-mono">
              {selected[0]} {selected[1]} {selected[3]}
            </p>
            <button
              type="button"
              className="text-slate-500 hover:text-slate-900"
              onClick={() => setSelected(null)}
              aria-label="Close"
              data-testid="provider-detail-close"
            >
              ✕
            </button>
          </div>
          <p className="mt-1 font-semibold" data-testid="provider-detail-label">
            Provider-only: {t.providers[selected[5]].label}
          </p>
          <p className="mt-1">
            <span className="font-semibold">Why it will not transfer as-is: </span>
            <span data-testid="provider-detail-reason">{t.providers[selected[5]].reason}</span>
          </p>
          <p>
            <span className="font-semibold">What the new operator needs: </span>
            <span data-testid="provider-detail-replacement">{t.providers[selected[5]].replacement}</span>
          </p>
        </div>
      )}

      <div
        role="table"
        aria-label="Records"
        aria-rowcount={rows.length}
        className="overflow-hidden rounded-lg border border-slate-200 bg-white text-sm"
      >
        <div
          role="row"
          className={`${GRID} border-b border-slate-200 bg-slate-100 py-2 text-xs font-semibold uppercase tracking-wide text-slate-600`}
        >
          <span role="columnheader">Name</span>
          <span role="columnheader">Type</span>
          <span role="columnheader">TTL</span>
          <span role="columnheader">Value</span>
          <span role="columnheader">Sources</span>
        </div>
        <div ref={scrollRef} className="h-[65vh] overflow-auto" data-testid="records-scroll">
          {rows.length === 0 ? (
            <p className="p-6 text-center text-slate-500" data-testid="records-empty">
              No records match.
            </p>
          ) : (
            <div style={{ height: virtualizer.getTotalSize(), position: "relative" }}>
              {virtualizer.getVirtualItems().map((v) => {
                const r = rows[v.index];
                const provider = r[5] >= 0 ? t.providers[r[5]] : null;
                return (
                  <div
                    key={v.key}
                    role="row"
                    data-testid="record-row"
                    data-provider={provider ? "true" : undefined}
                    className={`${GRID} absolute left-0 right-0 items-center border-b border-slate-100 ${provider ? "bg-amber-50" : ""}`}
                    style={{ height: ROW_HEIGHT, transform: `translateY(${v.start}px)` }}
                  >
                    <span role="cell" className="truncate font-mono" title={r[0]} data-testid="cell-owner">
                      {r[0]}
                    </span>
                    <span role="cell" className="font-mono" data-testid="cell-type">
                      {r[1]}
                    </span>
                    <span role="cell" className="font-mono text-slate-600" data-testid="cell-ttl">
                      {r[2] || "—"}
                    </span>
                    {/* Zone data is text: React escapes it (DESIGN §10). */}
                    <span role="cell" className="truncate font-mono" title={r[3]} data-testid="cell-value">
                      {provider && (
                        <button
                          type="button"
                          className="mr-2 rounded bg-amber-200 px-1 py-0.5 font-sans text-xs text-amber-900 hover:bg-amber-300"
                          title={`${provider.reason}\nReplacement: ${provider.replacement}`}
                          onClick={() => setSelected(r)}
                          data-testid="provider-badge"
                        >
                          provider-only: {provider.label}
                        </button>
                      )}
                      {r[3]}
                    </span>
                    <span role="cell" className="flex min-w-0 gap-1 overflow-hidden" data-testid="cell-sources">
                      {r[4].map((i) => (
                        <span
                          key={i}
                          className={`truncate rounded px-1.5 py-0.5 text-xs font-medium ${sourceColour(i)}`}
                          title={t.sources[i]?.label}
                          data-testid="source-badge"
                        >
                          {t.sources[i]?.label}
                        </span>
                      ))}
                    </span>
                  </div>
                );
              })}
            </div>
          )}
        </div>
      </div>
    </div>
  );
}
