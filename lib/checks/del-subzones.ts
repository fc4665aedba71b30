/** DEL-LAME-SUBZONE: every name server of every subzone cut answers the subzone's SOA with AA (RFC 1034 §4.2.2). */
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
