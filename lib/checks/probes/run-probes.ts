/**
 * Run the active probes of a review (after the snapshots): per server
 * recursion/EDNS/DNSSEC questions, the SOA of every subzone at each of its
 * name servers, PTR of the mail hosts, the MTA-STS policy. Never throws:
 * failures become part of the evidence.
 */
import { isIP } from "node:net";
import type { IterateContext } from "../../dns/iterate";
import { addressText, resolveAddresses } from "../../dns/iterate";
import { queryServer } from "../../dns/query-server";
import { BUILTIN_ROOT_HINTS, type NameServer } from "../../dns/root-hints";
import type { Snapshot } from "../../dns/run-snapshot";
import { QuerySession, type SessionOptions } from "../../dns/session";
import type { ServerRef } from "../../dns/types";
import type { ZoneViews } from "../../diff/build-diff";
import type { RRsetView, ZoneView } from "../../diff/types";
import { serverLabel } from "../../diff/zone-view";
import { isSubdomain, namesEqual, name as wire } from "../../zone/name";
import { T } from "../../zone/rrtype";
import type { Fetcher } from "../rdap";
import type { OutboundPolicy } from "../../net/outbound";
import { fetchStsPolicy } from "../mta-sts";
import { probePrimary } from "./primary";
import { probeSynthesis } from "./synthesis";
import { rawQuery } from "./raw-query";
import { iterativeResolver, type Resolver } from "./resolver";
import type { MtaStsProbe, Probes, PtrProbe, ServerProbe, SubzoneProbe } from "./types";

export interface RunProbesOptions {
  zone: string;
  old: Snapshot | null;
  neu: Snapshot | null;
  views: ZoneViews;
  session?: SessionOptions;
  rootHints?: NameServer[];
  /** PTR lookups; default: iterative from the root hints. null: skip the PTR probe. */
  resolver?: Resolver | null;
  /** Fetch the MTA-STS policy (only when HTTP probing is on). */
  http?: { fetcher?: Fetcher; timeoutMs?: number; policy?: OutboundPolicy } | null;
  signal?: AbortSignal;
}

/** A name outside almost every zone that any open resolver can answer. */
export function recursionProbeName(zone: string): string {
  return isSubdomain(wire("a.root-servers.net."), wire(zone)) ? "example.com." : "a.root-servers.net.";
}

function isSigned(snap: Snapshot): boolean {
  if ((snap.delegation?.ds.length ?? 0) > 0) return true;
  return snap.answers.some(
    (a) => a.question.type === T.DNSKEY && a.records.some((r) => r.section === "answer" && r.type === T.DNSKEY),
  );
}

async function probeServers(
  session: QuerySession,
  snap: Snapshot | null,
  which: "old" | "new",
  signedZone: boolean,
): Promise<ServerProbe[]> {
  if (!snap) return [];
  const apex = wire(snap.zone);
  const rq = wire(recursionProbeName(snap.zone));
  return Promise.all(
    snap.servers
      .filter((s) => s.authoritative && isIP(s.address))
      .map(async (s) => {
        const ref: ServerRef = { name: s.name, address: s.address, port: s.port };
        const [recursion, ednsVersion, noEdns] = await Promise.all([
          rawQuery(session, ref, { question: { name: rq, type: T.A, class: 1 }, rd: true }),
          rawQuery(session, ref, { question: { name: apex, type: T.SOA, class: 1 }, ednsVersion: 1 }),
          rawQuery(session, ref, { question: { name: apex, type: T.SOA, class: 1 }, ednsVersion: null }),
        ]);
        const signed = signedZone
          ? await Promise.all(
              [T.SOA, T.DNSKEY].map((type) =>
                queryServer(session, ref, { name: apex, type, class: 1 }, { dnssecOk: true }),
              ),
            )
          : [];
        return { which, server: serverLabel(s), recursion, ednsVersion, noEdns, signed };
      }),
  );
}

