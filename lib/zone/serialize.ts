/**
 * Canonical master-file text of records: one RR per line, absolute owner,
 * explicit TTL and class, DNSSEC canonical order (RFC 4034 §6.1). This is
 * what `cutover zone normalize` prints and what parses back to the same
 * records (the round-trip property in serialize.test.ts).
 */
import { nameToText } from "./name";
import { rdataToText } from "./rdata";
import { sortCanonical } from "./rrset";
import { classToText, typeToText } from "./rrtype";
import type { ZoneRecord } from "./types";

export function recordToText(r: ZoneRecord): string {
  return `${nameToText(r.owner)}\t${r.ttl}\t${classToText(r.class)}\t${typeToText(r.type)}\t${rdataToText(r.type, r.rdata)}`;
}

export function recordsToText(records: ZoneRecord[]): string {
  const lines = sortCanonical(records).map(recordToText);
  return lines.length > 0 ? lines.join("\n") + "\n" : "";
}
