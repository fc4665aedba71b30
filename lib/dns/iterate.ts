/**
 * Iterative resolution from root hints (RFC 1034 §5.3.3), used for the
 * delegation walk and for NS names that came without glue. Only referrals
 * are followed: no recursion is ever requested. Referral and glue addresses
 * pass the address policy before use (DESIGN §5 "Safety").
 */
import { isSubdomain, labelCount, nameToText, namesEqual, name as wire } from "../zone/name";
import { queryServer } from "./query-server";
import type { NameServer } from "./root-hints";
import type { QuerySession } from "./session";
import type { EvidenceRecord, Question, ServerAnswer } from "./types";

const T = { A: 1, NS: 2, CNAME: 5, SOA: 6, AAAA: 28, DS: 43 } as const;

export interface Referral {
  /** The zone cut the referral points to (owner of the NS RRset). */
  cut: Uint8Array;
  /** The zone the referring server answered from (its closest enclosing zone as far as we know). */
  from: Uint8Array;
  /** Servers that gave it (parent side). */
  parentServers: NameServer[];
  ns: EvidenceRecord[];
  glue: EvidenceRecord[];
  /** DS in the referral's authority section (present when DO was set and the child is signed). */
  ds: EvidenceRecord[];
  answer: ServerAnswer;
}

export interface IterateResult {
  /** The final authoritative answer (AA, or an rcode other than a referral), or null. */
  final: ServerAnswer | null;
  /** The servers that gave the final answer (the zone's servers). */
  finalServers: NameServer[];
  referrals: Referral[];
  /** Every answer received on the way (evidence). */
  answers: ServerAnswer[];
  /** Why the walk stopped early. */
  problem: string | null;
}

export interface IterateContext {
  session: QuerySession;
  hints: NameServer[];
  /** Remaining nesting for resolving glueless NS names (default 3). */
  depth?: number;
  dnssecOk?: boolean;
}

/** Queries per step before giving up on a zone's servers. */
const MAX_TRIES_PER_STEP = 6;
const MAX_STEPS = 24;

export async function iterate(
  ctx: IterateContext,
  { qname, qtype }: { qname: Uint8Array; qtype: number },
): Promise<IterateResult> {
  const { session } = ctx;
  const depth = ctx.depth ?? 3;
  const result: IterateResult = { final: null, finalServers: [], referrals: [], answers: [], problem: null };
  let servers = ctx.hints;
  let zone: Uint8Array = Uint8Array.of(0);
  for (let step = 0; step < MAX_STEPS; step++) {
    let progressed = false;
    let tries = 0;
    for (const s of servers) {
      if (progressed) break;
      const addrs = await addressesOf(ctx, s, depth, result);
      for (const address of addrs) {
        if (progressed || tries >= MAX_TRIES_PER_STEP) break;
        if (session.signal.aborted) {
          result.problem = "cancelled";
          return result;
        }
        const q: Question = { name: qname, type: qtype, class: 1 };
        // A refused address (glue or a resolved NS name pointing into private space) is never asked:
        // queryServer records the refusal as an answer with error "address-refused" and sends nothing.
        const refused = session.checkAddress(address) !== null;
        if (!refused) tries++;
        const a = await queryServer(session, { name: s.name, address, port: session.options.port }, q, {
          dnssecOk: ctx.dnssecOk,
        });
        result.answers.push(a);
        if (refused) continue;
        if (a.rcode === null) continue; // timeout etc.: try the next address
        const auth = a.records.filter((r) => r.section === "authority");
        const nsRecs = auth.filter((r) => r.type === T.NS);
        const answerRecs = a.records.filter((r) => r.section === "answer");
        const cut = nsRecs[0]?.owner;
        const isReferral =
          a.rcode === 0 &&
          answerRecs.length === 0 &&
          cut !== undefined &&
          isSubdomain(qname, cut) &&
          labelCount(cut) > labelCount(zone) &&
          !(a.flags?.aa && namesEqual(cut, zone));
        if (isReferral) {
          const ns = nsRecs.filter((r) => namesEqual(r.owner, cut));
          const nsNames = ns.map((r) => nameToText(r.rdata));
          const glue = a.records.filter(
            (r) =>
              r.section === "additional" &&
              (r.type === T.A || r.type === T.AAAA) &&
              nsNames.some((n) => namesEqual(wire(n), r.owner)),
          );
          const ds = auth.filter((r) => r.type === T.DS && namesEqual(r.owner, cut));
          result.referrals.push({ cut, from: zone, parentServers: servers, ns, glue, ds, answer: a });
          servers = nsNames.map((n) => ({
            name: n,
            addresses: glue.filter((g) => namesEqual(g.owner, wire(n))).map((g) => addressText(g)),
          }));
          zone = cut;
          progressed = true;
          break;
        }
        if (a.rcode === 0 || a.rcode === 3) {
          // Authoritative data or a negative answer: the end of the walk.
          result.final = a;
          result.finalServers = servers;
          return result;
        }
        // REFUSED/SERVFAIL/lame: try another server
      }
    }
    if (!progressed) {
      result.problem = `no server of ${nameToText(zone)} gave a usable answer for ${nameToText(qname)}`;
      return result;
    }
  }
  result.problem = "too many referrals";
  return result;
}

/** Addresses of a server: its glue, or resolved from the root (glueless delegation). */
async function addressesOf(ctx: IterateContext, s: NameServer, depth: number, into: IterateResult): Promise<string[]> {
  if (s.addresses.length > 0) return s.addresses;
  if (depth <= 0) return [];
  const found = await resolveAddresses({ ...ctx, depth: depth - 1 }, wire(s.name));
  into.answers.push(...found.answers);
  s.addresses = found.addresses;
  return found.addresses;
}

/** A and AAAA of a host name by iteration; CNAMEs are not followed (RFC 2181 §10.3: NS must not be an alias). */
export async function resolveAddresses(
  ctx: IterateContext,
  host: Uint8Array,
): Promise<{ addresses: string[]; answers: ServerAnswer[] }> {
  const out: string[] = [];
  const answers: ServerAnswer[] = [];
  for (const t of [T.A, T.AAAA]) {
    const r = await iterate({ ...ctx, dnssecOk: false }, { qname: host, qtype: t });
    answers.push(...r.answers);
    if (r.final?.flags?.aa) {
      for (const rec of r.final.records)
        if (rec.section === "answer" && rec.type === t && namesEqual(rec.owner, host)) out.push(addressText(rec));
    }
  }
  return { addresses: out, answers };
}

export function addressText(r: { type: number; rdata: Uint8Array }): string {
  if (r.type === T.A && r.rdata.length === 4) return Array.from(r.rdata).join(".");
  if (r.type === T.AAAA && r.rdata.length === 16) {
    const g: string[] = [];
    for (let i = 0; i < 16; i += 2) g.push(((r.rdata[i] << 8) | r.rdata[i + 1]).toString(16));
    // compress the longest run of zero groups (RFC 5952 §4.2)
    let best = -1;
    let bestLen = 1;
    for (let i = 0; i < 8;) {
      if (g[i] !== "0") {
        i++;
        continue;
      }
      let j = i;
      while (j < 8 && g[j] === "0") j++;
      if (j - i > bestLen) {
        best = i;
        bestLen = j - i;
      }
      i = j;
    }
    if (best < 0) return g.join(":");
    return `${g.slice(0, best).join(":")}::${g.slice(best + bestLen).join(":")}`;
  }
  return "";
}

export { T as RRTYPE };