function rrset(v: ZoneView | null, owner: string, type: number): RRsetView | undefined {
  if (!v) return undefined;
  for (const s of v.rrsets.values()) if (s.ownerText === owner && s.type === type) return s;
  return undefined;
}

/** Addresses for a subzone's NS name: in-zone data, then glue seen in referrals, then iteration. */
async function nsAddresses(
  ctx: IterateContext,
  ns: string,
  zone: string,
  ref: ZoneView | null,
  snap: Snapshot | null,
): Promise<string[]> {
  const n = wire(ns);
  if (isSubdomain(n, wire(zone))) {
    const own = [T.A, T.AAAA].flatMap((t) => rrset(ref, ns, t)?.texts ?? []);
    if (own.length) return own;
    const glue = new Set<string>();
    for (const a of snap?.answers ?? [])
      for (const r of a.records)
        if (r.section === "additional" && (r.type === T.A || r.type === T.AAAA) && namesEqual(r.owner, n))
          glue.add(addressText(r));
    if (glue.size) return [...glue];
  }
  return (await resolveAddresses(ctx, n)).addresses;
}

async function probeSubzones(session: QuerySession, ctx: IterateContext, o: RunProbesOptions): Promise<SubzoneProbe[]> {
  const ref = o.views.oldRef;
  if (!ref) return [];
  const out: SubzoneProbe[] = [];
  // Cuts from the reference view, the snapshot (NS or SOA below the apex, same-server children) and the exports.
  const cuts = [
    ...new Set(
      [...ref.cuts, ...(o.old?.zoneCuts ?? []), ...o.views.sources.flatMap((v) => v.cuts)].map((c) => c.toLowerCase()),
    ),
  ].sort();
  for (const cut of cuts) {
    const ns = (rrset(ref, cut, T.NS)?.texts ?? []).map((t) => t.toLowerCase());
    if (ns.length === 0) continue; // no delegation at the old servers: nothing to probe
    const probe: SubzoneProbe = { cut, ns, servers: [], dnskeys: [], dnskeyAnswers: [] };
    for (const n of ns) {
      const addresses = await nsAddresses(ctx, n, o.zone, ref, o.old);
      if (addresses.length === 0) {
        probe.servers.push({ ns: n, address: null, answer: null, problem: `${n} has no address (A/AAAA)` });
        continue;
      }
      for (const address of addresses) {
        const a = await queryServer(
          session,
          { name: n, address, port: session.options.port },
          { name: wire(cut), type: T.SOA, class: 1 },
        );
        const soa = a.records.some((r) => r.section === "answer" && r.type === T.SOA && namesEqual(r.owner, wire(cut)));
        const problem = a.error
          ? `${a.error.kind}: ${a.error.message}`
          : !a.flags?.aa
            ? "answer without AA (not authoritative: lame)"
            : !soa
              ? `no SOA for ${cut} in the answer (rcode ${a.rcode})`
              : null;
        probe.servers.push({ ns: n, address, answer: a, problem });
        if (problem !== null) continue;
        // Is the child signed? Its DNSKEY as its own servers answer it (RFC 4035 §3.1.4 sets DO).
        const k = await queryServer(
          session,
          { name: n, address, port: session.options.port },
          { name: wire(cut), type: T.DNSKEY, class: 1 },
          { dnssecOk: true },
        );
        probe.dnskeyAnswers!.push(k);
        if (!k.flags?.aa) continue;
        for (const r of k.records) {
          if (r.section !== "answer" || r.type !== T.DNSKEY || !namesEqual(r.owner, wire(cut))) continue;
          if (!probe.dnskeys!.some((x) => Buffer.from(x).equals(Buffer.from(r.rdata)))) probe.dnskeys!.push(r.rdata);
        }
      }
    }
    out.push(probe);
  }
  return out;
}

