/**
 * SVC-XFR-PATH: the zone-transfer path that keeps copies in sync (RFC 5936
 * AXFR, RFC 1996 NOTIFY). Equal serials among one operator's servers are
 * DEL-SOA-SERIAL; here: when the new operator is fed by transfer from the
 * old primary, its serial must have caught up, and what the transfer
 * answers from this checker's address shows.
 */
import { axfrOutcomeText, axfrShort } from "../dns/axfr-outcome";
import { serverLabel } from "../diff/zone-view";
import { fact, summaryEvidence } from "./evidence";
import type { CheckDef } from "./types";

export const xfrPath: CheckDef = {
  id: "SVC-XFR-PATH",
  family: "SVC",
  severity: "blocker",
  title: "Zone transfers feed every secondary",
  run(i, emit) {
    if (!i.old) return;
    const primaryName = i.old.servers.find((s) => s.soaMname)?.soaMname?.toLowerCase() ?? null;
    const primary = i.old.servers.filter((s) => s.authoritative && s.name.toLowerCase() === primaryName);
    const oldSerial = Math.max(
      ...i.old.servers.filter((s) => s.authoritative && s.soaSerial !== null).map((s) => s.soaSerial!),
      -1,
    );
    const axfrs = [...i.old.servers, ...(i.neu?.servers ?? [])].filter(
      (s) => s.authoritative && s.axfr !== "not-tried",
    );
    if (axfrs.length)
      emit({
        severity: "info",
        subject: `${i.zone} AXFR`,
        message: `AXFR from this checker: ${axfrs.map((s) => `${serverLabel(s)} ${axfrShort(s)}`).join("; ")}.`,
        remediation:
          "Transfers should be limited to the secondaries (ACL and TSIG, RFC 5936 §6); a refusal here says nothing about the new operator's address.",
        evidence: axfrs.map((s) => fact(axfrOutcomeText(s))),
      });
    if (i.facts.newOperatorFeed !== "axfr" || !i.neu) return;
    if (primary.length === 0)
      emit({
        severity: "warning",
        subject: `${i.zone} primary`,
        message: `The new operator is to transfer the zone from the old primary${primaryName ? ` ${primaryName}` : ""}, which is not among the servers answering here (hidden primary or down): the path cannot be seen.`,
        remediation:
          "Confirm with the old operator that the new operator's transfer address is allowed (ACL/TSIG) and that NOTIFY is sent to it.",
        evidence: [],
      });
    for (const s of i.neu.servers.filter((x) => x.authoritative)) {
      if (s.soaSerial === oldSerial) {
        emit({
          severity: "info",
          subject: serverLabel(s),
          message: `${serverLabel(s)} (new, fed by AXFR) serves serial ${s.soaSerial}, the same as the old servers: the transfer path works.`,
          remediation: "Change a record at the primary before the window and see the serial follow (NOTIFY, RFC 1996).",
          evidence: summaryEvidence(i.neu, s, "new"),
        });
        continue;
      }
      emit({
        subject: serverLabel(s),
        message: `${serverLabel(s)} is to be fed by zone transfer from the old primary but serves serial ${s.soaSerial ?? "none"} while the old servers serve ${oldSerial}: the transfer (ACL for its address, TSIG key, NOTIFY) is not working.`,
        remediation: `Allow AXFR from the new operator's transfer address at ${primaryName ?? "the primary"} (with TSIG), add it to also-notify, and re-run until the serials match.`,
        evidence: [
          ...summaryEvidence(i.neu, s, "new"),
          ...primary.flatMap((p) => summaryEvidence(i.old!, p, "old")).slice(0, 2),
        ],
      });
    }
  },
};
