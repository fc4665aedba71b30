/**
 * Results of the active probes a review runs beyond the snapshot (which only
 * ever sends RD=0 EDNS(0) queries): they are evidence like the snapshot, and
 * the checks read them as pure data.
 */
import type { ServerAnswer } from "../../dns/types";
import type { PrimaryProbe } from "./primary";

import type { SynthesisProbe } from "./synthesis";

export type { PrimaryProbe } from "./primary";
export type { SynthesisProbe } from "./synthesis";

export interface ServerProbe {
  which: "old" | "new";
  /** serverLabel(): "ns1.example. 192.0.2.1:53" */
  server: string;
  /** RD=1 query for a name outside the zone (open recursion, RFC 5358). */
  recursion: ServerAnswer | null;
  /** Apex SOA with EDNS version 1: RFC 6891 §6.1.3 requires BADVERS and version 0. */
  ednsVersion: ServerAnswer | null;
  /** Apex SOA without OPT: must still be answered (RFC 6891 §7). */
  noEdns: ServerAnswer | null;
  /** DO=1 answers (apex SOA, DNSKEY) when the zone is signed, for their RRSIGs. */
  signed: ServerAnswer[];
}

export interface SubzoneServerProbe {
  ns: string;
  /** null: the NS name did not resolve to any address. */
  address: string | null;
  /** The subzone's SOA as asked at that address (RD=0). */
  answer: ServerAnswer | null;
  problem: string | null;
}

export interface SubzoneProbe {
  /** The delegated name (lowercase absolute). */
  cut: string;
  ns: string[];
  servers: SubzoneServerProbe[];
  /** The child's DNSKEY RDATA as its servers answer them (DO=1), deduplicated: non-empty = the child is signed. */
  dnskeys?: Uint8Array[];
  /** The DNSKEY answers (evidence). */
  dnskeyAnswers?: ServerAnswer[];
}

export interface PtrProbe {
  /** The mail host (MX target) the address belongs to. */
  host: string;
  address: string;
  /** PTR names found for the address (reverse zone, RFC 1035 §3.5). */
  ptr: string[];
  /** PTR names whose forward A/AAAA include the address again. */
  confirmed: string[];
  error: string | null;
}

export interface MtaStsProbe {
  url: string;
  status: number | null;
  body: string | null;
  error: string | null;
}

export interface Probes {
  servers: ServerProbe[];
  subzones: SubzoneProbe[];
  /** null: not run (no resolver). */
  ptr: PtrProbe[] | null;
  /** null: not fetched (HTTP probing off, or no _mta-sts record). */
  mtaSts: MtaStsProbe | null;
  /** The hidden primary (SOA MNAME not among the NS) asked directly; null/absent: none, or not probed. */
  primary?: PrimaryProbe | null;
  /** Live RRsets the exports lack that the RRSIG labels field shows synthesized from a wildcard (signed zones only). */
  synthesis?: SynthesisProbe[];
}

export const NO_PROBES: Probes = { servers: [], subzones: [], ptr: null, mtaSts: null };
