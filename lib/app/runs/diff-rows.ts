/**
 * The diff as flat rows for the browser's filterable, virtualised table:
 * one row per differing RRset per comparison. Stored with the run (JSON).
 */
import type { Comparison, DiffKind, RRsetView, ServerParity, ZoneDiff } from "../../diff/types";

export type DiffRowKind = "missing" | "extra" | "rdata" | "ttl" | "servers";

export interface DiffRow {
  /** What is compared: "source registrar", "new operator", "old servers"… (the "by source" filter). */
  comparison: string;
  kind: DiffRowKind;
  owner: string;
  type: string;
  /** The reference side (old operator's reference server) and the compared side. */
  hereLabel: string;
  thereLabel: string;
  here: string[];
  there: string[];
  hereTtl: number | null;
  thereTtl: number | null;
  /** Why the difference is expected (provider behaviour, operator data), or null. */
  explained: string | null;
}

const KIND: Record<DiffKind, DiffRowKind> = {
  "only-here": "missing",
  "only-there": "extra",
  rdata: "rdata",
  ttl: "ttl",
};

const texts = (s: RRsetView | null) => s?.texts ?? [];

function comparisonRows(name: string, c: Comparison): DiffRow[] {
  return c.entries.map((e) => ({
    comparison: name,
    kind: KIND[e.kind],
    owner: e.owner,
    type: e.type,
    hereLabel: c.here,
    thereLabel: c.there,
    here: texts(e.here),
    there: texts(e.there),
    hereTtl: e.here?.ttl ?? null,
    thereTtl: e.there?.ttl ?? null,
    explained: e.explained,
  }));
}

function parityRows(name: string, p: ServerParity): DiffRow[] {
  return p.disagreements.map((d) => {
    const ref = d.variants[0];
    const odd = d.variants.slice(1);
    return {
      comparison: name,
      kind: "servers",
      owner: d.owner,
      type: d.type,
      hereLabel: ref.servers.join(", "),
      thereLabel: d.odd.join(", "),
      here: texts(ref.rrset),
      there: odd.flatMap((v) => (v.rrset ? v.rrset.texts : ["(absent)"])),
      hereTtl: ref.rrset?.ttl ?? null,
      thereTtl: odd[0]?.rrset?.ttl ?? null,
      explained: null,
    };
  });
}

export function diffRows(diff: ZoneDiff): DiffRow[] {
  const rows: DiffRow[] = [];
  // Appended one by one: a spread of 100,000s of rows overflows the call stack.
  const add = (xs: readonly (typeof rows)[number][]) => {
    for (const x of xs) rows.push(x);
  };
  for (const c of diff.sources) add(comparisonRows(c.there, c));
  if (diff.oldVsNew) add(comparisonRows("new operator", diff.oldVsNew));
  if (diff.oldServers) add(parityRows("old servers", diff.oldServers));
  if (diff.newServers) add(parityRows("new servers", diff.newServers));
  return rows;
}

export interface DiffFilter {
  only?: "all" | "missing" | "different";
  name?: string;
  type?: string;
  comparison?: string;
  /** Hide differences explained by provider/operator behaviour. */
  hideExplained?: boolean;
}

/** Pure filter shared by the page (client) and tests. */
export function filterDiffRows(rows: readonly DiffRow[], f: DiffFilter): DiffRow[] {
  const name = f.name?.trim().toLowerCase() ?? "";
  return rows.filter(
    (r) =>
      (f.only !== "missing" || r.kind === "missing") &&
      (f.only !== "different" || r.kind === "rdata" || r.kind === "ttl" || r.kind === "servers") &&
      (!name || r.owner.toLowerCase().includes(name)) &&
      (!f.type || r.type === f.type) &&
      (!f.comparison || r.comparison === f.comparison) &&
      (!f.hideExplained || r.explained === null),
  );
}
