/** DEL: delegation health (DESIGN §6). */
import { isIP } from "node:net";
import type { ServerSummary, Snapshot } from "../dns/run-snapshot";
import { serverLabel } from "../diff/zone-view";
import { answerText, fact, summaryEvidence } from "./evidence";
import type { CheckDef, CheckInput } from "./types";
import { childDs, childGlue, lameSubzone } from "./del-subzones";
import { PLANNED_CHECKS } from "./del-planned";
import { hiddenPrimarySerial, hiddenPrimaryUnreachable, hiddenPrimaryUnresolved } from "./del-primary";
import { nameToText } from "../zone/name";

const label = (s: ServerSummary) => serverLabel(s);

function reachableServers(snap: Snapshot | null): ServerSummary[] {
  return snap ? snap.servers.filter((s) => s.authoritative) : [];
}

/** The network a server sits on, coarse enough to mean "another operator network" (/24 IPv4, /48 IPv6). */
export function networkOf(address: string): string {
  if (isIP(address) === 4) return address.split(".").slice(0, 3).join(".") + ".0/24";
  if (isIP(address) === 6) {
    const full = expandV6(address);
    return full.split(":").slice(0, 3).join(":") + "::/48";
  }
  return address;
}

function expandV6(a: string): string {
  const [head, tail = ""] = a.split("::");
  const h = head ? head.split(":") : [];
  const t = tail ? tail.split(":") : [];
  const fill = a.includes("::") ? Array(8 - h.length - t.length).fill("0") : [];
  return [...h, ...fill, ...t].map((x) => x.padStart(4, "0")).join(":");
}

const noServers: CheckDef = {
  id: "DEL-NO-SERVERS",
  family: "DEL",
  severity: "blocker",
  title: "The zone's servers can be found",
  run(i, emit) {
    if (!i.old) return;
    if (i.old.servers.length === 0) {
      emit({
        subject: i.zone,
        message: `No authoritative server for ${i.zone} was found${i.old.delegation?.problem ? `: ${i.old.delegation.problem}` : ""}.`,
        remediation: "Check the delegation at the parent, or give the old servers explicitly (--ns NAME=ADDR).",
        evidence: [fact(i.old.delegation?.problem ?? "no servers")],
      });
    }
  },
};

const unreachable: CheckDef = {
  id: "DEL-SERVER-UNREACHABLE",
  family: "DEL",
  severity: "blocker",
  title: "Every NS on every address answers SOA with AA",
  run(i, emit) {
    for (const [snap, which] of [
      [i.old, "old"],
      [i.neu, "new"],
    ] as const) {
      if (!snap) continue;
      for (const s of snap.servers) {
        if (s.authoritative) continue;
        emit({
          subject: label(s),
          message: `${label(s)} (${which} operator) does not answer SOA for ${snap.zone} authoritatively: ${s.error ?? "no answer"}.`,
          remediation:
            "Fix or remove this server before the move: resolvers that pick it get timeouts or lame answers.",
          evidence: summaryEvidence(snap, s, which),
        });
      }
    }
  },
};

const soaSerial: CheckDef = {
  id: "DEL-SOA-SERIAL",
  family: "DEL",
  severity: "blocker",
  title: "All servers serve the same SOA serial",
  run(i, emit) {
    for (const [snap, which] of [
      [i.old, "old"],
      [i.neu, "new"],
    ] as const) {
      const up = reachableServers(snap).filter((s) => s.soaSerial !== null);
      const serials = [...new Set(up.map((s) => s.soaSerial!))];
      if (!snap || serials.length < 2) continue;
      const max = Math.max(...serials);
      for (const s of up.filter((x) => x.soaSerial !== max)) {
        emit({
          subject: label(s),
          message: `${label(s)} serves serial ${s.soaSerial} while ${up
            .filter((x) => x.soaSerial === max)
            .map(label)
            .join(", ")} serve ${max}: ${s.name} is stale (${which} operator).`,
          remediation: `Repair zone transfer to ${s.name} (NOTIFY/AXFR from the primary, TSIG, ACL) and check that its serial reaches ${max}.`,
          evidence: up
            .flatMap((x) => summaryEvidence(snap, x, which).filter((e) => e.text.includes(" SOA")))
            .slice(0, 8),
        });
      }
    }
  },
};

const primary: CheckDef = {
  id: "DEL-PRIMARY-UNREACHABLE",
  family: "DEL",
  severity: "blocker",
  title: "The primary (SOA MNAME) answers",
  run(i, emit) {
    if (!i.old) return;
    const mname = i.old.servers.find((s) => s.soaMname)?.soaMname?.toLowerCase();
    if (!mname) return;
    const primaries = i.old.servers.filter((s) => s.name.toLowerCase() === mname);
    if (primaries.length === 0) return hiddenPrimaryUnreachable(i, emit); // hidden primary: the probe asked it directly
    for (const p of primaries.filter((s) => !s.authoritative)) {
      emit({
        subject: label(p),
        message: `The primary named in the SOA MNAME, ${mname}, does not answer at ${p.address}: ${p.error ?? "no answer"}. Secondaries stop serving when their EXPIRE runs out and no changes reach them.`,
        remediation: `Bring ${mname} back (or promote a secondary and update the SOA MNAME) before any change to the zone.`,
        evidence: summaryEvidence(i.old, p, "old"),
      });
    }
  },
};

