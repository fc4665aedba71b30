/**
 * RRset diff model (DESIGN §2 "diff"): views of one zone as a source or a
 * server holds it, and the differences between two views, each pointing at
 * the evidence (which file line, which server answer).
 */

/** Where a fact comes from. `answer` indexes Snapshot.answers of the old or new run. */
export interface EvidenceRef {
  kind: "answer" | "source" | "delegation" | "rdap" | "http" | "fact";
  snapshot?: "old" | "new";
  /** Index into that snapshot's `answers`. */
  answer?: number;
  /** "ns1.example. 192.0.2.1:53" */
  server?: string;
  file?: string;
  line?: number;
  /** One line a reviewer can read (dig-style record, or what was observed). */
  text: string;
}

/** One RRset as one view holds it; names lowercase absolute presentation. */
export interface RRsetView {
  /** nameKey(owner) + "|" + class + "|" + type */
  key: string;
  owner: Uint8Array;
  ownerText: string;
  class: number;
  type: number;
  typeText: string;
  ttl: number;
  /** Canonical wire RDATA, deduplicated, canonical order (RFC 4034 §6.3). */
  rdatas: Uint8Array[];
  /** Presentation text of each rdata, same order. */
  texts: string[];
  evidence: EvidenceRef[];
}

/** What one party holds: a source, one server address, or a merge. */
export interface ZoneView {
  /** "source registrar.zone", "ns2.oldhost.test. 127.0.0.4:53" */
  label: string;
  kind: "source" | "server";
  rrsets: Map<string, RRsetView>;
  /**
   * Whether this view could have shown (owner, type): a server was asked and
   * answered; a source is assumed complete. Differences only count when both
   * sides were asked; everything else is listed as unchecked.
   */
  asked(owner: Uint8Array, type: number): boolean;
  /** Zone cuts below the apex seen in this view (lowercase presentation). */
  cuts: string[];
  /** SOA serial when the view has an apex SOA. */
  serial: number | null;
  /** Built from a full zone transfer (or a source): every RRset is known, absence is real. */
  complete?: boolean;
}

export type DiffKind = "only-here" | "only-there" | "rdata" | "ttl";

export interface DiffEntry {
  kind: DiffKind;
  owner: string;
  type: string;
  key: string;
  here: RRsetView | null;
  there: RRsetView | null;
  /** RDATA texts present only on one side (kind "rdata"). */
  onlyHere: string[];
  onlyThere: string[];
  /** Non-null when the difference is real but expected (provider behaviour, operator-specific data). */
  explained: string | null;
  /**
   * TXT only: the RDATA differ on the wire only in how the text is split into
   * character-strings; the concatenations are equal (what SPF and DKIM read,
   * RFC 7208 §3.3, RFC 6376 §3.6.2.2).
   */
  txtSplit?: boolean;
  /** The side without the RRset answers the name from this wildcard (its RRset is `here`/`there`), RFC 4592 §3.3.1. */
  wildcard?: string;
}

export interface Comparison {
  /** Label of the "here" side (e.g. the old operator's reference server). */
  here: string;
  there: string;
  entries: DiffEntry[];
  /** RRsets identical on both sides. */
  matched: number;
  /** Keys present on one side that the other side was never asked (not a difference, not a match). */
  unchecked: string[];
  /**
   * Keys one side holds that the other answers by wildcard synthesis with the
   * same data (RFC 4592 §3.3.1): not missing, not listed as a difference.
   */
  synthesized?: string[];
}

/** One RRset on which the servers of one operator disagree. */
export interface ServerDisagreement {
  owner: string;
  type: string;
  key: string;
  /** Groups of servers holding the same RRset (null: absent). Largest/reference group first. */
  variants: { servers: string[]; rrset: RRsetView | null }[];
  /** Servers outside the reference group: the odd ones out. */
  odd: string[];
}

export interface ServerParity {
  operator: "old" | "new";
  /** The server whose data is taken as reference (highest SOA serial, then most RRsets). */
  reference: string | null;
  servers: string[];
  disagreements: ServerDisagreement[];
}

export interface ParentChildDiff {
  parentNs: string[];
  parentNsTtl: number | null;
  /** Per server address: its apex NS set. */
  childNs: { server: string; ns: string[]; ttl: number | null; evidence: EvidenceRef[] }[];
  /** Servers whose NS set differs from the parent's. */
  nsMismatch: { server: string; onlyParent: string[]; onlyChild: string[] }[];
  /** In-zone name server names whose glue differs from the child's A/AAAA. */
  glueMismatch: { name: string; glue: string[]; child: string[]; server: string }[];
  evidence: EvidenceRef[];
}

export interface ZoneDiff {
  /** Per source: that source vs the old operator's reference server. */
  sources: Comparison[];
  /** All sources merged vs the old reference: what the exports together lack. */
  allSources: Comparison | null;
  oldServers: ServerParity | null;
  newServers: ServerParity | null;
  /** Old reference vs new reference (undelegated). */
  oldVsNew: Comparison | null;
  parentChild: ParentChildDiff | null;
}
