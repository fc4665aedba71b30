"use client";

import { useVirtualizer } from "@tanstack/react-virtual";
import { useEffect, useMemo, useRef, useState } from "react";
import type { DiffFilter, DiffRow } from "@/lib/app/runs/diff-rows";
import { inputClass } from "@/app/_components/ui/field";

const KIND_TEXT: Record<DiffRow["kind"], string> = { missing: "missing", extra: "only there", rdata: "different data", ttl: "different TTL", servers: "servers disagree" };
const ROW_HEIGHT = 56;
/** Rows per request (the route allows up to 500). */
const PAGE = 300;
/** Typing in the name box asks the server once the typing pauses. */
const DEBOUNCE_MS = 250;

export interface DiffInitial {
  rows: DiffRow[];
  total: number;
  types: string[];
  comparisons: string[];
}

interface PageAnswer {
  offset: number;
  rows: DiffRow[];
  matching: number;
}

function query(filter: DiffFilter, offset: number): string {
  const q = new URLSearchParams({ offset: String(offset), limit: String(PAGE), only: filter.only ?? "all" });
  if (filter.name?.trim()) q.set("name", filter.name.trim());
  if (filter.type) q.set("type", filter.type);
  if (filter.comparison) q.set("comparison", filter.comparison);
  if (filter.hideExplained) q.set("hideExplained", "true");
  return q.toString();
}

/**
 * The diff, filtered by the server and read a page at a time as it scrolls
 * (GET …/diff), virtualised like the records table: the DOM holds the rows in
 * view, the browser holds the pages seen, however large the run.
 */
export function DiffView({ transferId, runId, initial }: { transferId: string; runId: string; initial: DiffInitial }) {
  const [filter, setFilter] = useState<DiffFilter>({ only: "all", hideExplained: false });
  const [asked, setAsked] = useState<DiffFilter>(filter);
  // Pages of the current filter by offset; `generation` drops answers to an older filter.
  const [pages, setPages] = useState<Map<number, DiffRow[]>>(() => new Map([[0, initial.rows]]));
  const [matching, setMatching] = useState(initial.total);
  const [error, setError] = useState("");
  const generation = useRef(0);
  const inFlight = useRef(new Set<number>());
  const parent = useRef<HTMLDivElement>(null);

  useEffect(() => {
    const t = setTimeout(() => setAsked(filter), filter.name === asked.name ? 0 : DEBOUNCE_MS);
    return () => clearTimeout(t);
  }, [filter, asked.name]);

  const load = useMemo(
    () => async (f: DiffFilter, offset: number, gen: number) => {
      if (inFlight.current.has(offset)) return;
      inFlight.current.add(offset);
      try {
        const res = await fetch(`/api/transfers/${transferId}/runs/${runId}/diff?${query(f, offset)}`);
        if (!res.ok) throw new Error(((await res.json().catch(() => ({}))) as { message?: string }).message ?? `HTTP ${res.status}`);
        const page = (await res.json()) as PageAnswer;
        if (gen !== generation.current) return;
        setMatching(page.matching);
        setPages((prev) => new Map(prev).set(page.offset, page.rows));
        setError("");
      } catch (e) {
        if (gen === generation.current) setError((e as Error).message);
      } finally {
        inFlight.current.delete(offset);
      }
    },
    [transferId, runId],
  );

  // A new filter: start again from its first page (the unfiltered first page came with the run page).
  const first = useRef(true);
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    const gen = ++generation.current;
    inFlight.current.clear();
    setPages(new Map());
    parent.current?.scrollTo({ top: 0 });
    void load(asked, 0, gen);
  }, [asked, load]);

  const v = useVirtualizer({ count: matching, getScrollElement: () => parent.current, estimateSize: () => ROW_HEIGHT, overscan: 10 });
  const items = v.getVirtualItems();
  const lo = items.length ? items[0].index : 0;
  const hi = items.length ? items[items.length - 1].index : 0;
  useEffect(() => {
    if (matching === 0) return;
    for (let off = Math.floor(lo / PAGE) * PAGE; off <= hi; off += PAGE) if (!pages.has(off)) void load(asked, off, generation.current);
  }, [lo, hi, matching, pages, asked, load]);

  const rowAt = (i: number): DiffRow | undefined => pages.get(Math.floor(i / PAGE) * PAGE)?.[i % PAGE];
  const loading = pages.size === 0;
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
          {initial.types.map((t) => (
            <option key={t}>{t}</option>
          ))}
        </select>
        <select className={inputClass} aria-label="Compared with" value={filter.comparison ?? ""} onChange={(e) => setFilter({ ...filter, comparison: e.target.value || undefined })} data-testid="diff-source">
          <option value="">every comparison</option>
          {initial.comparisons.map((c) => (
            <option key={c}>{c}</option>
          ))}
        </select>
        <label className="flex items-center gap-2 text-sm">
          <input type="checkbox" checked={!!filter.hideExplained} onChange={(e) => setFilter({ ...filter, hideExplained: e.target.checked })} data-testid="diff-hide-explained" />
          hide expected differences
        </label>
      </div>
      <p className="text-sm text-slate-600" data-testid="diff-count" data-loading={loading ? "yes" : "no"} aria-live="polite">
        {loading ? "loading…" : `${matching} of ${initial.total} differences`}
      </p>
      {error && (
        <p role="alert" className="text-sm text-red-700">
          {error}
        </p>
      )}
      <div ref={parent} className="h-96 overflow-auto rounded border border-slate-200" data-testid="diff-scroll">
        <div style={{ height: loading ? 0 : v.getTotalSize(), position: "relative" }}>
          {!loading &&
            items.map((item) => {
              const r = rowAt(item.index);
              if (!r)
                return (
                  <div key={item.key} className="absolute left-0 right-0 px-2 py-1 text-xs text-slate-400" style={{ top: item.start, height: ROW_HEIGHT }} data-testid="diff-row-loading">
                    loading…
                  </div>
                );
              return (
                <div
                  key={item.key}
                  className={`absolute left-0 right-0 grid grid-cols-[10rem_1fr_5rem_1fr_1fr] gap-2 border-b border-slate-100 px-2 py-1 text-xs ${r.explained ? "text-slate-500" : ""}`}
                  style={{ top: item.start, height: ROW_HEIGHT }}
                  data-testid="diff-row"
                  data-index={item.index}
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
