/**
 * Names to ask about, each remembering where it came from (DESIGN §5), and
 * the record types worth asking per name (never ANY, RFC 8482).
 */
import { randomBytes } from "node:crypto";
import { isSubdomain, nameKey, nameToText, namesEqual, parseName } from "../zone/name";
import type { EvidenceRecord } from "./types";

export type NameSource =
  "apex" | "import" | "axfr" | "target" | "zone-cut" | "common-label" | "nsec" | "wildcard-probe" | "ns" | "glue";

export interface DiscoveredName {
  name: Uint8Array;
  text: string;
  sources: NameSource[];
  /** Types known to exist (from imports/AXFR), queried without probing. */
  knownTypes: Set<number>;
}

/** Common labels under a domain (mail, auth, DKIM/DMARC/MTA-STS/ACME, release engineering…). */
export const COMMON_LABELS: string[] = [
  "www",
  "mail",
  "smtp",
  "imap",
  "pop",
  "pop3",
  "mx",
  "mx1",
  "mx2",
  "webmail",
  "autodiscover",
  "autoconfig",
  "_dmarc",
  "_mta-sts",
  "mta-sts",
  "_smtp._tls",
  "_acme-challenge",
  "_acme-challenge.www",
  "default._domainkey",
  "google._domainkey",
  "selector1._domainkey",
  "selector2._domainkey",
  "k1._domainkey",
  "s1._domainkey",
  "s2._domainkey",
  "mail._domainkey",
  "dkim._domainkey",
  "_sip._tcp",
  "_sip._udp",
  "_sips._tcp",
  "_xmpp-client._tcp",
  "_xmpp-server._tcp",
  "_caldav._tcp",
  "_carddav._tcp",
  "_imaps._tcp",
  "_submission._tcp",
  "_autodiscover._tcp",
  "_matrix._tcp",
  "_kerberos._tcp",
  "_ldap._tcp",
  "release",
  "releases",
  "update",
  "updates",
  "download",
  "downloads",
  "dl",
  "mirror",
  "mirrors",
  "cdn",
  "static",
  "docs",
  "doc",
  "wiki",
  "api",
  "app",
  "blog",
  "dev",
  "test",
  "staging",
  "git",
  "ci",
  "status",
  "forum",
  "lists",
  "ftp",
  "vpn",
  "ns1",
  "ns2",
  "ns3",
  "ns4",
  "help",
  "support",
  "shop",
  "admin",
  "portal",
  "m",
  "secure",
  "bugs",
  "community",
];

export const T = {
  A: 1,
  NS: 2,
  CNAME: 5,
  SOA: 6,
  PTR: 12,
  MX: 15,
  TXT: 16,
  AAAA: 28,
  SRV: 33,
  NAPTR: 35,
  DNAME: 39,
  DS: 43,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  TLSA: 52,
  CDS: 59,
  CDNSKEY: 60,
  SVCB: 64,
  HTTPS: 65,
  CAA: 257,
} as const;

/** Types at the apex (RFC 1035 §3.3.13, RFC 4034, RFC 8659, RFC 9460). */
export const APEX_TYPES = [
  T.SOA,
  T.NS,
  T.A,
  T.AAAA,
  T.MX,
  T.TXT,
  T.CAA,
  T.HTTPS,
  T.SVCB,
  T.DNSKEY,
  T.CDS,
  T.CDNSKEY,
  T.NAPTR,
  T.SRV,
];
/** Ordinary host names. */
export const HOST_TYPES = [T.A, T.AAAA, T.CNAME, T.MX, T.TXT, T.CAA, T.HTTPS, T.NS, T.DS, T.DNAME];
/** Underscore names (RFC 8552): services and policies. */
export const SERVICE_TYPES = [T.TXT, T.SRV, T.TLSA, T.CNAME, T.NS, T.SVCB];

export function typesFor(n: DiscoveredName, apex: Uint8Array): number[] {
  if (namesEqual(n.name, apex)) return APEX_TYPES;
  const first = n.name.length > 1 ? String.fromCharCode(n.name[1]) : "";
  const base = first === "_" ? SERVICE_TYPES : HOST_TYPES;
  if (n.sources.includes("zone-cut")) return [T.NS, T.DS];
  return base;
}

export class NameSet {
  private readonly byKey = new Map<string, DiscoveredName>();
  constructor(readonly apex: Uint8Array) {}

  /** Add a name (ignored when outside the zone). Returns the entry. */
  add(name: Uint8Array, source: NameSource, type?: number): DiscoveredName | null {
    if (!isSubdomain(name, this.apex)) return null;
    const k = nameKey(name);
    let e = this.byKey.get(k);
    if (!e) {
      e = { name, text: nameToText(name), sources: [], knownTypes: new Set() };
      this.byKey.set(k, e);
    }
    if (!e.sources.includes(source)) e.sources.push(source);
    if (type !== undefined) e.knownTypes.add(type);
    return e;
  }

  addText(text: string, source: NameSource): DiscoveredName | null {
    const r = parseName(text, this.apex);
    return r.ok ? this.add(r.wire, source) : null;
  }

  has(name: Uint8Array): boolean {
    return this.byKey.has(nameKey(name));
  }

  get(name: Uint8Array): DiscoveredName | undefined {
    return this.byKey.get(nameKey(name));
  }

  all(): DiscoveredName[] {
    return [...this.byKey.values()];
  }

  get size(): number {
    return this.byKey.size;
  }
}

/** A label no one would create: a wildcard answers it, anything else says NXDOMAIN. */
export function wildcardProbeLabel(): string {
  return `_cutover-probe-${randomBytes(6).toString("hex")}`;
}

/** Target name embedded in RDATA of CNAME, NS, DNAME, MX, SRV (names are uncompressed wire here). */
export function rdataTarget(r: Pick<EvidenceRecord, "type" | "rdata">): Uint8Array | null {
  switch (r.type) {
    case T.CNAME:
    case T.NS:
    case T.DNAME:
    case T.PTR:
      return r.rdata;
    case T.MX:
      return r.rdata.subarray(2);
    case T.SRV:
      return r.rdata.subarray(6);
    default:
      return null;
  }
}

/** Next owner name in an NSEC RDATA (RFC 4034 §4.1.1), or null when undecodable. */
export function nsecNext(rdata: Uint8Array): Uint8Array | null {
  let i = 0;
  while (i < rdata.length && rdata[i] !== 0) {
    if (rdata[i] > 63) return null;
    i += rdata[i] + 1;
  }
  if (i >= rdata.length) return null;
  return rdata.subarray(0, i + 1);
}
