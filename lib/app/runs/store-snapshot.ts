/**
 * A snapshot's evidence written as rows, a bounded batch at a time: one row
 * per answer (the message bytes as received, lib/dns live-answer.ts), one per
 * zone-transfer message, and a summary without either. Called as soon as a
 * snapshot ends, so a run stopped later (cancel, cap, failure) keeps what it
 * measured, its plan per priority class included.
 */
import { createHash } from "node:crypto";
import type { Db } from "../../db/client";
import { clearRunSide, EVIDENCE_BATCH, insertRunAnswers, insertTransferMessages, saveRunSnapshot, type RunAnswerRow, type Side } from "../../db/run-evidence";
import { LiveAnswer } from "../../dns/live-answer";
import type { Snapshot } from "../../dns/run-snapshot";
import { recordJson } from "../../dns/snapshot-json";
import type { ServerAnswer } from "../../dns/types";
import { nameToText } from "../../zone/name";
import { typeToText } from "../../zone/rrtype";

const safeType = (t: number) => {
  try {
    return typeToText(t);
  } catch {
    return `TYPE${t}`;
  }
};

/** What the run page and the digest keep of a snapshot: everything but its answers and transfer contents. */
export function snapshotSummary(s: Snapshot) {
  return {
    zone: s.zone,
    startedAt: s.startedAt,
    finishedAt: s.finishedAt,
    mode: s.mode,
    delegation: s.delegation && { ...s.delegation, ns: s.delegation.ns.map(recordJson), glue: s.delegation.glue.map(recordJson), ds: s.delegation.ds.map(recordJson), answers: s.delegation.answers.length },
    servers: s.servers,
    names: s.names.length,
    zoneCuts: s.zoneCuts,
    wildcard: s.wildcard,
    axfr: s.axfr.map((x) => ({ server: x.server, zone: nameToText(x.zone), records: x.count ?? x.records.length, messages: x.messages, bytes: x.bytes, elapsedMs: x.elapsedMs, rcode: x.rcode, tsig: x.tsig, error: x.error, timestamp: x.timestamp })),
    sentTo: s.sentTo,
    counts: s.counts,
    incomplete: s.incomplete ?? null,
    plan: s.plan,
  };
}

export type SnapshotSummary = ReturnType<typeof snapshotSummary>;

/** One answer as a row: its facts as JSON, its message as bytes (records only when it has no message). */
export function answerRow(seq: number, a: ServerAnswer): RunAnswerRow {
  const meta = {
    server: a.server,
    transport: a.transport,
    question: { name: nameToText(a.question.name), type: safeType(a.question.type), class: a.question.class },
    rcode: a.rcode,
    flags: a.flags,
    edns: a.edns,
    elapsedMs: a.elapsedMs,
    attempts: a.attempts,
    mismatches: a.mismatches,
    error: a.error,
    timestamp: a.timestamp,
  };
  const wire = a instanceof LiveAnswer ? a.raw : null;
  const records = wire ? null : a.records;
  return { seq, metaJson: JSON.stringify(meta), wire, recordsJson: records && records.length ? JSON.stringify(records.map(recordJson)) : null };
}

export interface StoredSnapshotDigest {
  answers: number;
  answersSha256: string;
  summary: SnapshotSummary;
}

export async function storeSnapshot(runId: string, side: Side, s: Snapshot, db?: Db): Promise<StoredSnapshotDigest> {
  await clearRunSide(runId, side, db);
  const hash = createHash("sha256");
  let batch: RunAnswerRow[] = [];
  for (let i = 0; i < s.answers.length; i++) {
    const row = answerRow(i, s.answers[i]);
    hash.update(row.metaJson).update("\n");
    if (row.wire) hash.update(row.wire);
    if (row.recordsJson) hash.update(row.recordsJson);
    batch.push(row);
    if (batch.length >= EVIDENCE_BATCH) {
      await insertRunAnswers(runId, side, batch, db);
      batch = [];
    }
  }
  await insertRunAnswers(runId, side, batch, db);
  let frames: { transfer: number; seq: number; wire: Uint8Array }[] = [];
  for (let t = 0; t < s.axfr.length; t++) {
    const fs = s.axfr[t].frames ?? [];
    for (let k = 0; k < fs.length; k++) {
      hash.update(fs[k]);
      frames.push({ transfer: t, seq: k, wire: fs[k] });
      if (frames.length >= EVIDENCE_BATCH / 5) {
        await insertTransferMessages(runId, side, frames, db);
        frames = [];
      }
    }
  }
  await insertTransferMessages(runId, side, frames, db);
  const summary = snapshotSummary(s);
  const digest = { answers: s.answers.length, answersSha256: hash.digest("hex"), summary };
  await saveRunSnapshot(runId, { side, summaryJson: JSON.stringify(summary), answers: digest.answers, answersSha256: digest.answersSha256 }, db);
  return digest;
}
