/**
 * The hidden (stealth) primary: the SOA MNAME when it is not among the NS
 * (RFC 1996 §2.1 names it the primary master). It can be judged from
 * outside: resolve the name (the old servers for an in-zone name, else
 * iteration from the root hints) and ask it the zone's SOA over UDP and TCP.
 */
import { iterate, addressText, type IterateContext } from "../../dns/iterate";
import { queryServer } from "../../dns/query-server";
import type { Snapshot } from "../../dns/run-snapshot";
import type { QuerySession } from "../../dns/session";
import type { ServerAnswer } from "../../dns/types";
import { soaSerial } from "../../diff/zone-view";
import { isSubdomain, namesEqual, name as wire } from "../../zone/name";
import { T } from "../../zone/rrtype";

export interface PrimaryServerProbe {
  address: string;
  udp: ServerAnswer;
  tcp: ServerAnswer;
  /** SOA serial it answered authoritatively (UDP, else TCP); null: none. */
  serial: number | null;
  /** Why it does not serve the zone, or null. */
  problem: string | null;
}

export interface PrimaryProbe {
  /** The SOA MNAME (lowercase absolute). */
  mname: string;
  /** The highest serial the NS serve (what the primary is compared with). */
  nsSerial: number | null;
  /** SOA EXPIRE of the zone (RFC 1035 §3.3.13): how long secondaries answer without the primary. */
  expire: number | null;
  addresses: string[];
  /** Why no address was found ("NXDOMAIN", no A/AAAA, no answer), or null. */
  resolveProblem: string | null;
  /** Lookups of the MNAME's addresses (evidence). */
  lookups: ServerAnswer[];
  servers: PrimaryServerProbe[];
}

/** SOA EXPIRE: the fourth 32-bit field after MNAME and RNAME. */
export function soaExpire(rdata: Uint8Array): number | null {
  let i = 0;
  for (let n = 0; n < 2; n++) {
    while (i < rdata.length && rdata[i] !== 0) i += rdata[i] + 1;
    i++;
  }
  if (i + 16 > rdata.length) return null;
  return new DataView(rdata.buffer, rdata.byteOffset + i + 12, 4).getUint32(0);
}

function apexSoa(snap: Snapshot): Uint8Array | null {
  const apex = wire(snap.zone);
  for (const a of snap.answers) {
    if (a.question.type !== T.SOA || !namesEqual(a.question.name, apex) || !a.flags?.aa) continue;
    const r = a.records.find((x) => x.section === "answer" && x.type === T.SOA && namesEqual(x.owner, apex));
    if (r) return r.rdata;
  }
  return null;
}

/** Which MNAME is hidden: the one the old servers name in their SOA, when no NS carries that name. Null otherwise. */
export function hiddenMname(old: Snapshot | null): string | null {
  if (!old) return null;
  const m = old.servers.find((s) => s.soaMname)?.soaMname?.toLowerCase();
  if (!m || m === ".") return null;
  const abs = m.endsWith(".") ? m : m + ".";
  if (old.servers.some((s) => s.name.toLowerCase() === abs)) return null;
  if (old.servers.some((s) => s.ns.some((n) => n.toLowerCase() === abs))) return null; // an NS whose address we lack: judged as an NS
  return abs;
}

export async function probePrimary({
  session,
  ctx,
  old,
}: {
  session: QuerySession;
  ctx: IterateContext;
  old: Snapshot | null;
}): Promise<PrimaryProbe | null> {
  const mname = hiddenMname(old);
  if (!old || !mname) return null;
  const apex = wire(old.zone);
  const soa = apexSoa(old);
  const serials = old.servers.map((s) => s.soaSerial).filter((s): s is number => s !== null);
  const out: PrimaryProbe = {
    mname,
    nsSerial: serials.length ? Math.max(...serials) : null,
    expire: soa ? soaExpire(soa) : null,
    addresses: [],
    resolveProblem: null,
    lookups: [],
    servers: [],
  };
  const host = wire(mname);
  const nxdomain: boolean[] = [];
  if (isSubdomain(host, apex)) {
    // In-zone: the zone's own servers hold its address.
    const ref = old.servers.find((s) => s.authoritative);
    if (ref) {
      for (const type of [T.A, T.AAAA]) {
        const a = await queryServer(
          session,
          { name: ref.name, address: ref.address, port: ref.port },
          { name: host, type, class: 1 },
        );
        out.lookups.push(a);
        nxdomain.push(a.rcode === 3);
        for (const r of a.records)
          if (r.section === "answer" && r.type === type && namesEqual(r.owner, host))
            out.addresses.push(addressText(r));
      }
    }
  } else {
    for (const type of [T.A, T.AAAA]) {
      const r = await iterate({ ...ctx, dnssecOk: false }, { qname: host, qtype: type });
      out.lookups.push(...r.answers);
      nxdomain.push(r.final?.rcode === 3);
      if (r.final?.flags?.aa)
        for (const rec of r.final.records)
          if (rec.section === "answer" && rec.type === type && namesEqual(rec.owner, host))
            out.addresses.push(addressText(rec));
    }
  }
  out.addresses = [...new Set(out.addresses)];
  if (out.addresses.length === 0) {
    const answered = out.lookups.some((a) => a.rcode !== null);
    out.resolveProblem = nxdomain.some(Boolean)
      ? "the name does not exist (NXDOMAIN)"
      : answered
        ? "the name has no A or AAAA record"
        : "no server answered the address lookup";
    return out;
  }
  for (const address of out.addresses) {
    const ref = { name: mname, address, port: session.options.port };
    const [udp, tcp] = await Promise.all([
      queryServer(session, ref, { name: apex, type: T.SOA, class: 1 }),
      queryServer(session, ref, { name: apex, type: T.SOA, class: 1 }, { tcpOnly: true }),
    ]);
    const serialOf = (a: ServerAnswer) => {
      const r = a.flags?.aa
        ? a.records.find((x) => x.section === "answer" && x.type === T.SOA && namesEqual(x.owner, apex))
        : undefined;
      return r ? soaSerial(r.rdata) : null;
    };
    const serial = serialOf(udp) ?? serialOf(tcp);
    const problems: string[] = [];
    for (const [label, a] of [
      ["UDP", udp],
      ["TCP", tcp],
    ] as const) {
      if (serialOf(a) !== null) continue;
      problems.push(
        `${label}: ${a.error ? `${a.error.kind} (${a.error.message})` : !a.flags?.aa ? `answer without AA (rcode ${a.rcode})` : `no SOA (rcode ${a.rcode})`}`,
      );
    }
    out.servers.push({ address, udp, tcp, serial, problem: problems.length ? problems.join("; ") : null });
  }
  return out;
}
