/** OPS: the process around the move (DESIGN §6). */
import { serverLabel } from "../diff/view";
import { fact, summaryEvidence } from "./evidence";
import { timingFor } from "./timing";
import type { CheckDef, CheckInput } from "./types";

const norm = (ns: string[]) => [...new Set(ns.map((n) => (n.endsWith(".") ? n : n + ".").toLowerCase()))].sort();

function plannedNs(i: CheckInput): string[] {
  if (i.facts.plannedNs && i.facts.plannedNs.length) return norm(i.facts.plannedNs);
  return norm(i.neu?.servers.map((s) => s.name) ?? []);
}

function todaysNs(i: CheckInput): string[] {
  return i.diff.parentChild?.parentNs ?? norm(i.old?.servers.map((s) => s.name) ?? []);
}

const answer: CheckDef = {
  id: "OPS-HOSTING-ANSWER", family: "OPS", severity: "blocker", title: "\"Does DNS hosting move?\" is answered",
  run(i, emit) {
    if (i.facts.dnsHostingMoves !== null) return;
    emit({ subject: i.zone, message: "Nobody has answered whether DNS hosting moves with the domain; the checks for the new operator cannot be judged.", remediation: "Answer yes or no explicitly (--dns-hosting-moves yes|no).", evidence: [] });
  },
};

const nsPlan: CheckDef = {
  id: "OPS-NS-PLAN", family: "OPS", severity: "blocker", title: "Planned NS consistent with the hosting answer",
  run(i, emit) {
    const planned = plannedNs(i);
    const today = todaysNs(i);
    if (planned.length === 0 || today.length === 0) return;
    const same = planned.join(" ") === today.join(" ");
    if (i.facts.dnsHostingMoves === false && !same)
      emit({ subject: i.zone, message: `DNS hosting is declared not to move, but the planned NS {${planned.join(", ")}} differ from today's {${today.join(", ")}}.`, remediation: "Either keep today's NS at the gaining registrar, or answer that DNS hosting moves and validate the new operator.", evidence: [fact(`planned: ${planned.join(" ")}`), fact(`today: ${today.join(" ")}`)] });
    if (i.facts.dnsHostingMoves === true && same)
      emit({ severity: "warning", subject: i.zone, message: `DNS hosting is declared to move, but the planned NS equal today's {${today.join(", ")}}.`, remediation: "Give the new operator's name servers (--new-ns), or answer that hosting does not move.", evidence: [fact(`planned = today: ${today.join(" ")}`)] });
  },
};

const newServing: CheckDef = {
  id: "OPS-NEW-NOT-SERVING", family: "OPS", severity: "blocker", title: "The new operator serves the zone when DNS hosting moves",
  run(i, emit) {
    if (i.facts.dnsHostingMoves !== true) return;
    if (!i.neu || i.neu.servers.length === 0) {
      emit({ subject: i.zone, message: "DNS hosting moves, but no server of the new operator was given, so nothing shows it will serve the zone.", remediation: "Give the new operator's servers (--new-ns NAME=ADDR) and load the zone there before the transfer.", evidence: [] });
      return;
    }
    for (const s of i.neu.servers.filter((x) => !x.authoritative)) {
      emit({ subject: serverLabel(s), message: `DNS hosting moves, but ${serverLabel(s)} does not serve ${i.zone}: ${s.error ?? "no authoritative SOA"}. After the transfer the domain would not resolve.`, remediation: `Create the zone ${i.zone} at the new operator with the complete data, then re-run.`, evidence: summaryEvidence(i.neu, s, "new") });
    }
    const ref = i.views.newRef;
    if (ref && ref.rrsets.size <= 2 && (i.views.oldRef?.rrsets.size ?? 0) > 2)
      emit({ subject: i.zone, message: `The new operator serves ${i.zone} with only ${ref.rrsets.size} RRsets (SOA/NS) against ${i.views.oldRef!.rrsets.size} at the old servers: the zone there is empty.`, remediation: "Load the complete zone at the new operator.", evidence: ref.rrsets.size ? [...ref.rrsets.values()][0].evidence : [] });
  },
};

function factCheck(id: string, title: string, has: (i: CheckInput) => boolean | undefined, message: (i: CheckInput) => string, remediation: (i: CheckInput) => string): CheckDef {
  return {
    id, family: "OPS", severity: "warning", title,
    run(i, emit) {
      if (has(i)) return;
      emit({ subject: i.zone, message: message(i), remediation: remediation(i), evidence: [] });
    },
  };
}

const hours = (s: number) => `${Math.ceil(s / 3600)} h`;

const contacts = factCheck("OPS-CONTACTS", "Contacts and escalation for every party", (i) => i.facts.contactsConfirmed, () => "Contacts and an escalation channel for every party (both registrars, both DNS operators, the domain's owners), on call through the window, are not confirmed.", () => "Record the contacts and confirm each party is reachable during the window.");
const monitoring = factCheck("OPS-MONITORING", "Monitoring planned", (i) => i.facts.monitoringPlanned, () => "No monitoring is planned for the window (resolution from several networks, mail flow, certificate renewals).", () => "Plan who watches what during and after the switch.");
const rollback = factCheck("OPS-ROLLBACK", "Rollback documented with real TTLs", (i) => i.facts.rollbackDocumented, (i) => `No rollback is documented. With the measured TTLs a rollback reaches everyone only after ${hours(timingFor(i).rollbackSeconds)} (the parent NS TTL plus margin).`, () => "Document the rollback: who restores the old NS at the registrar, and how long caches keep the new ones.");
const oldKept = factCheck("OPS-OLD-ZONE-KEPT", "Old zone kept through the overlap", (i) => i.facts.oldZoneKept, (i) => `Nobody confirmed that the old operator keeps serving the zone for ${hours(timingFor(i).minOverlapSeconds)} after the switch.`, (i) => `Keep the old zone and account until ${hours(timingFor(i).minOverlapSeconds)} after the parent publishes the new NS.`);

const weekend: CheckDef = {
  id: "OPS-WINDOW-WEEKEND", family: "OPS", severity: "warning", title: "Window not on a weekend unless contacts confirmed",
  run(i, emit) {
    const w = i.facts.window;
    if (!w || i.facts.contactsConfirmed) return;
    const d = new Date(w.start).getUTCDay();
    if (d === 0 || d === 6) emit({ subject: `window ${w.start}`, message: `The window starts on a ${d === 0 ? "Sunday" : "Saturday"} (UTC) and contacts are not confirmed for it.`, remediation: "Move the window to a working day or confirm every party's on-call contact.", evidence: [fact(`window ${w.start} – ${w.end}`)] });
  },
};

export const OPS_CHECKS: CheckDef[] = [answer, nsPlan, newServing, contacts, weekend, monitoring, rollback, oldKept];
