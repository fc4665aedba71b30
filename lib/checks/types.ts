/**
 * The check catalogue's shapes (DESIGN §3 "Finding", §6). A check is a pure
 * function from a CheckInput to findings; ids are stable, severities are
 * defaults the configuration may override.
 */
import type { Snapshot } from "../dns/run-snapshot";
import type { DiffSource, ZoneViews } from "../diff/build-diff";
import type { EvidenceRef, ZoneDiff } from "../diff/types";
import type { RdapResult } from "./rdap";
import type { HttpProbe } from "./http-probe";
import type { Probes } from "./probes/types";

export type { EvidenceRef } from "../diff/types";

export const SEVERITIES = ["blocker", "warning", "info"] as const;
export type Severity = (typeof SEVERITIES)[number];
export const FAMILIES = ["DEL", "INV", "PRV", "SEC", "TIM", "SVC", "REG", "OPS"] as const;
export type Family = (typeof FAMILIES)[number];

export interface Finding {
  /** Stable check id, e.g. "INV-MISSING-IN-SOURCE". */
  id: string;
  /** Stable per subject, so states (waived, acknowledged) survive a re-run: `${id}@${subject}`. */
  key: string;
  family: Family;
  severity: Severity;
  /** Name, type, server… the finding is about. */
  subject: string;
  message: string;
  remediation: string;
  evidence: EvidenceRef[];
}

/** Facts only people can state (DESIGN §1): never defaulted. */
export interface TransferFacts {
  domain: string;
  /** "Does DNS hosting move?" null = not answered yet. */
  dnsHostingMoves: boolean | null;
  /** Planned NS after the transfer (defaults to the new operator's servers given). */
  plannedNs?: string[];
  /** How DNSSEC is handled across an operator change (RFC 8901 multi-signer, or unsign first). */
  dnssecPlan?: "multi-signer" | "remove-ds" | "unsigned" | null;
  losingRegistrar?: string | null;
  /** Planned window (ISO 8601). */
  window?: { start: string; end: string } | null;
  contactsConfirmed?: boolean;
  monitoringPlanned?: boolean;
  rollbackDocumented?: boolean;
  /** Old zone/account kept through the overlap. */
  oldZoneKept?: boolean;
  /** Who to reach during the window (facts.ts contactSchema). */
  contacts?: { party: string; name: string; channel: string; onCall?: boolean }[];
  monitoring?: { plan: string; by?: string };
  /** Documented rollback and the propagation time it assumes. */
  rollback?: { steps: string; assumedSeconds: number };
  oldZoneKeptUntil?: string;
  /** How the new operator gets the zone (zone transfer from the old primary, or a copy). */
  newOperatorFeed?: "axfr" | "import";
  /** Parties with no named contact or escalation channel (facts.ts). */
  partiesWithoutContact?: string[];
}

export interface CheckInput {
  zone: string;
  facts: TransferFacts;
  sources: readonly DiffSource[];
  old: Snapshot | null;
  neu: Snapshot | null;
  diff: ZoneDiff;
  views: ZoneViews;
  /** null: not fetched (offline) → manual evidence. */
  rdap: RdapResult | null;
  http: readonly HttpProbe[];
  /** Active probes beyond the snapshot (recursion, EDNS, subzones, signatures, PTR, MTA-STS); absent = not run. */
  probes?: Probes;
  /** For date arithmetic (expiry, weekends); injected for purity. */
  now: Date;
  /** Extra seconds on top of the TTL-derived overlap. */
  marginSeconds: number;
}

export interface CheckDef {
  id: string;
  family: Family;
  /** Default severity of the findings it emits (a check may emit info beside it). */
  severity: Severity;
  title: string;
  run(input: CheckInput, emit: Emit): void;
}

/** Emit a finding; severity defaults to the check's own. */
export type Emit = (f: {
  subject: string;
  message: string;
  remediation: string;
  evidence?: EvidenceRef[];
  severity?: Severity;
}) => void;
