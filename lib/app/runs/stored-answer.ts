/**
 * A stored answer row decoded for people (dig text): the message bytes are
 * read with the same decoder as at receipt (lib/dns live-answer.ts), so the
 * evidence shown is what the server sent.
 */
import type { RunAnswerRow } from "../../db/run-evidence";
import { evidenceOfRaw } from "../../dns/live-answer";
import { recordJson } from "../../dns/snapshot-json";
import type { StoredAnswer, StoredRecord } from "./dig-text";

export function storedAnswer(row: RunAnswerRow): StoredAnswer {
  const meta = JSON.parse(row.metaJson) as Omit<StoredAnswer, "records">;
  const file = `dns://${meta.server.address.includes(":") ? `[${meta.server.address}]` : meta.server.address}:${meta.server.port}`;
  const records: StoredRecord[] = row.wire ? evidenceOfRaw(row.wire, file).map(recordJson) : row.recordsJson ? (JSON.parse(row.recordsJson) as StoredRecord[]) : [];
  return { ...meta, records };
}
