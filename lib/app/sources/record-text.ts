/**
 * ZoneRecord -> stored row. Presentation text comes from the rdata codecs; a
 * codec failure must not lose the record, so it falls back to RFC 3597
 * generic text (`\# len hex`), which is always correct.
 */
import { lowerName, nameToText } from "../../zone/name";
import { rdataToText } from "../../zone/rdata";
import { typeToText } from "../../zone/rrtype";
import type { ZoneRecord } from "../../zone/types";
import type { SourceRecordRow } from "../../db/rows";

export function toHex(bytes: Uint8Array): string {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString("hex");
}

export function genericRdataText(rdata: Uint8Array): string {
  return rdata.length === 0 ? "\\# 0" : `\\# ${rdata.length} ${toHex(rdata)}`;
}

export function safeRdataText(type: number, rdata: Uint8Array): string {
  try {
    return rdataToText(type, rdata);
  } catch {
    return genericRdataText(rdata);
  }
}

export function safeTypeText(type: number): string {
  try {
    return typeToText(type);
  } catch {
    return `TYPE${type}`;
  }
}

export function recordRow(r: ZoneRecord): SourceRecordRow {
  return {
    ownerText: nameToText(r.owner),
    // Lowercased presentation text: comparable (RFC 4343) and free of the NUL/length octets nameKey() keeps.
    ownerKey: nameToText(lowerName(r.owner)),
    ttl: r.ttl,
    class: r.class,
    type: r.type,
    rdataHex: toHex(r.rdata),
    rdataText: safeRdataText(r.type, r.rdata),
    file: r.file,
    line: r.line,
  };
}
