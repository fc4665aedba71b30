/** DEL-LAME-SUBZONE: every name server of every subzone cut answers the subzone's SOA with AA (RFC 1034 §4.2.2). */
import { rrsetKey } from "../diff/zone-view";
import { addressText } from "../dns/iterate";
import type { Snapshot } from "../dns/run-snapshot";
import { isSubdomain, nameToText, namesEqual, name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { dsMatches, keyTag } from "./dnssec";
import { answerText, fact } from "./evidence";
import type { CheckDef, EvidenceRef } from "./types";

export const lameSubzone: CheckDef = {
  id: "DEL-LAME-SUBZONE",
  family: "DEL",
  severity: "blocker",
  title: "Subzone delegations are not lame",
  run(i, emit) {
    for (const p of i.probes?.subzones ?? []) {
      const lame = p.servers.filter((s) => s.problem !== null);
      if (lame.length === 0) continue;
      const all = lame.length === p.servers.length;
      const evidence: EvidenceRef[] = [
        fact(`${p.cut} NS ${p.ns.join(" ")}`),
        ...p.servers.map((s) => (s.answer ? fact(answerText(s.answer)) : fact(`${s.ns}: ${s.problem}`))),
      ];
      emit({
        // Some servers still answer: resolvers retry elsewhere, slower. None: the subzone is dead already.
        severity: all ? undefined : "warning",
        subject: p.cut,
        message: `${all ? "Every" : `${lame.length} of ${p.servers.length}`} name server address(es) of the delegation ${p.cut} ${all ? "is" : "are"} lame: ${lame.map((s) => `${s.ns}${s.address ? ` ${s.address}` : ""} (${s.problem})`).join("; ")}.${all ? ` ${p.cut} does not resolve today; copying the delegation unchanged keeps it broken, and fixing it later needs the new operator.` : ""}`,
        remediation: `Have the operator of ${p.cut} serve it on ${lame
          .map((s) => s.ns)
          .filter((v, k, a) => a.indexOf(v) === k)
          .join(", ")}, or change the ${p.cut} NS records (at the old and new operator alike) to servers that do.`,
        evidence,
      });
    }
  },
};

/**
 * DEL-CHILD-DS: at every zone cut whose parent side carries a DS today, the
 * exports and the new operator carry a DS that leads to the child's key
 * (RFC 4035 §2.4: the DS is the parent's data). A signed child whose DS is
 * lost with the move becomes insecure at best; a different DS makes it bogus.
 * Same-server children count too: their cut is found from NS/SOA below the apex.
 */
export const childDs: CheckDef = {
  id: "DEL-CHILD-DS",
  family: "DEL",
  severity: "blocker",
  title: "Every signed child keeps its DS through the move",
  run(i, emit) {
    const ref = i.views.oldRef;
    if (!ref) return;
    const cuts = [
      ...new Set(
        [
          ...ref.cuts,
          ...(i.old?.zoneCuts ?? []),
          ...i.views.sources.flatMap((v) => v.cuts),
          ...(i.probes?.subzones ?? []).map((p) => p.cut),
        ].map((c) => c.toLowerCase()),
      ),
    ].sort();
    for (const cut of cuts) {
      const owner = wire(cut);
      const oldDs = ref.rrsets.get(rrsetKey(owner, 1, T.DS));
      if (!oldDs) continue; // no DS today: nothing the move can lose
      const keys = i.probes?.subzones.find((p) => p.cut === cut)?.dnskeys ?? [];
      const leadsToKey = (rdatas: readonly Uint8Array[]) =>
        keys.length ? rdatas.some((d) => keys.some((k) => dsMatches(d, k, owner))) : false;
      const same = (rdatas: readonly Uint8Array[]) =>
        rdatas.length === oldDs.rdatas.length &&
        rdatas.every((d, n) => Buffer.from(d).equals(Buffer.from(oldDs.rdatas[n])));
      const problems: string[] = [];
      const evidence: EvidenceRef[] = [...oldDs.evidence];
      for (const [label, v] of [
        ["the export(s)", i.views.allSources],
        ["the new operator", i.views.newRef],
      ] as const) {
        if (!v) continue;
        const ds = v.rrsets.get(rrsetKey(owner, 1, T.DS));
        if (!ds) {
          if (v.kind === "source" || v.asked(owner, T.DS))
            problems.push(`${label} ${label.endsWith("(s)") ? "have" : "has"} no DS for ${cut}`);
          continue;
        }
        evidence.push(...ds.evidence);
        if (same(ds.rdatas) || leadsToKey(ds.rdatas)) continue;
        problems.push(
          `${label} ${label.endsWith("(s)") ? "carry" : "carries"} DS {${ds.texts.join(" / ")}}, which ${keys.length ? "matches none of the child's keys" : "differs from today's"}`,
        );
      }
      if (problems.length === 0) continue;
      const signed = keys.length
        ? ` The child is signed (DNSKEY tag(s) ${keys.map(keyTag).join(", ")} at its servers).`
        : "";
      emit({
        subject: cut,
        message: `The parent side of ${cut} carries DS {${oldDs.texts.join(" / ")}} today, but ${problems.join("; ")}.${signed} After the move validating resolvers treat ${cut} as insecure (DS missing) or bogus (DS wrong): the chain of trust to the child breaks.`,
        remediation: `Copy \`${cut} ${oldDs.ttl} IN DS ${oldDs.texts.join(" / ")}\` to the zone the new operator loads, exactly as today (RFC 4035 §2.4).`,
        evidence: [
          ...evidence,
          ...(i.probes?.subzones.find((p) => p.cut === cut)?.dnskeyAnswers ?? [])
            .slice(0, 2)
            .map((a) => fact(answerText(a))),
        ],
      });
    }
  },
};

/** Addresses of `host` a snapshot saw as glue: in its transfers, else in the additional section of referrals. Null: never seen either way. */
function glueIn(snap: Snapshot | null, host: Uint8Array): string[] | null {
  if (!snap) return null;
  const xfr = snap.axfr.filter((x) => !x.error && (x.count ?? x.records.length) > 0);
  if (xfr.length > 0)
    return [
      ...new Set(
        xfr[0].records
          .filter((r) => (r.type === T.A || r.type === T.AAAA) && namesEqual(r.owner, host))
          .map(addressText),
      ),
    ].sort();
  const seen = new Set<string>();
  let referrals = 0;
  for (const a of snap.answers) {
    if (a.error || a.flags?.aa || a.rcode !== 0) continue;
    if (
      !a.records.some(
        (r) => r.section === "authority" && r.type === T.NS && r.rdata.length > 0 && namesEqual(r.rdata, host),
      )
    )
      continue;
    referrals++;
    for (const r of a.records)
      if (r.section === "additional" && (r.type === T.A || r.type === T.AAAA) && namesEqual(r.owner, host))
        seen.add(addressText(r));
  }
  return referrals > 0 ? [...seen].sort() : null;
}

/**
 * DEL-CHILD-GLUE: a delegation whose name servers are inside the child
 * (in-bailiwick) works only with glue (RFC 1034 §4.2.1, RFC 9471 §2.1): the
 * exports and the new operator carry the same addresses as the old parent side.
 */
export const childGlue: CheckDef = {
  id: "DEL-CHILD-GLUE",
  family: "DEL",
  severity: "blocker",
  title: "In-bailiwick delegations keep their glue through the move",
  run(i, emit) {
    const ref = i.views.oldRef;
    if (!ref) return;
    for (const cut of ref.cuts) {
      const owner = wire(cut);
      const ns = ref.rrsets.get(rrsetKey(owner, 1, T.NS));
      if (!ns) continue;
      for (const target of ns.rdatas) {
        if (!isSubdomain(target, owner)) continue; // out of the child: resolved on its own, no glue needed
        const host = nameToText(target).toLowerCase();
        const today = glueIn(i.old, target);
        if (!today || today.length === 0) continue; // no glue today: DEL-LAME-SUBZONE judges whether it resolves
        const problems: string[] = [];
        const recs = i.sources.flatMap((s) => s.result.records);
        if (i.sources.length) {
          const exported = [
            ...new Set(
              recs.filter((r) => (r.type === T.A || r.type === T.AAAA) && namesEqual(r.owner, target)).map(addressText),
            ),
          ].sort();
          if (exported.join(" ") !== today.join(" "))
            problems.push(`the export(s) ${exported.length ? `carry {${exported.join(", ")}}` : "carry no glue"}`);
        }
        const atNew = glueIn(i.neu, target);
        if (atNew && atNew.join(" ") !== today.join(" "))
          problems.push(`the new operator ${atNew.length ? `carries {${atNew.join(", ")}}` : "carries no glue"}`);
        if (problems.length === 0) continue;
        emit({
          subject: `${cut} glue ${host}`,
          message: `${cut} is delegated to ${host}, a name inside the child, so resolvers can only reach it through glue: the old parent side carries ${host} {${today.join(", ")}}, but ${problems.join("; ")}. Without the right glue ${cut} stops resolving after the move (RFC 9471 §2.1).`,
          remediation: `Copy \`${host} ${ns.ttl} IN A/AAAA ${today.join(" / ")}\` with the delegation of ${cut} to the zone the new operator loads.`,
          evidence: [...ns.evidence, fact(`old glue ${host}: ${today.join(" ")}`)],
        });
      }
    }
  },
};
