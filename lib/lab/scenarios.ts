/**
 * The DNS lab as data (DESIGN §9): which server plays which role on which
 * loopback address, and per scenario which zone text each server serves.
 */
import { readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";

export type Role = "root" | "tld" | "old-primary" | "old-secondary" | "new-operator" | "provider" | "hidden-primary";
export type Implementation = "bind" | "nsd" | "knot";

export interface LabServer {
  /** A lab role, or any id for ad-hoc servers (benchmarks). */
  role: Role | (string & {});
  impl: Implementation;
  /** Host names this server answers as (glue in the parent zones). */
  names: string[];
  /** named only listens on addresses present on an interface: 127.0.0.1. */
  address: string;
  /** IPv6 addresses it also listens on (only ::1 exists on loopback, so one server at most). */
  v6?: string[];
}

export interface LabRoleServer extends LabServer {
  role: Role;
}

export const LAB_SERVERS: LabRoleServer[] = [
  { role: "old-primary", impl: "bind", names: ["ns1.oldhost.test."], address: "127.0.0.1" },
  { role: "root", impl: "knot", names: ["a.root.test."], address: "127.0.0.2" },
  { role: "tld", impl: "nsd", names: ["ns.tld.test."], address: "127.0.0.3" },
  { role: "old-secondary", impl: "nsd", names: ["ns2.oldhost.test."], address: "127.0.0.4", v6: ["::1"] },
  { role: "new-operator", impl: "knot", names: ["ns1.newhost.test."], address: "127.0.0.5" },
  { role: "provider", impl: "knot", names: ["ns-101.awsdns-12.com.", "ns-877.awsdns-45.net."], address: "127.0.0.7" },
  // A stealth primary (SOA MNAME, not among the NS): only the scenarios that need it answering start it.
  { role: "hidden-primary", impl: "nsd", names: ["hidden.oldhost.test."], address: "127.0.0.6" },
];

export function serverFor(role: Role): LabRoleServer {
  const s = LAB_SERVERS.find((x) => x.role === role);
  if (!s) throw new Error(`no lab server for ${role}`);
  return s;
}

/** Lab-only TSIG key for AXFR from the old primary (RFC 8945, HMAC-SHA256). Not a secret. */
export const LAB_TSIG = {
  name: "cutover-lab-xfr.",
  algorithm: "hmac-sha256",
  secret: "Y3V0b3Zlci1sYWItdHNpZy1rZXktbm90LWEtc2VjcmV0IQ==",
};

const here = dirname(fileURLToPath(import.meta.url));
const zoneFile = (f: string) => readFileSync(join(here, "zones", f), "latin1");

/** What the old operator's servers really serve (shared fixture). */
export const LIVE_ZONE = zoneFile("project.test.live.zone");
/** What the losing registrar's panel exported (lacks the subzones and CDN records). */
export const EXPORT_INCOMPLETE = zoneFile("project.test.export-incomplete.zone");
/** The live zone of the provider-records scenario: consistent with the Route 53 and Cloudflare exports. */
export const PROVIDER_LIVE = zoneFile("project.test.provider-live.zone");
/** The live zone plus a lame subzone delegation (legacy.project.test.). */
export const LAME_SUBZONE = zoneFile("project.test.lame-subzone.zone");

const SOA_SERIAL = /2026100201/;

function soa(owner: string, mname: string, serial = 1): string {
  return `${owner} 3600 IN SOA ${mname} hostmaster.${owner === "." ? "" : owner} ${serial} 7200 900 1209600 300\n`;
}

function rootZone(): string {
  return (
    `$TTL 86400\n` +
    soa(".", "a.root.test.") +
    `. 518400 IN NS a.root.test.\n` +
    `test. 172800 IN NS ns.tld.test.\ncom. 172800 IN NS ns.tld.test.\nnet. 172800 IN NS ns.tld.test.\n` +
    `a.root.test. 172800 IN A 127.0.0.2\nns.tld.test. 172800 IN A 127.0.0.3\n` +
    // The reverse zone of the lab's documentation addresses (RFC 5737), served by the TLD server.
    `2.0.192.in-addr.arpa. 172800 IN NS ns.tld.test.\n`
  );
}

/** A DS whose key no lab server publishes (scenario "ds-mismatch"). */
export const STRAY_DS = "project.test. 86400 IN DS 12345 13 2 " + "a1".repeat(32);

/** The DS of lib/lab/keys/Kproject.test.+013+11894 (dnssec-dsfromkey -2): a scenario signing project.test. puts it at the TLD. */
export const PROJECT_DS =
  "project.test. 86400 IN DS 11894 13 2 F4EEF6639D925780CD46CEEBD91430052A9A62BF0DFDB452E585512D1AD99AAF";
/** The DS of lib/lab/keys/Kshop.project.test.+013+00440, for the parent side of shop.project.test. (relative owner). */
export const SHOP_DS_RDATA = "440 13 2 934113B0D2B17C87E810765DB45A2FE166453997913552512514B11194198FB9";

function tldZone(ds: string | null, extra = ""): string {
  return (
    `$TTL 86400\n` +
    soa("test.", "ns.tld.test.") +
    `test. IN NS ns.tld.test.\nns.tld.test. IN A 127.0.0.3\na.root.test. IN A 127.0.0.2\n` +
    `project.test. 172800 IN NS ns1.oldhost.test.\nproject.test. 172800 IN NS ns2.oldhost.test.\n` +
    (ds ? ds + "\n" : "") +
    `ns1.oldhost.test. IN A 127.0.0.1\nns2.oldhost.test. IN A 127.0.0.4\nns2.oldhost.test. IN AAAA ::1\nns1.newhost.test. IN A 127.0.0.5\n` +
    // The hidden primary's address: nothing listens there unless the scenario starts it.
    `hidden.oldhost.test. IN A 127.0.0.6\n` +
    extra
  );
}

/** Reverse zone for 192.0.2.0/24: the mail host has a PTR that points back (SVC-MAIL-PTR). */
function reverseZone(): string {
  return (
    `$TTL 86400\n` +
    soa("2.0.192.in-addr.arpa.", "ns.tld.test.") +
    `2.0.192.in-addr.arpa. IN NS ns.tld.test.\n25.2.0.192.in-addr.arpa. IN PTR mail.project.test.\n`
  );
}

function gTldZone(tld: "com." | "net."): string {
  const [zone, host] =
    tld === "com." ? ["awsdns-12.com.", "ns-101.awsdns-12.com."] : ["awsdns-45.net.", "ns-877.awsdns-45.net."];
  return (
    `$TTL 86400\n` +
    soa(tld, "ns.tld.test.") +
    `${tld} IN NS ns.tld.test.\n${zone} IN NS ${host}\n${host} IN A 127.0.0.7\n`
  );
}

function providerZones(): Record<string, string> {
  const sub = (z: string, a: string) =>
    `$TTL 300\n` +
    soa(z, "ns-101.awsdns-12.com.") +
    `${z} IN NS ns-101.awsdns-12.com.\n${z} IN NS ns-877.awsdns-45.net.\n${z} 60 IN A ${a}\n`;
  return {
    "awsdns-12.com.":
      `$TTL 86400\n` +
      soa("awsdns-12.com.", "ns-101.awsdns-12.com.") +
      `awsdns-12.com. IN NS ns-101.awsdns-12.com.\nns-101.awsdns-12.com. IN A 127.0.0.7\n`,
    "awsdns-45.net.":
      `$TTL 86400\n` +
      soa("awsdns-45.net.", "ns-877.awsdns-45.net.") +
      `awsdns-45.net. IN NS ns-877.awsdns-45.net.\nns-877.awsdns-45.net. IN A 127.0.0.7\n`,
    "release.project.test.": sub("release.project.test.", "198.51.100.10"),
    "update.project.test.": sub("update.project.test.", "198.51.100.11"),
  };
}

/** The new operator's copy: same data, its own NS and SOA MNAME. */
function newOperatorCopy(zone: string): string {
  return zone
    .replace(/SOA\s+ns1\.oldhost\.test\./, "SOA\tns1.newhost.test.")
    .replace(/@\tIN\tNS\tns1\.oldhost\.test\.\n/, "@\tIN\tNS\tns1.newhost.test.\n")
    .replace(/@\tIN\tNS\tns2\.oldhost\.test\.\n/, "");
}

/** The same zone with a stealth primary in the SOA MNAME (not among the NS). */
function hiddenPrimaryCopy(zone: string, mname = "hidden.oldhost.test."): string {
  return zone.replace(/SOA\s+ns1\.oldhost\.test\./, `SOA\t${mname}`);
}

/** The secondary whose transfer failed: older serial, without the docs CNAME. */
function staleCopy(zone: string): string {
  return zone.replace(SOA_SERIAL, "2026090101").replace(/^docs\t.*\n/m, "");
}

export interface Scenario {
  name: string;
  description: string;
  /** Zones per role (zone name → master-file text). A role without zones is not started. */
  zones: Partial<Record<Role, Record<string, string>>>;
  /** Exports a user would upload in this scenario (relative to lib/lab, else names in lib/zone/import/__fixtures__/exports). */
  sources: string[];
  /** Zones the lab signs at start with their key in lib/lab/keys (the DS in the parents below match those keys). */
  sign?: string[];
  /** Who may transfer the zone per role (default: the lab key / loopback); "none" makes the snapshot ask name by name. */
  transfer?: Partial<Record<Role, "none" | "any">>;
  /** The new operator's servers as a user gives them (default ns1.newhost.test=127.0.0.5). */
  newServers?: { name: string; address: string }[];
}

function base(opts: {
  old?: string;
  secondary?: string | null;
  primary?: boolean;
  neu?: string | null;
  /** true: a stray DS no server's key matches; a string: that DS record at the TLD. */
  ds?: boolean | string;
  hidden?: string;
  /** More zones the old primary and secondary serve (a child zone on the same servers). */
  oldExtra?: Record<string, string>;
  /** More zones the provider's servers serve (a child delegated there). */
  providerExtra?: Record<string, string>;
  /** More zones the new operator serves, and more lines of the TLD zone (their delegations). */
  newExtra?: Record<string, string>;
  tldExtra?: string;
}): Scenario["zones"] {
  const live = opts.old ?? LIVE_ZONE;
  const zones: Scenario["zones"] = {
    root: { ".": rootZone() },
    tld: {
      "test.": tldZone(opts.ds === true ? STRAY_DS : opts.ds || null, opts.tldExtra),
      "com.": gTldZone("com."),
      "net.": gTldZone("net."),
      "2.0.192.in-addr.arpa.": reverseZone(),
    },
    provider: { ...providerZones(), ...opts.providerExtra },
  };
  if (opts.primary !== false) zones["old-primary"] = { "project.test.": live, ...opts.oldExtra };
  if (opts.secondary !== null) zones["old-secondary"] = { "project.test.": opts.secondary ?? live, ...opts.oldExtra };
  if (opts.neu !== null)
    zones["new-operator"] = { "project.test.": opts.neu ?? newOperatorCopy(live), ...opts.newExtra };
  if (opts.hidden) zones["hidden-primary"] = { "project.test.": opts.hidden };
  return zones;
}

export const SCENARIOS: Scenario[] = [
  {
    name: "clean-move",
    description: "old primary, secondary and new operator serve the same data; DNS hosting moves",
    zones: base({}),
    sources: ["zones/project.test.live.zone"],
  },
  {
    name: "incomplete-export",
    description:
      "old servers serve release/update delegations and CDN CNAMEs the registrar export lacks; the new operator loaded the export",
    zones: base({ neu: newOperatorCopy(EXPORT_INCOMPLETE) }),
    sources: ["zones/project.test.export-incomplete.zone"],
  },
  {
    name: "stale-secondary",
    description: "ns2.oldhost.test serves an older serial without the docs record",
    zones: base({ secondary: staleCopy(LIVE_ZONE) }),
    sources: ["zones/project.test.live.zone"],
  },
  {
    name: "primary-down",
    description: "the SOA MNAME server ns1.oldhost.test does not answer",
    zones: base({ primary: false }),
    sources: ["zones/project.test.live.zone"],
  },
  {
    name: "ds-mismatch",
    description: "the parent publishes a DS whose key no server (old or new) serves",
    zones: base({ ds: true }),
    sources: ["zones/project.test.live.zone"],
  },
  {
    name: "provider-records",
    description:
      "the old servers answer what the Route 53 and Cloudflare exports describe (aliases, weighted set, proxied names as plain addresses); the exports hold provider-only records",
    zones: base({ old: PROVIDER_LIVE }),
    sources: ["route53-list-resource-record-sets.json", "cloudflare-export.txt"],
  },
  {
    name: "lame-subzone",
    description: "legacy.project.test. is delegated to provider servers that do not serve it",
    zones: base({ old: LAME_SUBZONE }),
    sources: ["zones/project.test.lame-subzone.zone"],
  },
];

/** The live zone with a wildcard and one name below it held explicitly with other data. */
export const WILDCARD_LIVE = zoneFile("project.test.wildcard.zone");

SCENARIOS.push(
  {
    name: "verbatim-import",
    description:
      "the new operator loaded the old zone verbatim (apex NS still the old operator's) and publishes another address for its in-zone name server ns3.project.test",
    zones: base({ neu: LIVE_ZONE + "ns3\tIN\tA\t127.0.0.9\n" }),
    sources: ["zones/project.test.live.zone"],
    newServers: [
      { name: "ns1.newhost.test", address: "127.0.0.5" },
      { name: "ns3.project.test", address: "127.0.0.5" },
    ],
  },
  {
    name: "hidden-primary",
    description: "the SOA MNAME hidden.oldhost.test. is not among the NS and nothing answers at its address",
    zones: base({ old: hiddenPrimaryCopy(LIVE_ZONE), neu: newOperatorCopy(LIVE_ZONE) }),
    sources: ["zones/project.test.live.zone"],
  },
  {
    name: "hidden-primary-ahead",
    description: "the hidden primary answers, with a newer serial than its NS serve (transfers to the NS broken)",
    zones: base({
      old: hiddenPrimaryCopy(LIVE_ZONE),
      neu: newOperatorCopy(LIVE_ZONE),
      hidden: hiddenPrimaryCopy(LIVE_ZONE).replace(SOA_SERIAL, "2026100202"),
    }),
    sources: ["zones/project.test.live.zone"],
  },
  {
    name: "hidden-primary-unresolved",
    description: "the SOA MNAME nowhere.oldhost.test. is not among the NS and does not exist (NXDOMAIN at the TLD)",
    zones: base({ old: hiddenPrimaryCopy(LIVE_ZONE, "nowhere.oldhost.test."), neu: newOperatorCopy(LIVE_ZONE) }),
    sources: ["zones/project.test.live.zone"],
  },
  {
    name: "wildcard",
    description:
      "`* A` answers every guessed label; ftp.project.test. is held explicitly with another address, and the new operator's copy lacks it (masked by the wildcard)",
    zones: base({ old: WILDCARD_LIVE, neu: newOperatorCopy(WILDCARD_LIVE.replace(/^ftp\t.*\n/m, "")) }),
    sources: ["zones/project.test.wildcard.zone"],
    // The old operator refuses AXFR (as panels do): its view is built from answers, synthesized ones included.
    transfer: { "old-primary": "none", "old-secondary": "none" },
  },
);

/** A child zone: shop.project.test., signed with its lab key (scenario "sign"). */
function shopZone(ns: string[]): string {
  return (
    `$TTL 3600\n` +
    soa("shop.project.test.", ns[0]) +
    ns.map((n) => `shop.project.test. IN NS ${n}\n`).join("") +
    `shop.project.test. IN A 192.0.2.60\nwww.shop.project.test. IN A 192.0.2.61\ncart.shop.project.test. IN A 192.0.2.62\n` +
    (ns.includes("ns.shop.project.test.") ? `ns.shop.project.test. IN A 127.0.0.7\n` : "")
  );
}

/** The live zone with shop.project.test. delegated to the same servers, and its DS at the parent side. */
export const CHILD_EXPORT = zoneFile("project.test.child-export.zone");
const CHILD_LIVE = CHILD_EXPORT.replace(
  /^(shop\tIN\tNS\tns2\.oldhost\.test\.\n)/m,
  `$1shop\tIN\tDS\t${SHOP_DS_RDATA}\n`,
);

/** The realistic move: what the old servers serve (TTLs lowered ahead of the move) and the new operator's own rewrite. */
export const REALISTIC_LIVE = zoneFile("project.test.realistic-live.zone");
export const REALISTIC_NEW = zoneFile("project.test.realistic-new.zone");

SCENARIOS.push(
  {
    name: "ds-handover-done",
    description:
      "project.test. is signed; the parent's DS matches the key old and new servers both serve and sign with (the key handover is already done)",
    zones: base({ ds: PROJECT_DS }),
    sources: ["zones/project.test.live.zone"],
    sign: ["project.test."],
  },
  {
    name: "child-same-servers",
    description:
      "the signed child shop.project.test. is served by the parent's own servers; its DS is at the old parent but missing from the export and at the new operator",
    zones: base({
      old: CHILD_LIVE,
      neu: newOperatorCopy(CHILD_EXPORT),
      oldExtra: { "shop.project.test.": shopZone(["ns1.oldhost.test.", "ns2.oldhost.test."]) },
    }),
    sources: ["zones/project.test.child-export.zone"],
    sign: ["shop.project.test."],
  },
  {
    name: "realistic-clean-move",
    description:
      "a clean move as it really looks: the new operator's own apex NS and SOA, TTLs lowered ahead, other spelling and order, $ORIGIN changes, a wildcard, a signed child delegated with glue and DS, the SPF TXT split into two strings",
    zones: base({
      old: REALISTIC_LIVE,
      neu: REALISTIC_NEW,
      providerExtra: { "shop.project.test.": shopZone(["ns.shop.project.test."]) },
    }),
    sources: ["zones/project.test.realistic-live.zone"],
    sign: ["shop.project.test."],
  },
  {
    name: "child-glue-lost",
    description:
      "the realistic move, but the new operator's zone lacks the glue of the in-bailiwick name server ns.shop.project.test.",
    zones: base({
      old: REALISTIC_LIVE,
      neu: REALISTIC_NEW.replace(/^ns\.shop\.project\.test\.\t.*\n/m, ""),
      providerExtra: { "shop.project.test.": shopZone(["ns.shop.project.test."]) },
    }),
    sources: ["zones/project.test.realistic-live.zone"],
    sign: ["shop.project.test."],
  },
);

const SIGNED_WILDCARD_LIVE = LIVE_ZONE + "*\tIN\tA\t192.0.2.80\n";

SCENARIOS.push({
  name: "wildcard-signed",
  description:
    "signed project.test. with `* A`; the old operator refuses AXFR and the export lacks the wildcard: the names it answers are synthesized (RRSIG labels), one missing wildcard, not one blocker per guessed label",
  zones: base({ old: SIGNED_WILDCARD_LIVE, neu: newOperatorCopy(SIGNED_WILDCARD_LIVE), ds: PROJECT_DS }),
  sources: ["zones/project.test.live.zone"],
  sign: ["project.test."],
  transfer: { "old-primary": "none", "old-secondary": "none" },
});

/** The signed live zone with a third child, shop.project.test., delegated to the parent's own servers (with its DS). */
const NSEC_CHILDREN_LIVE =
  LIVE_ZONE + `shop\tIN\tNS\tns1.oldhost.test.\nshop\tIN\tNS\tns2.oldhost.test.\nshop\tIN\tDS\t${SHOP_DS_RDATA}\n`;
/** The live zone with legacy.project.test. delegated (in-bailiwick server, with glue). */
const LEGACY_CUT_LIVE =
  LIVE_ZONE.replace(SOA_SERIAL, "2026100202") + "legacy\tIN\tNS\tns.legacy\nns.legacy\tIN\tA\t127.0.0.7\n";

SCENARIOS.push(
  {
    name: "nsec-children",
    description:
      "signed project.test. (NSEC) with three children in its chain — release and update delegated elsewhere, the signed shop on the same servers; the old operator refuses AXFR, so the names come from walking the chain past each cut",
    zones: base({
      old: NSEC_CHILDREN_LIVE,
      neu: newOperatorCopy(NSEC_CHILDREN_LIVE),
      ds: PROJECT_DS,
      oldExtra: { "shop.project.test.": shopZone(["ns1.oldhost.test.", "ns2.oldhost.test."]) },
    }),
    sources: ["zones/project.test.live.zone"],
    sign: ["project.test.", "shop.project.test."],
    transfer: { "old-primary": "none", "old-secondary": "none" },
  },
  {
    name: "cut-on-primary-only",
    description:
      "the old primary delegates legacy.project.test. (with glue) since a serial the secondary never transferred; the secondary allows AXFR, the primary refuses it",
    zones: base({ old: LEGACY_CUT_LIVE, secondary: LIVE_ZONE }),
    sources: ["zones/project.test.live.zone"],
  },
);

/**
 * A customer's other, small domains on the same old operator (the portfolio scenario): the live zone as
 * the old servers serve it — the export a registrar panel gives — with $ORIGIN or, `withOrigin` false,
 * absolute names only.
 */
export function portfolioZone(
  domain: string,
  address: string,
  opts: { withOrigin?: boolean; ns?: string[] } = {},
): string {
  const ns = opts.ns ?? ["ns1.oldhost.test.", "ns2.oldhost.test."];
  const d = `${domain}.`;
  const mname = ns[0]!;
  const lines = [
    `${d} 3600 IN SOA ${mname} hostmaster.${d} 2026100201 7200 900 1209600 300`,
    ...ns.map((n) => `${d} 3600 IN NS ${n}`),
    `${d} 3600 IN A ${address}`,
    `www.${d} 3600 IN CNAME ${d}`,
    `${d} 3600 IN TXT "v=spf1 -all"`,
    `_dmarc.${d} 3600 IN TXT "v=DMARC1; p=reject"`,
  ];
  return (opts.withOrigin === false ? "" : `$ORIGIN ${d}\n`) + `$TTL 3600\n` + lines.join("\n") + "\n";
}

/** The portfolio scenario's other domains and their addresses (RFC 5737 documentation range). */
export const PORTFOLIO_DOMAINS = [
  { domain: "alpha.test", address: "192.0.2.31" },
  { domain: "beta.test", address: "192.0.2.32" },
] as const;

SCENARIOS.push({
  name: "portfolio",
  description:
    "a clean move of project.test. and alpha.test., and beta.test. whose new operator copy lost its _dmarc TXT; all three on the same old servers",
  zones: base({
    oldExtra: Object.fromEntries(PORTFOLIO_DOMAINS.map((p) => [`${p.domain}.`, portfolioZone(p.domain, p.address)])),
    newExtra: Object.fromEntries(
      PORTFOLIO_DOMAINS.map((p) => {
        const copy = portfolioZone(p.domain, p.address, { ns: ["ns1.newhost.test."] });
        return [`${p.domain}.`, p.domain === "beta.test" ? copy.replace(/^_dmarc\..*\n/m, "") : copy];
      }),
    ),
    tldExtra: PORTFOLIO_DOMAINS.map(
      (p) => `${p.domain}. 172800 IN NS ns1.oldhost.test.\n${p.domain}. 172800 IN NS ns2.oldhost.test.\n`,
    ).join(""),
  }),
  sources: ["zones/project.test.live.zone"],
});

export function scenario(name: string): Scenario {
  const s = SCENARIOS.find((x) => x.name === name);
  if (!s) throw new Error(`unknown scenario "${name}" (known: ${SCENARIOS.map((x) => x.name).join(", ")})`);
  return s;
}

/** Root hints for the lab, in the format lib/dns reads (master-file lines). */
export function labRootHints(): string {
  return `. 3600000 IN NS a.root.test.\na.root.test. 3600000 IN A 127.0.0.2\n`;
}
