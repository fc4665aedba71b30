/**
 * Plain words for every check in the catalogue: `problem` names what a finding of the check says is wrong (the title
 * a reviewer scans), `meaning` why it matters for the move, `fix` what to do. The glossary page lists them with an
 * anchor per id; findings link to it. glossary.test.ts keeps this in step with catalogue.ts.
 */
import { CATALOGUE } from "./catalogue";
import type { Family, Severity } from "./types";

export interface GlossaryText {
  problem: string;
  meaning: string;
  fix: string;
}

const TEXT: Record<string, GlossaryText> = {
  "DEL-NO-SERVERS": {
    problem: "the zone's servers cannot be found",
    meaning:
      "Neither the delegation from the parent nor the servers given name an authoritative server, so nothing could be checked.",
    fix: "Give the old and new operators' servers on the live check form, or check that the domain is delegated.",
  },
  "DEL-SERVER-UNREACHABLE": {
    problem: "a name server does not answer authoritatively",
    meaning: "An NS address did not answer SOA with the AA bit: resolvers that pick it get timeouts or referrals.",
    fix: "Fix or remove the server at its operator, or take it out of the NS set before the move.",
  },
  "DEL-SOA-SERIAL": {
    problem: "servers serve different SOA serials",
    meaning: "The servers of one operator are not in sync, so answers depend on which server a resolver asks.",
    fix: "Let zone transfers catch up (check NOTIFY and the secondaries' transfer logs) and run the check again.",
  },
  "DEL-PRIMARY-UNREACHABLE": {
    problem: "the primary (SOA MNAME) does not answer",
    meaning: "Dynamic updates and secondaries that fetch from the MNAME will fail.",
    fix: "Make the primary answer, or set the SOA MNAME to a server that does.",
  },
  "DEL-PRIMARY-SERIAL": {
    problem: "the hidden primary is behind its NS",
    meaning: "The primary serves an older or newer serial than the public servers: a transfer is pending or broken.",
    fix: "Check zone transfers from the primary to the public servers.",
  },
  "DEL-PRIMARY-UNRESOLVED": {
    problem: "the hidden primary's name does not resolve",
    meaning: "The SOA MNAME has no address, so tools that contact the primary cannot.",
    fix: "Publish an address for the MNAME or point it at a name that resolves.",
  },
  "DEL-NS-DIVERSITY": {
    problem: "name servers share one network",
    meaning: "All NS sit in one network, so one outage takes the whole zone down.",
    fix: "Use at least two name servers in different networks.",
  },
  "DEL-PARENT-CHILD-NS": {
    problem: "parent and child NS sets differ",
    meaning: "The registry's delegation and the zone's own NS records disagree; resolvers may use either.",
    fix: "Make the NS records in the zone equal the delegation at the registrar (or the reverse).",
  },
  "DEL-GLUE": {
    problem: "glue differs from the servers' addresses",
    meaning: "The registry hands out addresses for in-zone name servers that the zone itself does not publish.",
    fix: "Update the glue at the registrar, or the A/AAAA records in the zone, so they match.",
  },
  "DEL-SUBZONE-CUT": {
    problem: "delegation missing at the new operator",
    meaning:
      "A subzone delegated by the old servers is not delegated identically by the new ones: the subzone disappears after the move.",
    fix: "Add the subzone's NS (and glue) records to the zone at the new operator.",
  },
  "DEL-LAME-SUBZONE": {
    problem: "a subzone delegation is lame",
    meaning: "A delegated subzone's servers do not answer for it; it already fails today and will after the move.",
    fix: "Fix the subzone's servers or remove the delegation.",
  },
  "DEL-CHILD-DS": {
    problem: "a signed child's DS is missing at the new operator",
    meaning: "Without its DS the signed subzone becomes insecure, or bogus for validators that saw it signed.",
    fix: "Copy the child's DS records into the zone at the new operator.",
  },
  "DEL-CHILD-GLUE": {
    problem: "glue for a subzone is missing at the new operator",
    meaning: "The subzone's in-bailiwick name servers cannot be reached without the glue addresses.",
    fix: "Add the A/AAAA records of the subzone's name servers to the zone at the new operator.",
  },
  "DEL-PLANNED-NS": {
    problem: "the new apex NS differ from the planned delegation",
    meaning: "After the switch the registry would point at name servers the new zone does not list (or the reverse).",
    fix: "Make the new operator's apex NS records equal the name servers you will give the registrar.",
  },
  "DEL-PLANNED-GLUE": {
    problem: "a planned in-zone NS has no address",
    meaning: "The glue the registry will carry must equal addresses the new zone publishes.",
    fix: "Publish A/AAAA records for the planned in-zone name servers at the new operator.",
  },
  "DEL-OPEN-RECURSION": {
    problem: "an authoritative server offers recursion",
    meaning: "Open resolvers are abused for amplification attacks and can serve poisoned answers.",
    fix: "Disable recursion on the authoritative servers.",
  },
  "DEL-EDNS-TCP": {
    problem: "EDNS or TCP fails at a server",
    meaning: "Large answers (DNSSEC, long TXT) need EDNS or TCP; a server that drops them breaks those names.",
    fix: "Allow TCP/53 and EDNS at the server and its firewall.",
  },
  "INV-MISSING-IN-SOURCE": {
    problem: "served live but missing from every export",
    meaning: "The old servers answer this RRset but no export holds it: a zone built from the exports would lose it.",
    fix: "Add the record to the zone for the new operator, or get a complete export (AXFR).",
  },
  "INV-DIFFERENT-IN-SOURCE": {
    problem: "the export differs from what is served",
    meaning: "The export holds this RRset with other data than the old servers answer.",
    fix: "Find out which is current and correct the zone for the new operator.",
  },
  "INV-TXT-SPLIT": {
    problem: "TXT split into other strings",
    meaning: "The same text is split into different character-strings; SPF and DKIM verifiers may read it differently.",
    fix: "Use the live split (or one string under 255 bytes) at the new operator.",
  },
  "INV-TTL-DIFFERS": {
    problem: "TTL differs",
    meaning: "The TTL at the new side or in the export differs from the live one; timing and caching change.",
    fix: "Use the live TTL unless the change is intended.",
  },
  "INV-ONLY-IN-SOURCE": {
    problem: "in an export but not served",
    meaning:
      "An export holds a record the old servers do not answer: stale data, or a record that was never published.",
    fix: "Decide whether it should exist; remove it from the new zone if not.",
  },
  "INV-EXPORT-INCOMPLETE": {
    problem: "NS missing from the export",
    meaning:
      "A name that is live is absent from every export: the exports are incomplete and the new zone would lose it.",
    fix: "Import a complete export (AXFR or the provider's API export), or add the missing names.",
  },
  "INV-MISSING-AT-NEW": {
    problem: "missing at the new operator",
    meaning: "The old servers answer this RRset but the new operator does not: it breaks at the switch.",
    fix: "Create the record at the new operator before the delegation changes.",
  },
  "INV-DIFFERENT-AT-NEW": {
    problem: "different at the new operator",
    meaning: "The new operator serves this RRset with other data than the old servers.",
    fix: "Correct the record at the new operator, or confirm the change is intended.",
  },
  "INV-UNVERIFIED-AT-NEW": {
    problem: "not verified at the new operator",
    meaning: "The question was not asked or not answered at the new operator, so nothing is known.",
    fix: "Run the live check again (more time, or the right new servers) so it can be verified.",
  },
  "INV-SNAPSHOT-INCOMPLETE": {
    problem: "the live snapshot stopped early",
    meaning: "The run hit its deadline or query limit before asking everything it planned.",
    fix: "Run again with a longer deadline or a higher query limit.",
  },
  "INV-EXTRA-AT-NEW": {
    problem: "only the new operator serves it",
    meaning: "The new zone holds a record the old servers do not: a leftover or an intended addition.",
    fix: "Remove it at the new operator unless it is intended.",
  },
  "INV-SERVER-MISMATCH": {
    problem: "servers of one operator disagree",
    meaning: "Different servers of the same operator answer differently for this RRset.",
    fix: "Fix replication at the operator so every server serves the same zone.",
  },
  "INV-EXPLAINED": {
    problem: "expected difference",
    meaning: "A difference the provider's known behaviour explains (synthesised records, flattened CNAMEs…).",
    fix: "Nothing, unless the explanation does not apply.",
  },
  "INV-APEX-CNAME": {
    problem: "CNAME at the apex",
    meaning: "A CNAME at the zone apex conflicts with SOA and NS (RFC 1034 §3.6.2); many servers refuse it.",
    fix: "Use A/AAAA records (or the new provider's ALIAS feature) at the apex.",
  },
  "INV-WILDCARD": {
    problem: "wildcard differs",
    meaning: "Wildcards answer for every name below them; a different or missing wildcard changes many names at once.",
    fix: "Copy the wildcard RRsets exactly to the new operator.",
  },
  "INV-NXDOMAIN-PARITY": {
    problem: "NXDOMAIN and NODATA differ between old and new",
    meaning: "A name exists on one side and not on the other (empty non-terminals, wildcards).",
    fix: "Make the new zone's names match the old one's.",
  },
  "INV-NEGATIVE-TTL": {
    problem: "negative caching TTL differs",
    meaning: "The SOA MINIMUM (negative TTL) differs, so absent names are cached for another time.",
    fix: "Use the old SOA MINIMUM at the new operator unless the change is intended.",
  },
  "INV-IMPORT-FAILED": {
    problem: "an export could not be imported",
    meaning: "A source held no usable data (a refused AXFR, a broken file), so it does not count as an export.",
    fix: "Replace the source with a working export.",
  },
  "PRV-NON-PORTABLE": {
    problem: "provider record that does not survive a zone-file copy",
    meaning: "The old provider synthesises this record (ALIAS, proxied, geo…); a plain zone file cannot carry it.",
    fix: "Recreate it with the new provider's equivalent feature, or with plain records.",
  },
  "PRV-DEPENDENCY": {
    problem: "points into a provider",
    meaning:
      "The record points at a host of a provider (CDN, mail, verification); that provider must keep accepting it.",
    fix: "Confirm with the provider that the target keeps working after the move.",
  },
  "SEC-DS-NO-DNSKEY": {
    problem: "the parent's DS matches no DNSKEY at the new operator",
    meaning: "Validating resolvers will reject every answer from the new servers (bogus).",
    fix: "Run a multi-signer handover (import the new KSK's DS first), or remove the DS before the move.",
  },
  "SEC-DS-NO-PLAN": {
    problem: "a signed zone moves without a DNSSEC plan",
    meaning: "The zone is signed and changes operator; without a plan the chain of trust breaks.",
    fix: "State the DNSSEC plan on the schedule page (multi-signer, remove DS, or unsigned).",
  },
  "SEC-UNSIGNED": {
    problem: "DNSSEC status",
    meaning: "Whether the zone is signed today.",
    fix: "Nothing to do; it informs the DNSSEC plan.",
  },
  "SEC-RRSIG-VALIDITY": {
    problem: "signatures expire during the overlap",
    meaning: "RRSIGs that expire before the old servers stop serving leave cached data unverifiable.",
    fix: "Re-sign with longer validity at the old operator before the window.",
  },
  "SEC-CDS-CDNSKEY": {
    problem: "CDS/CDNSKEY disagree with the served keys",
    meaning: "A parent that reads CDS would install a DS for a key the zone does not serve.",
    fix: "Publish CDS/CDNSKEY only for served keys, or remove them.",
  },
  "TIM-OVERLAP": {
    problem: "minimum overlap and window length",
    meaning: "How long the old servers must keep serving after the switch, from the measured TTLs.",
    fix: "Plan the window and keep the old zone served at least that long.",
  },
  "TIM-NEGATIVE-TTL": {
    problem: "negative caching TTL",
    meaning: "How long resolvers cache that a name does not exist.",
    fix: "Nothing; it feeds the timing.",
  },
  "TIM-WINDOW-TOO-SHORT": {
    problem: "the window is too short",
    meaning: "The planned window is shorter than the minimum overlap the TTLs require.",
    fix: "Lengthen the window on the schedule page, or lower the TTLs first.",
  },
  "TIM-TTL-LOWERING": {
    problem: "TTL not lowered before the window",
    meaning: "Records that change keep their long TTL, so the old data stays cached longer after the switch.",
    fix: "Lower the TTLs at least one old TTL before the window.",
  },
  "TIM-PARENT-TTL-UNMEASURED": {
    problem: "parent TTLs not measured",
    meaning: "The parent's NS/DS TTLs could not be read; the overlap is computed from defaults.",
    fix: "Run the live check with the delegation walk (root hints) so the parent is asked.",
  },
  "SVC-MX-TARGET": {
    problem: "MX target does not resolve",
    meaning: "Mail for this name bounces or queues at senders.",
    fix: "Publish A/AAAA records for the MX target, or correct the MX record.",
  },
  "SVC-SPF": {
    problem: "more than one SPF record",
    meaning: "Two SPF records make SPF evaluation a permanent error (RFC 7208 §4.5): mail may be rejected.",
    fix: "Merge them into one v=spf1 record.",
  },
  "SVC-DMARC": {
    problem: "DMARC policy missing or weak",
    meaning: "Without an enforcing DMARC policy others can send mail in the domain's name.",
    fix: "Publish _dmarc with p=quarantine or p=reject once reports are clean.",
  },
  "SVC-DKIM": {
    problem: "DKIM selector not found",
    meaning: "Mail signed with this selector fails DKIM after the move if the key is not copied.",
    fix: "Copy the selector's TXT record to the new operator.",
  },
  "SVC-MAIL-PTR": {
    problem: "mail host's PTR does not point back",
    meaning: "Receivers distrust mail from addresses whose reverse name does not match.",
    fix: "Ask the address owner to set a PTR matching the mail host name.",
  },
  "SVC-MTA-STS": {
    problem: "MTA-STS record and policy disagree",
    meaning: "Senders enforcing MTA-STS may refuse to deliver mail.",
    fix: "Keep _mta-sts, the mta-sts host and its policy file consistent at the new operator.",
  },
  "SVC-CAA": {
    problem: "CAA and the issuers in use",
    meaning: "Which certificate authorities may issue for the domain.",
    fix: "Make sure CAA lists every CA you use before renewals.",
  },
  "SVC-ACME-CHALLENGE": {
    problem: "_acme-challenge delegation missing",
    meaning: "Automated certificate renewal that relies on this delegation fails after the move.",
    fix: "Copy the _acme-challenge NS/CNAME records to the new operator.",
  },
  "SVC-HTTP": {
    problem: "web host does not answer",
    meaning: "The host answers HTTP(S) differently or not at all.",
    fix: "Check the web server for the name before the move.",
  },
  "SVC-TLS-NAMES": {
    problem: "certificate does not cover the name",
    meaning: "Browsers will show a certificate error for this host.",
    fix: "Issue a certificate that covers the name.",
  },
  "SVC-XFR-PATH": {
    problem: "zone transfers do not reach a secondary",
    meaning: "A secondary that cannot transfer the zone serves stale data and eventually expires it.",
    fix: "Allow AXFR/IXFR from the primary to every secondary (ACLs, TSIG keys).",
  },
  "REG-MANUAL-EVIDENCE": {
    problem: "registration status not available",
    meaning: "RDAP gave no status for the domain; the registrar must confirm it.",
    fix: "Ask the losing registrar for the domain's status and record it.",
  },
  "REG-STATUS": {
    problem: "a status blocks the transfer",
    meaning: "clientTransferProhibited or a server lock stops the registrar transfer.",
    fix: "Ask the losing registrar to remove the lock before the window.",
  },
  "REG-EXPIRY": {
    problem: "the domain expires before the window",
    meaning: "An expired domain cannot be transferred and stops resolving.",
    fix: "Renew the domain before the window.",
  },
  "REG-TRANSFER-LOCK": {
    problem: "60-day transfer lock",
    meaning: "ICANN policy forbids a transfer within 60 days of registration or a previous transfer.",
    fix: "Plan the window after the lock ends.",
  },
  "REG-REGISTRAR": {
    problem: "registrar differs from the declared one",
    meaning: "RDAP names another registrar than the transfer's losing registrar.",
    fix: "Correct the transfer's facts, or check with the registrant.",
  },
  "REG-NAMESERVERS": {
    problem: "RDAP name servers differ from the delegation",
    meaning: "The registry's record and what the parent refers to disagree.",
    fix: "Ask the registrar to correct the name servers.",
  },
  "OPS-HOSTING-ANSWER": {
    problem: "“Does DNS hosting move?” is unanswered",
    meaning: "The checks cannot tell which operator must serve the zone after the move.",
    fix: "Answer it in the transfer's facts or on the invite page.",
  },
  "OPS-NS-PLAN": {
    problem: "planned NS inconsistent with the hosting answer",
    meaning: "The planned name servers do not fit whether DNS hosting moves.",
    fix: "Correct the planned name servers or the hosting answer.",
  },
  "OPS-NEW-NOT-SERVING": {
    problem: "the new operator does not serve the zone",
    meaning: "DNS hosting moves but the new servers do not answer for the zone yet.",
    fix: "Create the zone at the new operator before the delegation changes.",
  },
  "OPS-CONTACTS": {
    problem: "contacts or escalation missing",
    meaning: "A party has no contact or escalation path for the window.",
    fix: "Complete every party on the schedule page.",
  },
  "OPS-WINDOW-WEEKEND": {
    problem: "window on a weekend or holiday",
    meaning: "Fewer people are reachable; allowed when contacts confirmed on call.",
    fix: "Move the window, or confirm every party on call.",
  },
  "OPS-MONITORING": {
    problem: "no monitoring plan",
    meaning: "Nobody is named to watch resolution during and after the switch.",
    fix: "State the monitoring plan on the schedule page.",
  },
  "OPS-ROLLBACK": {
    problem: "rollback not documented with real TTLs",
    meaning: "A rollback takes as long as the cached delegation lives; without it nobody knows how long.",
    fix: "Document the rollback steps and the propagation time they assume.",
  },
  "OPS-OLD-ZONE-KEPT": {
    problem: "old zone not kept through the overlap",
    meaning: "If the old operator deletes the zone before caches expire, resolvers get errors.",
    fix: "Keep the old zone served until the overlap ends.",
  },
};

