/**
 * JSON form of a snapshot: names as presentation text, RDATA as hex plus
 * presentation text (RFC 3597 generic form when the rdata module cannot
 * render it). Nothing here ever holds a TSIG secret.
 */
import { rdataToText } from "../zone/rdata";
import { typeToText } from "../zone/rrtype";
import { nameToText } from "../zone/name";
import type { Snapshot } from "./run-snapshot";
import type { EvidenceRecord, ServerAnswer } from "./types";

const hex = (b: Uint8Array) => Buffer.from(b).toString("hex");

function safeText(type: number, rdata: Uint8Array): string {
  try {
    return rdataToText(type, rdata);
  } catch {
    return `\\# ${rdata.length}${rdata.length ? " " + hex(rdata) : ""}`;
  }
}

function safeType(t: number): string {
  try {
    return typeToText(t);
  } catch {
    return `TYPE${t}`;
  }
}

export function recordJson(r: EvidenceRecord) {
  return {
    section: r.section,
    owner: nameToText(r.owner),
    ttl: r.ttl,
    class: r.class,
    type: safeType(r.type),
    rdata: hex(r.rdata),
    text: safeText(r.type, r.rdata),
  };
}

export function answerJson(a: ServerAnswer) {
  return {
    ...a,
    question: { name: nameToText(a.question.name), type: safeType(a.question.type), class: a.question.class },
    records: a.records.map(recordJson),
  };
}

export function snapshotToJson(s: Snapshot): unknown {
  return {
    ...s,
    delegation: s.delegation && {
      ...s.delegation,
      ns: s.delegation.ns.map(recordJson),
      glue: s.delegation.glue.map(recordJson),
      ds: s.delegation.ds.map(recordJson),
      answers: s.delegation.answers.length,
    },
    answers: s.answers.map(answerJson),
    axfr: s.axfr.map((x) => ({ ...x, zone: nameToText(x.zone), records: x.records.map(recordJson) })),
  };
}
