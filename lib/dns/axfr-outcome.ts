/**
 * What one zone transfer attempt tells the user: the server said no
 * ("refused": REFUSED or NOTIMP, RFC 1035 §4.1.1; NOTAUTH, RFC 8945 §5.2),
 * the attempt itself broke ("failed": no answer in time, the connection
 * lost, a malformed or cut-off transfer, another rcode such as SERVFAIL or
 * FORMERR, a TSIG or size failure), or the zone came ("allowed").
 * A refusal is the server's policy and an expected answer; a failure is
 * missing evidence worth a re-run, so the two are never shown alike.
 */
import { rcodeName } from "./rcode";
import type { QueryError, ServerRef } from "./types";

export type AxfrStatus = "allowed" | "refused" | "failed" | "not-tried";

export interface AxfrOutcome {
  status: Exclude<AxfrStatus, "not-tried">;
  /** Why, for a refusal or failure: the rcode's name ("REFUSED") or the error ("timeout: no answer"). */
  detail: string | null;
}

/** Rcodes by which a server declines to transfer: NOTIMP, REFUSED, NOTAUTH. */
const REFUSING_RCODES = new Set([4, 5, 9]);

/** The outcome of one transfer from its rcode (the last message's) and error. */
export function axfrOutcome(x: { error: QueryError | null; rcode: number | null }): AxfrOutcome {
  if (!x.error) return { status: "allowed", detail: null };
  if (x.rcode !== null && x.rcode !== 0) {
    const name = rcodeName(x.rcode) ?? `rcode ${x.rcode}`;
    return { status: REFUSING_RCODES.has(x.rcode) ? "refused" : "failed", detail: name };
  }
  // No rcode: nothing decodable came back (timeout, network, malformed, policy, cap).
  return { status: "failed", detail: `${x.error.kind}: ${x.error.message}` };
}

/** A server's transfer outcome as the summary holds it. */
export interface AxfrOutcomeOf extends ServerRef {
  axfr: AxfrStatus;
  axfrRecords: number;
  /** Absent in runs stored before the detail was kept. */
  axfrDetail?: string | null;
}

const label = (s: ServerRef) => `${s.name} ${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`;

/** "refused (REFUSED)", "failed (timeout: no answer)", "allowed (42 records)", "not tried". */
export function axfrShort(s: Omit<AxfrOutcomeOf, keyof ServerRef>): string {
  if (s.axfr === "not-tried") return "not tried";
  if (s.axfr === "allowed") return `allowed (${s.axfrRecords} records)`;
  return s.axfrDetail ? `${s.axfr} (${s.axfrDetail})` : s.axfr;
}

/** "AXFR refused by ns1.example. 192.0.2.1:53 (REFUSED)", "AXFR failed from … (timeout: …)". */
export function axfrOutcomeText(s: AxfrOutcomeOf): string {
  const detail = s.axfrDetail ? ` (${s.axfrDetail})` : "";
  switch (s.axfr) {
    case "allowed":
      return `AXFR allowed by ${label(s)} (${s.axfrRecords} records)`;
    case "refused":
      return `AXFR refused by ${label(s)}${detail}`;
    case "failed":
      return `AXFR failed from ${label(s)}${detail}`;
    case "not-tried":
      return `AXFR not tried at ${label(s)}`;
  }
}
