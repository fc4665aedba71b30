/**
 * Differences that are real but expected (DESIGN §2 diff): provider
 * behaviour stated by the import's provider records, and data each DNS
 * operator writes for itself (apex SOA, apex NS when hosting moves).
 */
import type { ProviderRecord } from "../zone/import/types";
import type { Explainer } from "./compare";
import type { DiffEntry } from "./types";

/** Provider record kinds whose live answers differ from the exported value by design. */
const ANSWER_CHANGING: Record<string, string | ((e: DiffEntry) => string)> = {
  // State what the live side showed: a proxied CNAME is answered as a CNAME, not as anycast addresses.
  proxied: (e) =>
    `Cloudflare-proxied: the export holds the origin behind the proxy${e.here ? `; the live zone answers ${e.here.typeText} ${e.here.texts.join(" / ")}` : "; the live zone gave no such answer"}`,
  flattened: "Cloudflare CNAME flattening: the CNAME is answered as A/AAAA",
  alias: "Route 53 alias: answered as A/AAAA of the alias target, no record in the export",
  "alias-type": "PowerDNS ALIAS: answered as A/AAAA of the target",
  lua: "PowerDNS LUA: answers are computed per query",
  "routing-policy": "Route 53 routing policy: each query gets one member of the set",
};

const ADDRESS_TYPES = new Set(["A", "AAAA", "CNAME"]);

const lowerAbs = (n: string) => (n.endsWith(".") ? n : n + ".").toLowerCase();

function apexSoaOrNs(e: DiffEntry, apex: string): "SOA" | "NS" | null {
  if (e.owner !== apex) return null;
  return e.type === "SOA" ? "SOA" : e.type === "NS" ? "NS" : null;
}

export interface SourceExplainOptions {
  apex: string;
  providerRecords: readonly ProviderRecord[];
}

/** For "old live (here) vs source (there)". */
export function explainSourceVsLive(opts: SourceExplainOptions): Explainer {
  const apex = lowerAbs(opts.apex);
  const byOwner = new Map<string, ProviderRecord[]>();
  for (const p of opts.providerRecords) {
    const k = lowerAbs(p.owner);
    byOwner.set(k, [...(byOwner.get(k) ?? []), p]);
  }
  return (e) => {
    if (apexSoaOrNs(e, apex) === "SOA")
      return "the SOA is written by each operator (serials are judged by DEL-SOA-SERIAL)";
    if (apexSoaOrNs(e, apex) === "NS") {
      // An export's apex NS are whoever exported it (a provider writes its own); they are neither the live NS nor the new operator's.
      const exported = e.there?.texts.join(", ");
      const live = e.here?.texts.join(", ");
      return `the export's apex NS ${exported ? `{${exported}}` : "(none)"} are the exporting operator's, the live zone names ${live ? `{${live}}` : "none"}; the new zone's NS are judged against the planned delegation (DEL-PLANNED-NS)`;
    }
    const prs = byOwner.get(e.owner) ?? [];
    for (const p of prs) {
      const why = ANSWER_CHANGING[p.kind];
      if (why && (ADDRESS_TYPES.has(e.type) || e.type === p.type.toUpperCase()))
        return `${typeof why === "function" ? why(e) : why} (${p.file}:${p.line})`;
    }
    if (e.kind === "ttl" && prs.some((p) => p.kind === "auto-ttl" && p.type.toUpperCase() === e.type)) {
      return `Cloudflare automatic TTL: the export says 1 (automatic, read as 300 s), the live TTL is ${e.here?.ttl ?? "?"}`;
    }
    return null;
  };
}

export interface OperatorExplainOptions {
  apex: string;
  /** DNS hosting moves: the new operator's apex NS name its own servers. */
  operatorChange: boolean;
}

/** For "old operator (here) vs new operator (there)" and "old reference vs source" of apex data. */
export function explainOperatorData(opts: OperatorExplainOptions): Explainer {
  const apex = lowerAbs(opts.apex);
  return (e) => {
    const k = apexSoaOrNs(e, apex);
    if (k === "SOA") return "each operator writes its own SOA (MNAME, RNAME, serial)";
    if (k === "NS" && opts.operatorChange)
      return "the apex NS name the new operator's own servers (DNS hosting moves; OPS-NS-PLAN judges them)";
    return null;
  };
}
