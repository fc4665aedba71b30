/**
 * The new operator's zone against the delegation it is about to receive
 * (cf. Zonemaster DELEGATION07 for undelegated tests). After the switch the
 * parent carries the planned NS set and glue for in-zone names; a child NS
 * set that still names the old servers sends resolvers that prefer the
 * child's data (RFC 2181 §5.4.1) back to servers about to be retired, and an
 * in-zone NS name whose A/AAAA differs from the given address sends them
 * where nothing answers.
 */
import { rrsetKey, serverLabel } from "../diff/zone-view";
import { isSubdomain, name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { fact, summaryEvidence } from "./evidence";
import type { CheckDef, CheckInput } from "./types";

const abs = (n: string) => (n.endsWith(".") ? n : n + ".").toLowerCase();
const norm = (ns: readonly string[]) => [...new Set(ns.map(abs))].sort();

/** The NS set the parent will carry: the stated plan, else the new servers given. */
export function plannedNsOf(i: CheckInput): string[] {
  if (i.facts.plannedNs && i.facts.plannedNs.length) return norm(i.facts.plannedNs);
  return norm(i.neu?.servers.map((s) => s.name) ?? []);
}

/** Addresses given for each new server name (what the glue will say). */
export function givenAddresses(i: CheckInput): Map<string, string[]> {
  const m = new Map<string, string[]>();
  for (const s of i.neu?.servers ?? []) {
    if (!s.address) continue;
    const k = abs(s.name);
    m.set(k, [...new Set([...(m.get(k) ?? []), canonicalAddress(s.address)])].sort());
  }
  return m;
}

/** One spelling per address so "2001:DB8::1" and "2001:db8:0::1" compare equal. */
export function canonicalAddress(a: string): string {
  if (!a.includes(":")) return a;
  const [h, t = ""] = a.toLowerCase().split("::");
  const hs = h ? h.split(":") : [];
  const ts = t ? t.split(":") : [];
  const groups = [...hs, ...(a.includes("::") ? Array(8 - hs.length - ts.length).fill("0") : []), ...ts];
  return groups.map((g) => g.replace(/^0+(?=.)/, "")).join(":");
}

const plannedNs: CheckDef = {
  id: "DEL-PLANNED-NS",
  family: "DEL",
  severity: "blocker",
  title: "The new operator's apex NS equal the planned delegation",
  run(i, emit) {
    if (i.facts.dnsHostingMoves !== true || !i.neu) return;
    const planned = plannedNsOf(i);
    if (planned.length === 0) return;
    for (const s of i.neu.servers.filter((x) => x.authoritative)) {
      const child = norm(s.ns);
      const onlyPlanned = planned.filter((n) => !child.includes(n));
      const onlyZone = child.filter((n) => !planned.includes(n));
      if (onlyPlanned.length === 0 && onlyZone.length === 0) continue;
      const old = norm([...(i.old?.servers.map((x) => x.name) ?? []), ...(i.diff.parentChild?.parentNs ?? [])]);
      const retiring = onlyZone.filter((n) => old.includes(n));
      // Only more names than the servers given, none of them the old operator's, and no plan stated: most likely
      // the user gave a subset of the new operator's servers. Say so instead of blocking.
      const subsetGiven =
        onlyPlanned.length === 0 && retiring.length === 0 && !(i.facts.plannedNs && i.facts.plannedNs.length);
      emit({
        severity: subsetGiven ? "warning" : undefined,
        subject: serverLabel(s),
        message:
          `${serverLabel(s)} answers the apex NS {${child.join(", ") || "nothing"}} but the parent is to delegate ${i.zone} to {${planned.join(", ")}}` +
          `${onlyZone.length ? `; only in the new zone: ${onlyZone.join(", ")}` : ""}${onlyPlanned.length ? `; missing from the new zone: ${onlyPlanned.join(", ")}` : ""}.` +
          (retiring.length
            ? ` ${retiring.join(", ")} ${retiring.length > 1 ? "are" : "is"} the old operator's, about to be retired: resolvers that prefer the child's NS set (RFC 2181 §5.4.1) go back there.`
            : ""),
        remediation: subsetGiven
          ? `If ${onlyZone.join(", ")} ${onlyZone.length > 1 ? "are" : "is"} the new operator's too, state the planned NS set (all of them) or give ${onlyZone.length > 1 ? "them" : "it"} as new servers; otherwise remove ${onlyZone.length > 1 ? "them" : "it"} from the new zone.`
          : `Make the apex NS at the new operator exactly {${planned.join(", ")}} (the planned delegation) before the switch.`,
        evidence: [
          fact(`planned NS: ${planned.join(" ")}`),
          ...summaryEvidence(i.neu, s, "new").filter((e) => e.text.includes(" NS")),
        ],
      });
    }
  },
};

const plannedGlue: CheckDef = {
  id: "DEL-PLANNED-GLUE",
  family: "DEL",
  severity: "blocker",
  title: "In-zone planned NS names publish the addresses the glue will carry",
  run(i, emit) {
    if (i.facts.dnsHostingMoves !== true || !i.neu) return;
    const apex = wire(i.zone);
    const given = givenAddresses(i);
    for (const n of plannedNsOf(i)) {
      const owner = wire(n);
      if (!isSubdomain(owner, apex)) continue; // out of zone: no glue, the name's own zone answers
      const glue = given.get(n);
      if (!glue || glue.length === 0) continue; // no address stated: nothing to compare with
      for (const v of i.views.neu) {
        const texts = [T.A, T.AAAA].flatMap((t) => v.rrsets.get(rrsetKey(owner, 1, t))?.texts ?? []);
        const shown = new Map(texts.map((t) => [canonicalAddress(t), t]));
        const published = [...shown.keys()].sort();
        const asked = v.asked(owner, T.A) || v.asked(owner, T.AAAA);
        if (!asked && published.length === 0) {
          emit({
            severity: "warning",
            subject: `${n} @ ${v.label}`,
            message: `${v.label} was not asked for the addresses of ${n}, so nobody knows whether the new zone publishes ${glue.join(", ")}, the address(es) the glue will carry.`,
            remediation: `Re-run; check that ${v.label} answers ${n} A/AAAA with ${glue.join(", ")}.`,
            evidence: [fact(`given: ${n} ${glue.join(" ")}`)],
          });
          continue;
        }
        if (published.join(" ") === glue.join(" ")) continue;
        const sets = [...v.rrsets.values()].filter((s) => s.ownerText === n && (s.type === T.A || s.type === T.AAAA));
        const missing = glue.filter((a) => !published.includes(a));
        if (missing.length === 0) {
          // Every given address is published; the zone has more (often the AAAA nobody typed in): the glue should carry them too.
          const extra = published.filter((a) => !glue.includes(a)).map((a) => shown.get(a) ?? a);
          emit({
            severity: "warning",
            subject: `${n} @ ${v.label}`,
            message: `${v.label} publishes ${n} {${texts.join(", ")}}, more than the address(es) given for it ({${glue.join(", ")}}): ${extra.join(", ")} would not be in the glue.`,
            remediation: `Give ${extra.join(", ")} for ${n} as well (the registrar's host object), or remove ${extra.length > 1 ? "them" : "it"} from the new zone if nothing answers there.`,
            evidence: [fact(`given: ${n} ${glue.join(" ")}`), ...sets.flatMap((s) => s.evidence)],
          });
          continue;
        }
        emit({
          subject: `${n} @ ${v.label}`,
          message: `The glue for ${n} will be {${glue.join(", ")}} (the address(es) given for the new server), but ${v.label} publishes ${n} {${texts.join(", ") || "no address"}}: resolvers that follow the zone's own record go ${texts.length ? `to ${texts.join(", ")}, where the new operator was not given` : "nowhere"}.`,
          remediation: `Make ${n} A/AAAA in the new zone exactly ${glue.join(", ")}, or correct the address given for ${n}.`,
          evidence: [fact(`given: ${n} ${glue.join(" ")}`), ...sets.flatMap((s) => s.evidence)],
        });
      }
    }
  },
};

export const PLANNED_CHECKS: CheckDef[] = [plannedNs, plannedGlue];
