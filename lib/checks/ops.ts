/** OPS: the process around the move (DESIGN §6). */
import { serverLabel } from "../diff/zone-view";
import { formatDuration } from "../schedule/duration";
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
  id: "OPS-HOSTING-ANSWER",
  family: "OPS",
  severity: "blocker",
  title: '"Does DNS hosting move?" is answered',
  run(i, emit) {
    if (i.facts.dnsHostingMoves !== null) return;
    emit({
      subject: i.zone,
      message:
        "Nobody has answered whether DNS hosting moves with the domain; the checks for the new operator cannot be judged.",
      remediation: "Answer yes or no explicitly (--dns-hosting-moves yes|no).",
      evidence: [],
    });
  },
};

const nsPlan: CheckDef = {
  id: "OPS-NS-PLAN",
  family: "OPS",
  severity: "blocker",
  title: "Planned NS consistent with the hosting answer",
  run(i, emit) {
    const planned = plannedNs(i);
    const today = todaysNs(i);
    if (planned.length === 0 || today.length === 0) return;
    const same = planned.join(" ") === today.join(" ");
    if (i.facts.dnsHostingMoves === false && !same)
      emit({
        subject: i.zone,
        message: `DNS hosting is declared not to move, but the planned NS {${planned.join(", ")}} differ from today's {${today.join(", ")}}.`,
        remediation:
          "Either keep today's NS at the gaining registrar, or answer that DNS hosting moves and validate the new operator.",
        evidence: [fact(`planned: ${planned.join(" ")}`), fact(`today: ${today.join(" ")}`)],
      });
    if (i.facts.dnsHostingMoves === true && same)
      emit({
        severity: "warning",
        subject: i.zone,
        message: `DNS hosting is declared to move, but the planned NS equal today's {${today.join(", ")}}.`,
        remediation: "Give the new operator's name servers (--new-ns), or answer that hosting does not move.",
        evidence: [fact(`planned = today: ${today.join(" ")}`)],
      });
  },
};

const newServing: CheckDef = {
  id: "OPS-NEW-NOT-SERVING",
  family: "OPS",
  severity: "blocker",
  title: "The new operator serves the zone when DNS hosting moves",
  run(i, emit) {
    if (i.facts.dnsHostingMoves !== true) return;
    if (!i.neu || i.neu.servers.length === 0) {
      emit({
        subject: i.zone,
        message:
          "DNS hosting moves, but no server of the new operator was given, so nothing shows it will serve the zone.",
        remediation:
          "Give the new operator's servers (--new-ns NAME=ADDR) and load the zone there before the transfer.",
        evidence: [],
      });
      return;
    }
    for (const s of i.neu.servers.filter((x) => !x.authoritative)) {
      emit({
        subject: serverLabel(s),
        message: `DNS hosting moves, but ${serverLabel(s)} does not serve ${i.zone}: ${s.error ?? "no authoritative SOA"}. After the transfer the domain would not resolve.`,
        remediation: `Create the zone ${i.zone} at the new operator with the complete data, then re-run.`,
        evidence: summaryEvidence(i.neu, s, "new"),
      });
    }
    const ref = i.views.newRef;
    // "Empty" only from questions asked: old RRsets the new side never answered are unknown.
    const askedThere = i.views.oldRef
      ? [...i.views.oldRef.rrsets.values()].filter((s) => ref?.asked(s.owner, s.type)).length
      : 0;
    if (ref && ref.rrsets.size <= 2 && askedThere > 2)
      emit({
        subject: i.zone,
        message: `The new operator serves ${i.zone} with only ${ref.rrsets.size} RRsets (SOA/NS) against ${i.views.oldRef!.rrsets.size} at the old servers: the zone there is empty.`,
        remediation: "Load the complete zone at the new operator.",
        evidence: ref.rrsets.size ? [...ref.rrsets.values()][0].evidence : [],
      });
  },
};

const contacts: CheckDef = {
  id: "OPS-CONTACTS",
  family: "OPS",
  severity: "warning",
  title: "Contacts and escalation for every party",
  run(i, emit) {
    const list = i.facts.contacts ?? [];
    const off = list.filter((c) => c.onCall === false);
    const unreachable = i.facts.partiesWithoutContact ?? [];
    if (off.length > 0 || unreachable.length > 0) {
      // One finding per zone (its key is the subject): both gaps in one message.
      const message = [
        off.length ? `Not on call through the window: ${off.map((c) => `${c.name} (${c.party})`).join(", ")}.` : "",
        unreachable.length ? `No named contact and escalation channel for: ${unreachable.join(", ")}.` : "",
      ]
        .filter(Boolean)
        .join(" ");
      const evidence = [
        ...off.map((c) => fact(`${c.party}: ${c.name} via ${c.channel}, not on call`)),
        ...unreachable.map((p) => fact(`${p}: no contact or escalation channel`)),
      ];
      emit({
        subject: i.zone,
        message,
        remediation: "Name someone on call, with an escalation channel, for each of these parties.",
        evidence,
      });
      return;
    }
    if (i.facts.contactsConfirmed || list.length > 0) return;
    emit({
      subject: i.zone,
      message:
        "Contacts and an escalation channel for every party (both registrars, both DNS operators, the domain's owners), on call through the window, are not confirmed.",
      remediation: "Record the contacts (party, name, channel) and confirm each party is reachable during the window.",
      evidence: [],
    });
  },
};

