/**
 * Zone transfer (AXFR, RFC 5936) over TCP: multi-message answers, record and
 * byte caps, overall time limit, optional TSIG (RFC 8945). A refusal is a
 * result, never an exception.
 */
import { randomInt } from "node:crypto";
import { namesEqual } from "../zone/name";
import { encodeQuery } from "./encode-query";
import type { QuerySession } from "./session";
import { exchangeTcp, type FrameVerdict } from "./transport";
import { signRequest, TsigVerifier, type TsigKey } from "./tsig";
import { evidenceOfRaw } from "./live-answer";
import type { EvidenceRecord, QueryError, ServerRef } from "./types";
import { decodeMessage } from "./wire";

export interface AxfrOptions {
  tsig?: TsigKey | null;
  /** Records before giving up (default 1,000,000). */
  maxRecords?: number;
  /** Bytes before giving up (default 256 MiB). */
  maxBytes?: number;
  /** Whole transfer (default 60 s). */
  timeoutMs?: number;
}

/** One zone transfer: the zone (wire name) from one server, with its limits. */
export interface AxfrRequest extends AxfrOptions {
  server: ServerRef;
  zone: Uint8Array;
}

export interface AxfrResult {
  server: ServerRef;
  zone: Uint8Array;
  /**
   * Zone content: the leading SOA once, without the closing copy. A live
   * transfer keeps its messages' bytes and decodes this on each read (an
   * object per record of a 190,000-record zone, four servers, was a quarter
   * of a 100,000-name check's memory): read it once per use.
   */
  records: EvidenceRecord[];
  /** How many records `records` holds (without decoding them). */
  count?: number;
  /** The transfer's messages as received (live transfers; what the run stores). */
  frames?: readonly Uint8Array[];
  messages: number;
  bytes: number;
  elapsedMs: number;
  rcode: number | null;
  tsig: "none" | "verified";
  error: QueryError | null;
  timestamp: string;
}

const TYPE_SOA = 6;
const TYPE_AXFR = 252;

const RCODE: Record<number, QueryError> = {
  1: { kind: "refused", message: "transfer rejected (FORMERR)" },
  2: { kind: "servfail", message: "transfer failed (SERVFAIL)" },
  4: { kind: "refused", message: "transfer not implemented (NOTIMP)" },
  5: { kind: "refused", message: "transfer refused (REFUSED)" },
  9: { kind: "notauth", message: "not authorised or not authoritative (NOTAUTH)" },
};

