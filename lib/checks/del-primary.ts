/**
 * The hidden primary (SOA MNAME not among the NS), judged from the probe
 * that asked it directly (probes/primary.ts). Secondaries keep answering
 * without it only until their SOA EXPIRE runs out (RFC 1035 §3.3.13), and a
 * new operator that transfers the zone from it gets nothing while it is down.
 */
import { answerText, fact } from "./evidence";
import { formatDuration } from "../schedule/duration";
import { timingFor } from "./timing";
import type { CheckInput, EvidenceRef, Severity } from "./types";
import type { PrimaryProbe } from "./probes/types";
import type { Emit } from "./types";

const iso = (ms: number) => new Date(ms).toISOString().replace(/\.\d{3}Z$/, "Z");

/** When the old servers may be retired: the stated date, else the overlap after the window (or now). */
function overlapEndMs(i: CheckInput): number {
  if (i.facts.oldZoneKeptUntil) return Date.parse(i.facts.oldZoneKeptUntil);
  const from = i.facts.window ? Date.parse(i.facts.window.end) : i.now.getTime();
  return from + timingFor(i).minOverlapSeconds * 1000;
}

function evidenceOf(p: PrimaryProbe): EvidenceRef[] {
  return [
    fact(`SOA MNAME ${p.mname} is not among the NS`),
    ...p.lookups
      .filter((a) => a.rcode !== null || a.error)
      .slice(-2)
      .map((a) => fact(answerText(a))),
    ...p.servers.flatMap((s) => [fact(answerText(s.udp)), fact(answerText(s.tcp))]),
  ];
}

/** DEL-PRIMARY-UNREACHABLE for a hidden primary (the check's own id, one subject per address). */
export function hiddenPrimaryUnreachable(i: CheckInput, emit: Emit): void {
  const p = i.probes?.primary;
  if (!p || p.addresses.length === 0) return;
  const down = p.servers.filter((s) => s.serial === null);
  if (down.length === 0) return;
  const stopMs = p.expire !== null ? i.now.getTime() + p.expire * 1000 : null;
  const endMs = overlapEndMs(i);
  const axfr = i.facts.newOperatorFeed === "axfr";
  const expiresFirst = stopMs !== null && stopMs < endMs;
  const severity: Severity = axfr || expiresFirst ? "blocker" : "warning";
  const why = axfr
    ? ` The new operator is to transfer the zone from it (AXFR), so it gets nothing while ${p.mname} does not answer.`
    : expiresFirst
      ? ` The secondaries' SOA EXPIRE (${p.expire} s, ${formatDuration(p.expire!)}) runs out ${iso(stopMs!)}, before the overlap ends ${iso(endMs)}: the old servers stop answering while resolvers still use them.`
      : "";
  for (const s of down) {
    emit({
      severity,
      subject: `${p.mname} ${s.address}`,
      message:
        `The primary named in the SOA MNAME, ${p.mname}, is not among the NS (a hidden primary) and does not answer SOA for ${i.zone} at ${s.address}: ${s.problem}.${why}` +
        (severity === "warning" && stopMs !== null
          ? ` If it is firewalled on purpose, acknowledge; if it is down, updates are blocked and the secondaries stop answering at ${iso(stopMs)} at the latest (SOA EXPIRE ${formatDuration(p.expire!)}).`
          : ""),
      remediation: axfr
        ? `Make ${p.mname} (${p.addresses.join(", ")}) answer the new operator's transfer, or load the zone at the new operator from a copy instead of AXFR.`
        : `Confirm ${p.mname} is up and only filtered from outside (acknowledge), or bring it back before the window; a secondary can be promoted and the SOA MNAME changed.`,
      evidence: evidenceOf(p),
    });
  }
}

/** DEL-PRIMARY-SERIAL: the hidden primary serves another serial than the NS. */
export function hiddenPrimarySerial(i: CheckInput, emit: Emit): void {
  const p = i.probes?.primary;
  if (!p || p.nsSerial === null) return;
  for (const s of p.servers.filter((x) => x.serial !== null && x.serial !== p.nsSerial)) {
    const ahead = (s.serial! - p.nsSerial) >>> 0 < 0x80000000; // RFC 1982 serial arithmetic
    emit({
      subject: `${p.mname} ${s.address}`,
      message: `The hidden primary ${p.mname} (${s.address}) serves serial ${s.serial} while the NS serve ${p.nsSerial}: ${ahead ? "changes made on the primary have not reached the secondaries (NOTIFY/transfer broken), and a copy taken from the NS misses them" : "the primary is behind its own secondaries (a restored or wrong primary)"}.`,
      remediation: ahead
        ? `Repair transfers from ${p.mname} to the NS and check that they reach serial ${s.serial} before copying the zone.`
        : `Find out which copy is current before the move; the NS are ahead of ${p.mname}.`,
      evidence: evidenceOf(p),
    });
  }
}

/** DEL-PRIMARY-UNRESOLVED: the MNAME has no address at all. */
export function hiddenPrimaryUnresolved(i: CheckInput, emit: Emit): void {
  const p = i.probes?.primary;
  if (!p || p.addresses.length > 0 || !p.resolveProblem) return;
  const axfr = i.facts.newOperatorFeed === "axfr";
  emit({
    severity: axfr ? "blocker" : "warning",
    subject: p.mname,
    message: `The SOA MNAME ${p.mname} is not among the NS and does not resolve: ${p.resolveProblem}.${axfr ? " The new operator is to transfer the zone from the primary, and it cannot be found." : " NOTIFY and dynamic updates (RFC 2136 §4) are sent to the MNAME, so they go nowhere; if the primary is known only internally, acknowledge."}`,
    remediation: axfr
      ? "Give the new operator the primary's real address for the transfer, or load a copy instead."
      : `Set the SOA MNAME to the real primary (or to one of the NS) at the new operator.`,
    evidence: evidenceOf(p),
  });
}