const primarySerial: CheckDef = {
  id: "DEL-PRIMARY-SERIAL",
  family: "DEL",
  severity: "warning",
  title: "A hidden primary serves the serial its NS serve",
  run: hiddenPrimarySerial,
};

const primaryUnresolved: CheckDef = {
  id: "DEL-PRIMARY-UNRESOLVED",
  family: "DEL",
  severity: "warning",
  title: "A hidden primary's name resolves",
  run: hiddenPrimaryUnresolved,
};

const nsCount: CheckDef = {
  id: "DEL-NS-DIVERSITY",
  family: "DEL",
  severity: "warning",
  title: "At least two NS on distinct networks",
  run(i, emit) {
    for (const [snap, which] of [
      [i.old, "old"],
      [i.neu, "new"],
    ] as const) {
      if (!snap || snap.servers.length === 0) continue;
      const names = [...new Set(snap.servers.map((s) => s.name.toLowerCase()))];
      const nets = [...new Set(snap.servers.filter((s) => s.address).map((s) => networkOf(s.address)))];
      if (names.length < 2)
        emit({
          subject: `${which} NS`,
          message: `The ${which} operator has ${names.length} name server (${names.join(", ")}); RFC 1034 §4.1 asks for at least two.`,
          remediation: "Add a second name server on another network.",
          evidence: [fact(`NS: ${names.join(" ")}`)],
        });
      else if (nets.length < 2)
        emit({
          subject: `${which} NS`,
          message: `All ${which} name servers sit on one network (${nets.join(", ")}): one outage takes the zone down.`,
          remediation: "Put at least one name server on a different network (RFC 2182 §3.1).",
          evidence: [fact(snap.servers.map((s) => `${s.name} ${s.address}`).join(", "))],
        });
    }
  },
};

const parentChild: CheckDef = {
  id: "DEL-PARENT-CHILD-NS",
  family: "DEL",
  severity: "warning",
  title: "Parent NS set equals child NS set",
  run(i, emit) {
    const pc = i.diff.parentChild;
    if (!pc) return;
    for (const m of pc.nsMismatch) {
      emit({
        subject: m.server,
        message: `The parent delegates to {${pc.parentNs.join(", ")}} but ${m.server} answers NS {${pc.childNs.find((c) => c.server === m.server)?.ns.join(", ")}}${m.onlyParent.length ? `; only at the parent: ${m.onlyParent.join(", ")}` : ""}${m.onlyChild.length ? `; only at the child: ${m.onlyChild.join(", ")}` : ""}.`,
        remediation: "Make the apex NS set and the registrar's delegation identical before the move (RFC 1034 §4.2.2).",
        evidence: [...pc.evidence.slice(0, 4), ...(pc.childNs.find((c) => c.server === m.server)?.evidence ?? [])],
      });
    }
  },
};

const glue: CheckDef = {
  id: "DEL-GLUE",
  family: "DEL",
  severity: "blocker",
  title: "Glue equals the authoritative addresses",
  run(i, emit) {
    const pc = i.diff.parentChild;
    if (!pc) return;
    for (const g of pc.glueMismatch) {
      emit({
        subject: `${g.name} @ ${g.server}`,
        message: `Glue for ${g.name} at the parent is {${g.glue.join(", ")}} but ${g.server} answers {${g.child.join(", ") || "nothing"}}.`,
        remediation: `Update the glue at the registrar (host object ${g.name}) to the addresses the zone publishes.`,
        evidence: pc.evidence,
      });
    }
  },
};

const subzones: CheckDef = {
  id: "DEL-SUBZONE-CUT",
  family: "DEL",
  severity: "blocker",
  title: "Every subzone cut under the old servers exists identically at the new side",
  run(i, emit) {
    const oldRef = i.views.oldRef;
    const cmp = i.diff.oldVsNew;
    if (!oldRef || !cmp) return;
    for (const cut of oldRef.cuts) {
      const e = cmp.entries.find((x) => x.owner === cut && x.type === "NS");
      if (!e || e.explained) continue;
      const nsText = (e.here?.texts ?? []).join(", ");
      emit({
        subject: cut,
        message:
          e.kind === "only-here"
            ? `The old servers delegate ${cut} to {${nsText}}; the new operator has no such delegation, so ${cut} and everything below it stops resolving after the move.`
            : `The delegation of ${cut} differs: old {${nsText}}, new {${(e.there?.texts ?? []).join(", ")}}.`,
        remediation: `Create \`${cut} NS ${e.here?.texts.join(" / ") ?? "…"}\` (and any DS) at the new operator exactly as today.`,
        evidence: [...(e.here?.evidence ?? []), ...(e.there?.evidence ?? [])],
      });
    }
  },
};

