/**
 * The delegation of a zone as its parent publishes it (DESIGN §5):
 * referral NS, glue and DS with their TTLs, and the child's servers with
 * every address (glue, or resolved when the delegation is glueless).
 */
import { nameToText, namesEqual, name as wire } from "../zone/name";
import { addressText, iterate, resolveAddresses, RRTYPE as T, type IterateContext } from "./iterate";
import { queryServer } from "./query-server";
import type { NameServer } from "./root-hints";
import type { EvidenceRecord, ServerAnswer } from "./types";

export interface Delegation {
  zone: string;
  /** The parent zone (presentation), null when no referral to the zone was found. */
  parent: string | null;
  parentServers: NameServer[];
  ns: EvidenceRecord[];
  glue: EvidenceRecord[];
  /** DS as the parent answers it authoritatively (empty when unsigned). */
  ds: EvidenceRecord[];
  /** The child's servers with their addresses. */
  servers: NameServer[];
  /** Every answer on the way (evidence). */
  answers: ServerAnswer[];
  problem: string | null;
}

export async function walkDelegation(ctx: IterateContext, zoneText: string): Promise<Delegation> {
  const zone = wire(zoneText);
  const it = await iterate({ ...ctx, dnssecOk: true }, { qname: zone, qtype: T.NS });
  const out: Delegation = {
    zone: nameToText(zone),
    parent: null,
    parentServers: [],
    ns: [],
    glue: [],
    ds: [],
    servers: [],
    answers: [...it.answers],
    problem: it.problem,
  };
  const ref = [...it.referrals].reverse().find((r) => namesEqual(r.cut, zone));
  if (!ref) {
    if (it.final?.rcode === 3) out.problem = `${out.zone} does not exist (NXDOMAIN from the parent)`;
    else out.problem ??= `no referral to ${out.zone} found`;
    return out;
  }
  out.parent = nameToText(ref.from);
  out.parentServers = ref.parentServers;
  out.ns = ref.ns;
  out.glue = ref.glue;
  // DS is authoritative data of the parent (RFC 4035 §3.1.4.1): ask a parent server directly.
  for (const ps of ref.parentServers) {
    let got = false;
    for (const address of ps.addresses) {
      // A refused parent address is recorded (address-refused, no packet) and skipped.
      const a = await queryServer(
        ctx.session,
        { name: ps.name, address, port: ctx.session.options.port },
        { name: zone, type: T.DS, class: 1 },
        { dnssecOk: true },
      );
      out.answers.push(a);
      if (a.rcode === 0 && a.flags?.aa) {
        out.ds = a.records.filter((r) => r.section === "answer" && r.type === T.DS && namesEqual(r.owner, zone));
        got = true;
        break;
      }
    }
    if (got) break;
  }
  const names = ref.ns.map((r) => nameToText(r.rdata));
  for (const n of names) {
    const glue = ref.glue.filter((g) => namesEqual(g.owner, wire(n))).map(addressText);
    let addresses = glue;
    if (addresses.length === 0) {
      const r = await resolveAddresses(ctx, wire(n));
      out.answers.push(...r.answers);
      addresses = r.addresses;
    }
    out.servers.push({ name: n, addresses: [...new Set(addresses)] });
  }
  return out;
}