export interface GlossaryEntry extends GlossaryText {
  id: string;
  family: Family;
  severity: Severity;
  /** The catalogue's title: what the check requires. */
  title: string;
}

export const GLOSSARY: readonly GlossaryEntry[] = CATALOGUE.map((c) => ({
  id: c.id,
  family: c.family,
  severity: c.severity,
  title: c.title,
  ...(TEXT[c.id] ?? { problem: c.title, meaning: c.title, fix: "" }),
}));

const BY_ID = new Map(GLOSSARY.map((g) => [g.id, g]));

/** The plain title of a finding of `checkId`; an id unknown to the catalogue (an older run's) is shown as is. */
export function plainTitle(checkId: string): string {
  return BY_ID.get(checkId)?.problem ?? checkId;
}

export function glossaryEntry(checkId: string): GlossaryEntry | undefined {
  return BY_ID.get(checkId);
}

/** The glossary page's anchor for a check id. */
export function glossaryAnchor(checkId: string): string {
  return `check-${checkId}`;
}

/** For the test: ids with text that no check has any more, and checks without text. */
export function glossaryGaps(): { stale: string[]; missing: string[] } {
  const ids = new Set(CATALOGUE.map((c) => c.id));
  return { stale: Object.keys(TEXT).filter((k) => !ids.has(k)), missing: [...ids].filter((k) => !(k in TEXT)) };
}
