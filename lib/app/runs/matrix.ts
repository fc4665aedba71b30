/**
 * The per-server matrix: one row per server × address with SOA
 * serial, NS set, UDP, TCP, AXFR and AA. A server whose serial is behind the
 * highest serial of its operator is "stale"; one that answers nothing is
 * "dead"; one that answers without AA is "lame". The status is text, so it
 * never relies on colour alone.
 */
import { axfrShort } from "../../dns/axfr-outcome";
import type { ServerSummary } from "../../dns/run-snapshot";

/** A server summary as stored with the run (lib/dns snapshotToJson keeps ServerSummary's fields as they are). */
export type StoredServerSummary = Pick<
  ServerSummary,
  | "name"
  | "address"
  | "port"
  | "soaSerial"
  | "ns"
  | "udp"
  | "tcp"
  | "authoritative"
  | "axfr"
  | "axfrRecords"
  | "axfrDetail"
  | "error"
>;

export type ServerStatus = "ok" | "stale" | "dead" | "lame" | "ns-differs";

export interface MatrixRow {
  operator: "old" | "new";
  server: string;
  address: string;
  serial: number | null;
  ns: string[];
  udp: boolean;
  tcp: boolean;
  axfr: StoredServerSummary["axfr"];
  /** The AXFR cell: "refused (REFUSED)", "failed (timeout: …)", "allowed (42 records)". */
  axfrText: string;
  aa: boolean;
  status: ServerStatus;
  /** Why the status (one line). */
  note: string;
}

const nsKey = (ns: readonly string[]) =>
  ns
    .map((n) => n.toLowerCase())
    .sort()
    .join(" ");

function operatorRows(operator: "old" | "new", servers: readonly StoredServerSummary[]): MatrixRow[] {
  // RFC 1982 serial arithmetic is not needed between servers of one zone copy: the highest is the primary's.
  const serials = servers.map((s) => s.soaSerial).filter((x): x is number => x !== null);
  const top = serials.length ? Math.max(...serials) : null;
  const nsCounts = new Map<string, number>();
  for (const s of servers) if (s.ns.length) nsCounts.set(nsKey(s.ns), (nsCounts.get(nsKey(s.ns)) ?? 0) + 1);
  const commonNs = [...nsCounts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0] ?? null;
  return servers.map((s) => {
    let status: ServerStatus = "ok";
    let note = "answers with AA";
    if (!s.udp && !s.tcp) {
      status = "dead";
      note = s.error ?? "no answer";
    } else if (!s.authoritative) {
      status = "lame";
      note = s.error ?? "answer without AA";
    } else if (top !== null && s.soaSerial !== null && s.soaSerial < top) {
      status = "stale";
      note = `serial ${s.soaSerial} behind ${top}`;
    } else if (commonNs !== null && s.ns.length && nsKey(s.ns) !== commonNs) {
      status = "ns-differs";
      note = "NS set differs from the other servers";
    }
    return {
      operator,
      server: s.name,
      address: s.port === 53 ? s.address : `${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`,
      serial: s.soaSerial,
      ns: s.ns,
      udp: s.udp,
      tcp: s.tcp,
      axfr: s.axfr,
      axfrText: axfrShort(s),
      aa: s.authoritative,
      status,
      note,
    };
  });
}

export function serverMatrix(
  old: readonly StoredServerSummary[] | null,
  neu: readonly StoredServerSummary[] | null,
): MatrixRow[] {
  return [...operatorRows("old", old ?? []), ...operatorRows("new", neu ?? [])];
}