export async function axfr(session: QuerySession, request: AxfrRequest): Promise<AxfrResult> {
  const { server, zone, ...opts } = request;
  const started = performance.now();
  const result = new LiveTransfer(server, zone, evidenceFile(server));
  const done = (error: QueryError | null): AxfrResult => {
    result.error = error;
    result.elapsedMs = Math.round(performance.now() - started);
    return result;
  };
  const refusal = session.checkAddress(server.address);
  if (refusal) {
    session.counts.failed++;
    return done({ kind: "address-refused", message: refusal });
  }
  const maxRecords = opts.maxRecords ?? 1_000_000;
  const id = randomInt(0, 0x10000);
  // RFC 5936 §2.2: no EDNS needed over TCP, but harmless; keep the query plain.
  let payload = encodeQuery({ id, name: zone, type: TYPE_AXFR, class: 1, ednsUdpSize: null });
  let verifier: TsigVerifier | null = null;
  if (opts.tsig) {
    const s = signRequest({ msg: payload, key: opts.tsig });
    payload = s.message;
    verifier = new TsigVerifier(opts.tsig, s.mac);
  }
  const slot = await session.limiter.acquire(`${server.address}:${server.port}`, session.signal);
  if (!slot.ok) return done(slot.error);
  session.noteSent(`${server.address}:${server.port}`);
  let soaSeen = 0;
  const judge = (frame: Uint8Array): FrameVerdict => {
    if (frame.length < 2 || ((frame[0] << 8) | frame[1]) !== id) return "ignore";
    const d = decodeMessage(frame);
    if (!d.ok) return { kind: "malformed", message: d.reason };
    const m = d.message;
    result.messages++;
    result.rcode = m.rcode;
    if (m.rcode !== 0) return RCODE[m.rcode] ?? { kind: "refused", message: `transfer failed (rcode ${m.rcode})` };
    if (verifier) {
      const why = verifier.verify(frame);
      if (why) return { kind: "tsig", message: why };
    }
    // Kept before reading: the message holding the closing SOA also holds the records before it.
    result.keep(frame);
    // Counted here, decoded into records when read (LiveTransfer): the answer section as the decoder left it.
    const recs = m.answer;
    for (const r of recs) {
      if (r.type === TYPE_SOA && namesEqual(r.owner, zone)) {
        soaSeen++;
        // RFC 5936 §2.2: the transfer ends with the SOA that opened it.
        if (soaSeen === 2) {
          if (verifier && !verifier.complete) return { kind: "tsig", message: "last message not signed" };
          return "accept";
        }
      } else if (soaSeen === 0) {
        return { kind: "malformed", message: "transfer does not start with the zone's SOA" };
      }
      if (result.count >= maxRecords) return { kind: "too-large", message: `more than ${maxRecords} records` };
      result.count++;
    }
    if (soaSeen === 0 && recs.length === 0) return { kind: "malformed", message: "empty transfer message" };
    return "more";
  };
  const r = await exchangeTcp(
    {
      address: server.address,
      port: server.port,
      payload,
      timeoutMs: opts.timeoutMs ?? 60_000,
      signal: session.signal,
      maxBytes: opts.maxBytes ?? 256 * 1024 * 1024,
    },
    judge,
  );
  slot.release();
  result.bytes = r.bytes;
  if (!r.ok) {
    result.records = [];
    result.count = 0;
    session.counts.failed++;
    return done(r.error);
  }
  result.tsig = verifier ? "verified" : "none";
  session.counts.answered++;
  return done(null);
}

function evidenceFile(server: ServerRef): string {
  return `dns://${server.address.includes(":") ? `[${server.address}]` : server.address}:${server.port}`;
}

/**
 * A transfer as the messages received: records decode from them on read
 * (the same decoding as a live answer's, live-answer.ts), in transfer order,
 * up to the closing SOA. Assigning `records` replaces the messages.
 */
export class LiveTransfer implements AxfrResult {
  messages = 0;
  bytes = 0;
  elapsedMs = 0;
  rcode: number | null = null;
  tsig: "none" | "verified" = "none";
  error: QueryError | null = null;
  timestamp = new Date().toISOString();
  count = 0;
  #frames: Uint8Array[] = [];
  #fixed: EvidenceRecord[] | null = null;
  constructor(
    readonly server: ServerRef,
    readonly zone: Uint8Array,
    private readonly file: string,
  ) {}

  keep(frame: Uint8Array): void {
    this.#frames.push(frame);
  }

  get frames(): readonly Uint8Array[] {
    return this.#fixed ? [] : this.#frames;
  }

  get records(): EvidenceRecord[] {
    if (this.#fixed) return this.#fixed;
    const out: EvidenceRecord[] = [];
    let soaSeen = 0;
    for (const f of this.#frames) {
      for (const r of evidenceOfRaw(f, this.file)) {
        if (r.section !== "answer") continue;
        if (r.type === TYPE_SOA && namesEqual(r.owner, this.zone) && ++soaSeen === 2) return out;
        out.push(r);
      }
    }
    return out;
  }

  set records(v: EvidenceRecord[]) {
    this.#fixed = v;
    this.#frames = [];
    this.count = v.length;
  }

  toJSON() {
    return {
      server: this.server,
      zone: this.zone,
      records: this.records,
      messages: this.messages,
      bytes: this.bytes,
      elapsedMs: this.elapsedMs,
      rcode: this.rcode,
      tsig: this.tsig,
      error: this.error,
      timestamp: this.timestamp,
    };
  }
}