/** MX targets and their addresses as the zone (or, outside it, the resolver) publishes them. */
async function probePtr(resolver: Resolver, o: RunProbesOptions): Promise<PtrProbe[]> {
  const ref = o.views.oldRef ?? o.views.allSources;
  if (!ref) return [];
  const hosts = new Set<string>();
  for (const s of ref.rrsets.values())
    if (s.type === T.MX)
      for (const t of s.texts) {
        const h = (t.split(/\s+/)[1] ?? "").toLowerCase();
        if (h && h !== ".") hosts.add(h);
      }
  const out: PtrProbe[] = [];
  for (const host of [...hosts].sort()) {
    let addresses = [T.A, T.AAAA].flatMap((t) => rrset(ref, host, t)?.texts ?? []);
    if (addresses.length === 0 && !isSubdomain(wire(host), wire(o.zone))) {
      try {
        addresses = await resolver.addresses(host);
      } catch {
        addresses = [];
      }
    }
    for (const address of addresses) {
      try {
        const ptr = await resolver.reverse(address);
        const confirmed: string[] = [];
        for (const p of ptr) {
          const inZone = isSubdomain(wire(p), wire(o.zone));
          const fwd = inZone
            ? [T.A, T.AAAA].flatMap((t) => rrset(ref, p, t)?.texts ?? [])
            : await resolver.addresses(p).catch(() => [] as string[]);
          if (fwd.some((f) => sameAddress(f, address))) confirmed.push(p);
        }
        out.push({ host, address, ptr, confirmed, error: null });
      } catch (e) {
        out.push({ host, address, ptr: [], confirmed: [], error: (e as Error).message });
      }
    }
  }
  return out;
}

function sameAddress(a: string, b: string): boolean {
  if (isIP(a) !== isIP(b)) return false;
  if (isIP(a) === 4) return a === b;
  const norm = (x: string) => {
    const [h, t = ""] = x.toLowerCase().split("::");
    const hs = h ? h.split(":") : [];
    const ts = t ? t.split(":") : [];
    return [...hs, ...(x.includes("::") ? Array(8 - hs.length - ts.length).fill("0") : []), ...ts]
      .map((g) => g.replace(/^0+(?=.)/, ""))
      .join(":");
  };
  return norm(a) === norm(b);
}

async function probeMtaSts(o: RunProbesOptions): Promise<MtaStsProbe | null> {
  if (!o.http) return null;
  const ref = o.views.oldRef ?? o.views.allSources;
  if (!rrset(ref, `_mta-sts.${o.zone}`, T.TXT)) return null;
  return fetchStsPolicy({ zone: o.zone, fetcher: o.http.fetcher, policy: o.http.policy, timeoutMs: o.http.timeoutMs });
}

export async function runProbes(o: RunProbesOptions): Promise<Probes> {
  const session = new QuerySession({ ...o.session, retries: o.session?.retries ?? 1, signal: o.signal });
  try {
    const ctx: IterateContext = { session, hints: o.rootHints ?? BUILTIN_ROOT_HINTS };
    const signedZone = (o.old && isSigned(o.old)) || (o.neu && isSigned(o.neu)) || false;
    const [oldS, newS] = await Promise.all([
      probeServers(session, o.old, "old", signedZone),
      probeServers(session, o.neu, "new", signedZone),
    ]);
    const subzones = await probeSubzones(session, ctx, o);
    const resolver = o.resolver === undefined ? iterativeResolver(ctx) : o.resolver;
    const ptr = resolver ? await probePtr(resolver, o) : null;
    const mtaSts = await probeMtaSts(o);
    const primary = await probePrimary({ session, ctx, old: o.old });
    const synthesis = await probeSynthesis({ session, old: o.old, views: o.views, signed: !!o.old && isSigned(o.old) });
    return { servers: [...oldS, ...newS], subzones, ptr, mtaSts, primary, synthesis };
  } finally {
    session.close();
  }
}
