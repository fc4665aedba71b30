/**
 * Every server of one operator against every other: group the servers by
 * the RRset they hold for each key and name the odd ones out (the servers
 * outside the reference server's group).
 */
import { compareRdata } from "../zone/rrset";
import type { RRsetView, ServerDisagreement, ServerParity, ZoneView } from "./types";

/** Same TTL and the same RDATA set (both in canonical order, RFC 4034 §6.3), or both absent; no hex copies of 100,000s of RRsets. */
function sameRRset(a: RRsetView | null, b: RRsetView | null): boolean {
  if (!a || !b) return a === b;
  if (a.ttl !== b.ttl || a.rdatas.length !== b.rdatas.length) return false;
  for (let i = 0; i < a.rdatas.length; i++) if (compareRdata(a.rdatas[i], b.rdatas[i]) !== 0) return false;
  return true;
}

/**
 * Highest SOA serial first (RFC 1982 arithmetic is not needed between copies of one zone), then a
 * view from a full transfer (complete: absence there is real), then most RRsets.
 */
export function pickReference(views: readonly ZoneView[]): ZoneView | null {
  const usable = views.filter((v) => v.rrsets.size > 0);
  if (usable.length === 0) return null;
  return [...usable].sort(
    (a, b) =>
      (b.serial ?? -1) - (a.serial ?? -1) ||
      Number(!!b.complete) - Number(!!a.complete) ||
      b.rrsets.size - a.rrsets.size ||
      a.label.localeCompare(b.label),
  )[0];
}

export function compareServers(operator: "old" | "new", views: readonly ZoneView[]): ServerParity {
  const ref = pickReference(views);
  const disagreements: ServerDisagreement[] = [];
  const keys = new Set(views.flatMap((v) => [...v.rrsets.keys()]));
  for (const key of [...keys].sort()) {
    let sample: RRsetView | undefined;
    for (const v of views) if ((sample = v.rrsets.get(key))) break;
    const groups: { servers: string[]; rrset: RRsetView | null }[] = [];
    for (const v of views) {
      const s = v.rrsets.get(key) ?? null;
      if (!s && !v.asked(sample!.owner, sample!.type)) continue; // never asked: no opinion
      let g = groups.find((x) => sameRRset(x.rrset, s));
      if (!g) groups.push((g = { servers: [], rrset: s }));
      g.servers.push(v.label);
    }
    if (groups.length < 2) continue;
    const variants = groups.sort((a, b) => {
      const ar = ref && a.servers.includes(ref.label) ? 1 : 0;
      const br = ref && b.servers.includes(ref.label) ? 1 : 0;
      return br - ar || b.servers.length - a.servers.length;
    });
    disagreements.push({
      owner: sample!.ownerText,
      type: sample!.typeText,
      key,
      variants,
      odd: variants.slice(1).flatMap((v) => v.servers),
    });
  }
  return { operator, reference: ref?.label ?? null, servers: views.map((v) => v.label), disagreements };
}
