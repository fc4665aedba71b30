/**
 * Parent referral vs child: the NS set the parent publishes against the
 * apex NS set each server answers (RFC 1034 §4.2.2 expects them equal), and
 * in-zone glue against the child's own A/AAAA (RFC 9471: glue must be right).
 */
import type { Delegation } from "../dns/delegation";
import type { ServerSummary } from "../dns/run-snapshot";
import { isSubdomain, nameToText, name as wire } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { T } from "../zone/rrtype";
import { lowerText, recordText, rrsetKey, serverLabel } from "./zone-view";
import type { EvidenceRef, ParentChildDiff, ZoneView } from "./types";

export interface ParentChildInput {
  zone: string;
  delegation: Delegation;
  servers: readonly ServerSummary[];
  views: readonly ZoneView[];
}

export function compareParentChild(input: ParentChildInput): ParentChildDiff {
  const apex = wire(input.zone);
  const d = input.delegation;
  const parentNs = [...new Set(d.ns.map((r) => nameToText(r.rdata).toLowerCase()))].sort();
  const evidence: EvidenceRef[] = [...d.ns, ...d.glue].map((r) => ({
    kind: "delegation" as const,
    text: `parent ${d.parent ?? "?"}: ${recordText(lowerText(r.owner), r.ttl, r.type, rdataToText(r.type, r.rdata))}`,
  }));
  const childNs = input.servers
    .filter((s) => s.authoritative)
    .map((s) => {
      const label = serverLabel(s);
      const view = input.views.find((v) => v.label === label);
      const set = view?.rrsets.get(rrsetKey(apex, 1, T.NS));
      return {
        server: label,
        ns: s.ns.map((n) => n.toLowerCase()),
        ttl: set?.ttl ?? null,
        evidence: set?.evidence ?? [],
      };
    });
  const nsMismatch = childNs
    .map((c) => ({
      server: c.server,
      onlyParent: parentNs.filter((n) => !c.ns.includes(n)),
      onlyChild: c.ns.filter((n) => !parentNs.includes(n)),
    }))
    .filter((m) => m.onlyParent.length > 0 || m.onlyChild.length > 0);

  const glueMismatch: ParentChildDiff["glueMismatch"] = [];
  const glueNames = [...new Set(d.glue.filter((g) => isSubdomain(g.owner, apex)).map((g) => lowerText(g.owner)))];
  for (const n of glueNames) {
    for (const v of input.views) {
      // Only the address types this server was asked: an unasked AAAA is unknown, not a glue mismatch.
      const types: number[] = [T.A, T.AAAA].filter((t) => v.asked(wire(n), t));
      if (types.length === 0) continue;
      const glue = d.glue
        .filter((g) => lowerText(g.owner) === n && types.includes(g.type))
        .map((g) => rdataToText(g.type, g.rdata))
        .sort();
      const child = types.flatMap((t) => v.rrsets.get(rrsetKey(wire(n), 1, t))?.texts ?? []).sort();
      if (child.join(" ") !== glue.join(" ")) glueMismatch.push({ name: n, glue, child, server: v.label });
    }
  }
  return { parentNs, parentNsTtl: d.ns[0]?.ttl ?? null, childNs, nsMismatch, glueMismatch, evidence };
}
