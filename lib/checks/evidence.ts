/** Evidence references shared by the check families. */
import { rcodeName } from "../dns/rcode";
import type { ServerSummary, Snapshot } from "../dns/run-snapshot";
import type { ServerAnswer } from "../dns/types";
import { serverLabel } from "../diff/zone-view";
import type { DiffEntry } from "../diff/types";
import { nameToText } from "../zone/name";
import { rdataToText } from "../zone/rdata";
import { typeToText } from "../zone/rrtype";
import type { EvidenceRef } from "./types";

/** One answer as a dig-like line: server, question, status, flags, answer records. */
export function answerText(a: ServerAnswer): string {
  const head = `${serverLabel(a.server)} ${a.transport.toUpperCase()} ${nameToText(a.question.name)} ${typeToText(a.question.type)}`;
  if (a.error) return `${head}: ${a.error.kind} (${a.error.message})`;
  const flags = a.flags
    ? Object.entries(a.flags)
        .filter(([, v]) => v)
        .map(([k]) => k)
        .join(" ")
    : "";
  const recs = a.records
    .filter((r) => r.section === "answer")
    .map((r) => `${nameToText(r.owner)} ${r.ttl} IN ${typeToText(r.type)} ${rdataToText(r.type, r.rdata)}`);
  return `${head}: status ${rcodeName(a.rcode ?? -1) ?? a.rcode} flags [${flags}]${recs.length ? " " + recs.join(" / ") : ""}`;
}

/** Evidence for the summary queries (SOA/NS) of one server address. */
export function summaryEvidence(snap: Snapshot, s: ServerSummary, which: "old" | "new"): EvidenceRef[] {
  const out: EvidenceRef[] = [];
  snap.answers.forEach((a, i) => {
    if (a.server.address !== s.address || a.server.port !== s.port || a.server.name !== s.name) return;
    if (nameToText(a.question.name).toLowerCase() !== snap.zone || (a.question.type !== 6 && a.question.type !== 2))
      return;
    out.push({ kind: "answer", snapshot: which, answer: i, server: serverLabel(s), text: answerText(a) });
  });
  return out;
}

export function entryEvidence(e: DiffEntry): EvidenceRef[] {
  return [...(e.here?.evidence ?? []), ...(e.there?.evidence ?? [])];
}

export const fact = (text: string): EvidenceRef => ({ kind: "fact", text });