const monitoring: CheckDef = {
  id: "OPS-MONITORING",
  family: "OPS",
  severity: "warning",
  title: "Monitoring planned",
  run(i, emit) {
    if (i.facts.monitoringPlanned || i.facts.monitoring) return;
    emit({
      subject: i.zone,
      message:
        "No monitoring is planned for the window (resolution from several networks, mail flow, certificate renewals).",
      remediation: "Plan who watches what during and after the switch.",
      evidence: [],
    });
  },
};

const rollback: CheckDef = {
  id: "OPS-ROLLBACK",
  family: "OPS",
  severity: "warning",
  title: "Rollback documented with real TTLs",
  run(i, emit) {
    const t = timingFor(i);
    const r = i.facts.rollback;
    if (r) {
      // A rollback reaches resolvers only when the new NS expire from caches: the measured parent NS TTL (DESIGN §7).
      if (r.assumedSeconds >= t.rollbackSeconds) return;
      emit({
        subject: i.zone,
        message: `The documented rollback assumes ${formatDuration(r.assumedSeconds)} until everyone is back, but with the measured TTLs it takes ${formatDuration(t.rollbackSeconds)} (${t.explanation[0]}, plus margin).`,
        remediation: `Correct the rollback document to ${t.rollbackSeconds} s and plan the old operator's availability for that long.`,
        evidence: [fact(`rollback assumes ${r.assumedSeconds} s`), ...t.explanation.map(fact)],
      });
      return;
    }
    if (i.facts.rollbackDocumented) return;
    emit({
      subject: i.zone,
      message: `No rollback is documented. With the measured TTLs a rollback reaches everyone only after ${formatDuration(t.rollbackSeconds)} (the parent NS TTL plus margin).`,
      remediation:
        "Document the rollback: who restores the old NS at the registrar, and how long caches keep the new ones.",
      evidence: [],
    });
  },
};

const oldKept: CheckDef = {
  id: "OPS-OLD-ZONE-KEPT",
  family: "OPS",
  severity: "warning",
  title: "Old zone kept through the overlap",
  run(i, emit) {
    const t = timingFor(i);
    const until = i.facts.oldZoneKeptUntil;
    if (until) {
      const start = i.facts.window ? Date.parse(i.facts.window.end) : i.now.getTime();
      const needed = start + t.minOverlapSeconds * 1000;
      if (Date.parse(until) >= needed) return;
      emit({
        subject: i.zone,
        message: `The old zone is kept until ${until}, but the overlap needs it until at least ${new Date(needed).toISOString()} (${formatDuration(t.minOverlapSeconds)} after ${i.facts.window ? "the window ends" : "now"}).`,
        remediation: `Keep the old zone and account until ${new Date(needed).toISOString()}.`,
        evidence: t.explanation.map(fact),
      });
      return;
    }
    if (i.facts.oldZoneKept) return;
    emit({
      subject: i.zone,
      message: `Nobody confirmed that the old operator keeps serving the zone for ${formatDuration(t.minOverlapSeconds)} after the switch.`,
      remediation: `Keep the old zone and account until ${formatDuration(t.minOverlapSeconds)} after the parent publishes the new NS.`,
      evidence: [],
    });
  },
};

const weekend: CheckDef = {
  id: "OPS-WINDOW-WEEKEND",
  family: "OPS",
  severity: "warning",
  title: "Window not on a weekend unless contacts confirmed",
  run(i, emit) {
    const w = i.facts.window;
    if (!w || i.facts.contactsConfirmed) return;
    const d = new Date(w.start).getUTCDay();
    if (d === 0 || d === 6)
      emit({
        subject: `window ${w.start}`,
        message: `The window starts on a ${d === 0 ? "Sunday" : "Saturday"} (UTC) and contacts are not confirmed for it.`,
        remediation: "Move the window to a working day or confirm every party's on-call contact.",
        evidence: [fact(`window ${w.start} – ${w.end}`)],
      });
  },
};

export const OPS_CHECKS: CheckDef[] = [answer, nsPlan, newServing, contacts, weekend, monitoring, rollback, oldKept];
