/**
 * The merged records of a transfer as one compact table for the browser:
 * identical RRs from several sources become one row listing those sources;
 * provider records appear as rows of their own, marked with their kind.
 * Rows are tuples to keep 100k rows to a few MB of JSON.
 */
import type { TransferRecordRow } from "../../db/rows";
import type { ProviderRecord } from "../../zone/import/types";
import { safeTypeText } from "./record-text";

export interface RecordsTableSource {
  id: string;
  label: string;
}

/**
 * [owner, type, ttl ("300" or "300/3600" when sources disagree, "" when none),
 *  value, source indexes, index into `providers` or -1 for plain DNS]
 */
export type RecordsTableRow = [string, string, string, string, number[], number];

/** Why a provider-only row will not transfer as-is (shared by rows of the same kind, reason and replacement). */
export interface RecordsTableProvider {
  /** "Route 53 alias", "Cloudflare proxied", … */
  label: string;
  reason: string;
  replacement: string;
}

export interface RecordsTable {
  sources: RecordsTableSource[];
  /** Distinct type mnemonics present, sorted, for the type filter. */
  types: string[];
  providers: RecordsTableProvider[];
  rows: RecordsTableRow[];
}

const PROVIDER_NAMES: Record<ProviderRecord["provider"], string> = {
  route53: "Route 53",
  cloudflare: "Cloudflare",
  powerdns: "PowerDNS",
};

export function providerLabel(p: Pick<ProviderRecord, "provider" | "kind">): string {
  return `${PROVIDER_NAMES[p.provider] ?? p.provider} ${p.kind.replace(/-/g, " ")}`;
}

export interface BuildRecordsTableOptions {
  sources: RecordsTableSource[];
  records: TransferRecordRow[];
  /** Provider records keyed by source id. */
  providerRecords: Map<string, ProviderRecord[]>;
}

interface Acc {
  sortKey: string;
  owner: string;
  type: string;
  ttls: Set<number>;
  value: string;
  sources: Set<number>;
  provider: RecordsTableProvider | null;
}

/** DNS order (RFC 4034 §6.1, approximately): compare labels right to left. */
function orderKey(ownerLower: string): string {
  return ownerLower.replace(/\.$/, "").split(".").reverse().join("\u0001");
}

export function buildRecordsTable(options: BuildRecordsTableOptions): RecordsTable {
  const index = new Map(options.sources.map((s, i) => [s.id, i]));
  const merged = new Map<string, Acc>();
  const add = (key: string, make: () => Acc, sourceIdx: number, ttl: number | null) => {
    let acc = merged.get(key);
    if (!acc) {
      acc = make();
      merged.set(key, acc);
    }
    acc.sources.add(sourceIdx);
    if (ttl !== null) acc.ttls.add(ttl);
  };

  for (const r of options.records) {
    const si = index.get(r.sourceId);
    if (si === undefined) continue;
    const type = safeTypeText(r.type);
    add(
      `${r.ownerKey}|${r.class}|${r.type}|${r.rdataHex}`,
      () => ({
        sortKey: orderKey(r.ownerKey),
        owner: r.ownerText,
        type: r.class === 1 ? type : `${type} (class ${r.class})`,
        ttls: new Set(),
        value: r.rdataText,
        sources: new Set(),
        provider: null,
      }),
      si,
      r.ttl,
    );
  }
  for (const [sourceId, list] of options.providerRecords) {
    const si = index.get(sourceId);
    if (si === undefined) continue;
    for (const p of list) {
      if (p.represented) continue; // also present as an ordinary record above
      const label = providerLabel(p);
      add(
        `${p.owner.toLowerCase()}|provider|${p.type}|${p.value}|${label}`,
        () => ({
          sortKey: orderKey(p.owner.toLowerCase()),
          owner: p.owner,
          type: p.type,
          ttls: new Set(),
          value: p.value,
          sources: new Set(),
          provider: { label, reason: p.reason, replacement: p.replacement },
        }),
        si,
        p.ttl,
      );
    }
  }

  const accs = [...merged.values()].sort((a, b) =>
    a.sortKey < b.sortKey
      ? -1
      : a.sortKey > b.sortKey
        ? 1
        : a.type < b.type
          ? -1
          : a.type > b.type
            ? 1
            : a.value < b.value
              ? -1
              : a.value > b.value
                ? 1
                : 0,
  );
  const types = new Set<string>();
  const providers: RecordsTableProvider[] = [];
  const providerIndex = new Map<string, number>();
  const providerRef = (p: RecordsTableProvider | null): number => {
    if (!p) return -1;
    const key = `${p.label}\u0000${p.reason}\u0000${p.replacement}`;
    let i = providerIndex.get(key);
    if (i === undefined) {
      i = providers.push(p) - 1;
      providerIndex.set(key, i);
    }
    return i;
  };
  const rows: RecordsTableRow[] = accs.map((a) => {
    types.add(a.type);
    return [
      a.owner,
      a.type,
      [...a.ttls].sort((x, y) => x - y).join("/"),
      a.value,
      [...a.sources].sort((x, y) => x - y),
      providerRef(a.provider),
    ];
  });
  return { sources: options.sources, types: [...types].sort(), providers, rows };
}
