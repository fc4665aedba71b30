/**
 * A ServerAnswer whose evidence records are kept as the message bytes
 * received and decoded when read. Why: a 10,000-name snapshot stores a few
 * hundred thousand answers; an object per record with its own name and RDATA
 * buffers cost several times the message itself in memory and most of the
 * per-query CPU, while most answers are read once (discovery) or never.
 *
 * `records` is an accessor on the prototype: JSON.stringify sees the
 * records (toJSON), assigning replaces the lazy value; a spread copy must
 * name `records` explicitly (as snapshot-json does). Recently decoded answers are cached (a ring
 * of 512), so a caller reading `records` several times in a row decodes
 * once without keeping every decoded answer alive.
 */
import { canonicalRdata } from "../zone/rdata";
import type { AnswerFlags, EvidenceRecord, Question, QueryError, ServerAnswer, ServerRef, Transport } from "./types";
import { Arena, readNameView, readRdataView, skipNameAt, viewAt, type WireMessage, type WireRecord } from "./wire";

/** Recently decoded answers: a ring (a Map's insert/delete churn allocated on every answer). */
const CACHE_SIZE = 512;
const ringOwner: (LiveAnswer | null)[] = new Array(CACHE_SIZE).fill(null);
const ringRecords: (EvidenceRecord[] | null)[] = new Array(CACHE_SIZE).fill(null);
let ringNext = 0;

export class LiveAnswer implements ServerAnswer {
  declare server: ServerRef;
  declare transport: Transport;
  declare question: Question;
  declare rcode: number | null;
  declare flags: AnswerFlags | null;
  declare edns: { udpSize: number; do: boolean; version: number } | null;
  declare elapsedMs: number;
  declare attempts: number;
  declare mismatches: number;
  declare error: QueryError | null;
  declare timestamp: string;
  /** The answer's bytes (null: no answer, or records set explicitly). */
  #raw: Uint8Array | null = null;
  #file = "";
  #fixed: EvidenceRecord[] | null = null;
  /** Ring slot of the last decode (valid while ringOwner[slot] is this answer). */
  #slot = -1;

  constructor(server: ServerRef, transport: Transport, question: Question, timestamp: string) {
    // Same own-property order as a plain ServerAnswer literal (JSON output stays identical).
    this.server = server;
    this.transport = transport;
    this.question = question;
    this.rcode = null;
    this.flags = null;
    this.edns = null;
    this.elapsedMs = 0;
    this.attempts = 0;
    this.mismatches = 0;
    this.error = null;
    this.timestamp = timestamp;
  }

  /** Decoded on read (a prototype accessor: an accessor per instance made every answer a dictionary object). */
  get records(): EvidenceRecord[] {
    return this.materialize();
  }

  set records(v: EvidenceRecord[]) {
    this.replace(v);
  }

  /** JSON and plain copies carry the records as a plain ServerAnswer would. */
  toJSON(): ServerAnswer {
    return { ...this, records: this.records };
  }

  /** Keep the bytes of an accepted answer; records decode from them on demand. */
  keep(raw: Uint8Array, file: string): void {
    this.#raw = raw;
    this.#file = file;
    this.#fixed = null;
    this.#slot = -1;
  }

  /** The message bytes as received (null when no answer was kept). */
  get raw(): Uint8Array | null {
    return this.#raw;
  }

  materialize(): EvidenceRecord[] {
    if (this.#fixed) return this.#fixed;
    const raw = this.#raw;
    if (!raw) return (this.#fixed = []);
    const slot = this.#slot;
    if (slot >= 0 && ringOwner[slot] === this) return ringRecords[slot]!;
    const r = evidenceOfRaw(raw, this.#file);
    const at = ringNext;
    ringNext = (at + 1) % CACHE_SIZE;
    ringOwner[at] = this;
    ringRecords[at] = r;
    this.#slot = at;
    return r;
  }

  replace(v: EvidenceRecord[]): void {
    const slot = this.#slot;
    if (slot >= 0 && ringOwner[slot] === this) {
      ringOwner[slot] = null;
      ringRecords[slot] = null;
    }
    this.#fixed = v;
  }
}

/** Where decompressed names and RDATA go; uncompressed ones stay views of the kept message (wire.ts). */
const names = new Arena(64 * 1024);
const SECTIONS: EvidenceRecord["section"][] = ["answer", "authority", "additional"];

/**
 * The evidence records of a kept message, read straight from its bytes:
 * no WireMessage, questions or OPT decoding (the scan at receipt already
 * took the header facts and EDNS), names and RDATA as views of `raw`
 * unless they were compressed. The bytes passed scanMessage's checks, which
 * are decodeMessage's (scan.test.ts), so this cannot fail; if it ever did,
 * the answer shows no records rather than throwing.
 */
export function evidenceOfRaw(raw: Uint8Array, file: string): EvidenceRecord[] {
  const out: EvidenceRecord[] = [];
  // Read once: an imported binding is a getter call per use until the JIT has compiled this function.
  const at = viewAt;
  try {
    const qd = (raw[4] << 8) | raw[5];
    const an = (raw[6] << 8) | raw[7];
    const ns = (raw[8] << 8) | raw[9];
    const total = an + ns + ((raw[10] << 8) | raw[11]);
    let pos = 12;
    for (let i = 0; i < qd; i++) pos = skipNameAt(raw, pos) + 4;
    for (let i = 0; i < total; i++) {
      const owner = readNameView(raw, pos, raw.length, names);
      pos = at.next;
      const type = (raw[pos] << 8) | raw[pos + 1];
      const cls = (raw[pos + 2] << 8) | raw[pos + 3];
      const ttl = ((raw[pos + 4] << 24) >>> 0) + (raw[pos + 5] << 16) + (raw[pos + 6] << 8) + raw[pos + 7];
      const rdlen = (raw[pos + 8] << 8) | raw[pos + 9];
      pos += 10;
      const section = i < an ? 0 : i < an + ns ? 1 : 2;
      // RFC 6891 §6.1.1: OPT is not a record of the answer (its facts are in `edns`).
      if (!(section === 2 && type === 41)) {
        const rdata = readRdataView(raw, type, pos, pos + rdlen, names);
        out.push({
          owner,
          ttl,
          class: cls,
          type,
          rdata: safeCanonical(type, rdata),
          file,
          line: 0,
          section: SECTIONS[section],
        });
      }
      pos += rdlen;
    }
  } catch {
    return [];
  }
  return out;
}

export function evidenceOf(m: WireMessage, file: string): EvidenceRecord[] {
  const out: EvidenceRecord[] = [];
  addRecords(out, m.answer, "answer", file);
  addRecords(out, m.authority, "authority", file);
  addRecords(out, m.additional, "additional", file);
  return out;
}

function addRecords(out: EvidenceRecord[], recs: WireRecord[], section: EvidenceRecord["section"], file: string): void {
  for (const r of recs) {
    out.push({
      owner: r.owner,
      ttl: r.ttl,
      class: r.class,
      type: r.type,
      rdata: safeCanonical(r.type, r.rdata),
      file,
      line: 0,
      section,
    });
  }
}

function safeCanonical(type: number, rdata: Uint8Array): Uint8Array {
  try {
    return canonicalRdata(type, rdata);
  } catch {
    // The rdata module must never throw; if it does, keep the bytes as received.
    return rdata;
  }
}