const recursion: CheckDef = {
  id: "DEL-OPEN-RECURSION",
  family: "DEL",
  severity: "warning",
  title: "Authoritative servers do not offer recursion",
  run(i, emit) {
    if (i.probes) {
      // The real test: RD=1 for a name outside the zone answered with RA and data (RFC 5358 §4).
      for (const p of i.probes.servers) {
        const a = p.recursion;
        if (!a || a.error || a.rcode !== 0 || !a.flags?.ra || !a.records.some((r) => r.section === "answer")) continue;
        emit({
          subject: p.server,
          message: `${p.server} (${p.which}) resolved ${nameToText(a.question.name)} for us with RD=1 (RA set, ${a.records.filter((r) => r.section === "answer").length} answer record(s)): it is an open resolver — an amplifier for reflection attacks that mixes cached with authoritative data.`,
          remediation:
            "Disable recursion on authoritative servers, or restrict it to the operator's own clients (RFC 5358 §4).",
          evidence: [fact(answerText(a))],
        });
      }
      return;
    }
    for (const [snap, which] of [
      [i.old, "old"],
      [i.neu, "new"],
    ] as const) {
      if (!snap) continue;
      for (const s of snap.servers) {
        const idx = snap.answers.findIndex(
          (a) => a.server.address === s.address && a.server.port === s.port && a.flags?.ra,
        );
        if (idx < 0) continue;
        emit({
          subject: label(s),
          message: `${label(s)} (${which}) sets RA: it offers recursion to anyone, which makes it an amplifier and mixes cached with authoritative data.`,
          remediation: "Disable recursion on authoritative servers (RFC 5358).",
          evidence: [
            { kind: "answer", snapshot: which, answer: idx, server: label(s), text: answerText(snap.answers[idx]) },
          ],
        });
      }
    }
  },
};

const BADVERS = 16;

const transports: CheckDef = {
  id: "DEL-EDNS-TCP",
  family: "DEL",
  severity: "warning",
  title: "EDNS and TCP work at every server",
  run(i, emit) {
    for (const [snap, which] of [
      [i.old, "old"],
      [i.neu, "new"],
    ] as const) {
      if (!snap) continue;
      for (const s of snap.servers.filter((x) => x.authoritative)) {
        const problems: string[] = [];
        const evidence = summaryEvidence(snap, s, which);
        if (!s.tcp) problems.push("no answer over TCP (RFC 7766 §5 requires it; large answers and DNSSEC need it)");
        const udp = snap.answers.find(
          (a) => a.server.address === s.address && a.server.port === s.port && a.transport === "udp" && a.rcode === 0,
        );
        if (udp && !udp.edns) problems.push("no EDNS(0) in UDP answers (RFC 6891)");
        const p = i.probes?.servers.find((x) => x.which === which && x.server === label(s));
        if (p?.ednsVersion) {
          const a = p.ednsVersion;
          if (a.error && a.error.kind !== "refused" && a.error.kind !== "servfail")
            problems.push(
              `no answer to a query with EDNS version 1 (${a.error.kind}); RFC 6891 §6.1.3 requires BADVERS`,
            );
          else if (a.rcode !== BADVERS)
            problems.push(`answers EDNS version 1 with rcode ${a.rcode} instead of BADVERS (RFC 6891 §6.1.3)`);
          else if (a.edns && a.edns.version !== 0)
            problems.push(`BADVERS answer carries EDNS version ${a.edns.version}, not the highest it supports (0)`);
          if (problems.length) evidence.push(fact(answerText(a)));
        }
        if (p?.noEdns) {
          const a = p.noEdns;
          if (a.error || a.rcode !== 0)
            problems.push(
              `a query without EDNS fails (${a.error ? a.error.kind : `rcode ${a.rcode}`}); RFC 6891 §7 requires plain DNS to keep working`,
            );
          else if (a.edns) problems.push("answers a query without EDNS with an OPT record (RFC 6891 §7 forbids it)");
          if (a.error || a.rcode !== 0 || a.edns) evidence.push(fact(answerText(a)));
        }
        if (problems.length === 0) continue;
        emit({
          subject: label(s),
          message: `${label(s)} (${which}): ${problems.join("; ")}.`,
          remediation:
            "Fix the server's TCP and EDNS handling (a firewall dropping TCP/53 or large UDP, or an old middlebox, is the usual cause).",
          evidence,
        });
      }
    }
  },
};

export const DEL_CHECKS: CheckDef[] = [
  noServers,
  unreachable,
  soaSerial,
  primary,
  primarySerial,
  primaryUnresolved,
  nsCount,
  parentChild,
  glue,
  subzones,
  lameSubzone,
  childDs,
  childGlue,
  ...PLANNED_CHECKS,
  recursion,
  transports,
];
export type { CheckInput };
