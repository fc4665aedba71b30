/** DEL-LAME-SUBZONE: every name server of every subzone cut answers the subzone's SOA with AA (RFC 1034 §4.2.2). */
import { rrsetKey } from "../diff/view";
import { name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { dsMatches, keyTag } from "./dnssec";
import { answerText, fact } from "./evidence";
import type { CheckDef, EvidenceRef } from "./types";

export const lameSubzone: CheckDef = {
  id: "DEL-LAME-SUBZONE", family: "DEL", severity: "blocker", title: "Subzone delegations are not lame",
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
        remediation: `Have the operator of ${p.cut} serve it on ${lame.map((s) => s.ns).filter((v, k, a) => a.indexOf(v) === k).join(", ")}, or change the ${p.cut} NS records (at the old and new operator alike) to servers that do.`,
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
  id: "DEL-CHILD-DS", family: "DEL", severity: "blocker", title: "Every signed child keeps its DS through the move",
  run(i, emit) {
    const ref = i.views.oldRef;
    if (!ref) return;
    const cuts = [...new Set([...ref.cuts, ...(i.old?.zoneCuts ?? []), ...i.views.sources.flatMap((v) => v.cuts), ...(i.probes?.subzones ?? []).map((p) => p.cut)].map((c) => c.toLowerCase()))].sort();
    for (const cut of cuts) {
      const owner = wire(cut);
      const oldDs = ref.rrsets.get(rrsetKey(owner, 1, T.DS));
      if (!oldDs) continue; // no DS today: nothing the move can lose
      const keys = i.probes?.subzones.find((p) => p.cut === cut)?.dnskeys ?? [];
      const leadsToKey = (rdatas: readonly Uint8Array[]) => (keys.length ? rdatas.some((d) => keys.some((k) => dsMatches(d, k, owner))) : false);
      const same = (rdatas: readonly Uint8Array[]) => rdatas.length === oldDs.rdatas.length && rdatas.every((d, n) => Buffer.from(d).equals(Buffer.from(oldDs.rdatas[n])));
      const problems: string[] = [];
      const evidence: EvidenceRef[] = [...oldDs.evidence];
      for (const [label, v] of [["the export(s)", i.views.allSources], ["the new operator", i.views.newRef]] as const) {
        if (!v) continue;
        const ds = v.rrsets.get(rrsetKey(owner, 1, T.DS));
        if (!ds) {
          if (v.kind === "source" || v.asked(owner, T.DS)) problems.push(`${label} ${label.endsWith("(s)") ? "have" : "has"} no DS for ${cut}`);
          continue;
        }
        evidence.push(...ds.evidence);
        if (same(ds.rdatas) || leadsToKey(ds.rdatas)) continue;
        problems.push(`${label} ${label.endsWith("(s)") ? "carry" : "carries"} DS {${ds.texts.join(" / ")}}, which ${keys.length ? "matches none of the child's keys" : "differs from today's"}`);
      }
      if (problems.length === 0) continue;
      const signed = keys.length ? ` The child is signed (DNSKEY tag(s) ${keys.map(keyTag).join(", ")} at its servers).` : "";
      emit({
        subject: cut,
        message: `The parent side of ${cut} carries DS {${oldDs.texts.join(" / ")}} today, but ${problems.join("; ")}.${signed} After the move validating resolvers treat ${cut} as insecure (DS missing) or bogus (DS wrong): the chain of trust to the child breaks.`,
        remediation: `Copy \`${cut} ${oldDs.ttl} IN DS ${oldDs.texts.join(" / ")}\` to the zone the new operator loads, exactly as today (RFC 4035 §2.4).`,
        evidence: [...evidence, ...(i.probes?.subzones.find((p) => p.cut === cut)?.dnskeyAnswers ?? []).slice(0, 2).map((a) => fact(answerText(a)))],
      });
    }
  },
};
