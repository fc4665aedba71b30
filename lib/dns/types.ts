/**
 * The live-answer result model: every answer is evidence (DESIGN §3 "Server answer").
 * Records are ZoneRecord-shaped with canonical wire RDATA so a live answer
 * compares byte for byte with an imported record.
 */
import type { ZoneRecord } from "../zone/types";

export type Transport = "udp" | "tcp";

/**
 * Why a query produced no usable answer. Stable strings (stored evidence).
 * - timeout: no matching answer within the per-query timeout after all retries
 * - refused / servfail / notauth: the server said so (rcode 5 / 2 / 9)
 * - malformed: the answer could not be decoded
 * - id-mismatch: only answers with a wrong ID/question arrived
 * - truncated-loop: TC set even over TCP (or TCP framing broken)
 * - network: socket error (unreachable, connection refused/reset)
 * - address-refused: the address policy forbids this destination
 * - cancelled: the caller's AbortSignal fired
 * - deadline: the whole-run deadline passed
 * - query-cap: the per-run query cap was reached
 * - too-large: AXFR exceeded its record/byte cap
 * - tsig: TSIG verification of the answer failed
 */
export type QueryErrorKind =
  | "timeout"
  | "refused"
  | "servfail"
  | "notauth"
  | "malformed"
  | "id-mismatch"
  | "truncated-loop"
  | "network"
  | "address-refused"
  | "cancelled"
  | "deadline"
  | "query-cap"
  | "too-large"
  | "tsig";

export interface QueryError {
  kind: QueryErrorKind;
  message: string;
}

export interface ServerRef {
  /** Server host name as presentation text ("ns1.example." or the address when unknown). */
  name: string;
  address: string;
  port: number;
}

export interface Question {
  name: Uint8Array;
  type: number;
  class: number;
}

export type Section = "answer" | "authority" | "additional";

/** A record as seen on the wire; `file` is "dns://address:port", line 0. */
export interface EvidenceRecord extends ZoneRecord {
  section: Section;
}

export interface AnswerFlags {
  aa: boolean;
  tc: boolean;
  rd: boolean;
  ra: boolean;
  ad: boolean;
  cd: boolean;
}

export interface ServerAnswer {
  server: ServerRef;
  transport: Transport;
  question: Question;
  /** Null when no answer arrived. */
  rcode: number | null;
  flags: AnswerFlags | null;
  /** EDNS in the answer (null when the server did not echo OPT or no answer). */
  edns: { udpSize: number; do: boolean; version: number } | null;
  records: EvidenceRecord[];
  elapsedMs: number;
  /** Attempts made (1 + retries, UDP and TCP counted). */
  attempts: number;
  /** Answers discarded because ID or question did not match. */
  mismatches: number;
  error: QueryError | null;
  /** ISO 8601 time the first packet was sent. */
  timestamp: string;
}

export interface ProgressCounts {
  planned: number;
  sent: number;
  answered: number;
  failed: number;
}

export type ProgressEvent =
  | { type: "planned"; count: number; totals: ProgressCounts }
  | { type: "sent"; server: ServerRef; question: Question; transport: Transport; totals: ProgressCounts }
  | { type: "answered"; answer: ServerAnswer; totals: ProgressCounts }
  | { type: "failed"; answer: ServerAnswer; totals: ProgressCounts };
