/**
 * RR type and class registry (IANA "Resource Record (RR) TYPEs" and
 * "DNS CLASSes"). Mnemonics are matched case-insensitively; TYPEnnn and
 * CLASSnnn are the RFC 3597 §5 generic forms, accepted for every number.
 *
 *   typeFromText("mx") -> 15, typeFromText("TYPE65534") -> 65534, unknown -> undefined
 *   typeToText(15) -> "MX", typeToText(65534) -> "TYPE65534"
 *   classFromText("IN"|"in"|"CLASS1") -> 1; classToText(1) -> "IN"
 */

/** Named type numbers used across lib/zone (avoid magic numbers in codecs). */
export const T = {
  A: 1,
  NS: 2,
  MD: 3,
  MF: 4,
  CNAME: 5,
  SOA: 6,
  MB: 7,
  MG: 8,
  MR: 9,
  NULL: 10,
  WKS: 11,
  PTR: 12,
  HINFO: 13,
  MINFO: 14,
  MX: 15,
  TXT: 16,
  RP: 17,
  AFSDB: 18,
  X25: 19,
  ISDN: 20,
  RT: 21,
  NSAP: 22,
  NSAP_PTR: 23,
  SIG: 24,
  KEY: 25,
  PX: 26,
  GPOS: 27,
  AAAA: 28,
  LOC: 29,
  NXT: 30,
  EID: 31,
  NIMLOC: 32,
  SRV: 33,
  ATMA: 34,
  NAPTR: 35,
  KX: 36,
  CERT: 37,
  A6: 38,
  DNAME: 39,
  SINK: 40,
  OPT: 41,
  APL: 42,
  DS: 43,
  SSHFP: 44,
  IPSECKEY: 45,
  RRSIG: 46,
  NSEC: 47,
  DNSKEY: 48,
  DHCID: 49,
  NSEC3: 50,
  NSEC3PARAM: 51,
  TLSA: 52,
  SMIMEA: 53,
  HIP: 55,
  NINFO: 56,
  RKEY: 57,
  TALINK: 58,
  CDS: 59,
  CDNSKEY: 60,
  OPENPGPKEY: 61,
  CSYNC: 62,
  ZONEMD: 63,
  SVCB: 64,
  HTTPS: 65,
  DSYNC: 66,
  HHIT: 67,
  BRID: 68,
  SPF: 99,
  UINFO: 100,
  UID: 101,
  GID: 102,
  UNSPEC: 103,
  NID: 104,
  L32: 105,
  L64: 106,
  LP: 107,
  EUI48: 108,
  EUI64: 109,
  NXNAME: 128,
  TKEY: 249,
  TSIG: 250,
  IXFR: 251,
  AXFR: 252,
  MAILB: 253,
  MAILA: 254,
  ANY: 255,
  URI: 256,
  CAA: 257,
  AVC: 258,
  DOA: 259,
  AMTRELAY: 260,
  RESINFO: 261,
  WALLET: 262,
  CLA: 263,
  IPN: 264,
  TA: 32768,
  DLV: 32769,
  /** PowerDNS private-use numbers (not IANA-assigned). */
  ALIAS: 65401,
  LUA: 65402,
} as const;

// Presentation mnemonics; NSAP-PTR keeps its hyphen.
const TYPE_NAMES: [string, number][] = Object.entries(T).map(([k, v]) => [k === "NSAP_PTR" ? "NSAP-PTR" : k, v]);

const typeByName = new Map<string, number>();
const nameByType = new Map<number, string>();
for (const [name, num] of TYPE_NAMES) {
  typeByName.set(name, num);
  nameByType.set(num, name);
}

const CLASSES: [string, number][] = [
  ["IN", 1],
  ["CH", 3],
  ["HS", 4],
  ["NONE", 254],
  ["ANY", 255],
];
const classByName = new Map<string, number>(CLASSES);
const nameByClass = new Map<number, string>(CLASSES.map(([n, v]) => [v, n]));

/** Parse "<prefix>nnn" (prefix already matched case-insensitively) as 0..65535, else undefined. */
function genericNumber(text: string, prefixLen: number): number | undefined {
  const n = text.length;
  if (n <= prefixLen || n > prefixLen + 5) return undefined;
  let v = 0;
  for (let i = prefixLen; i < n; i++) {
    const c = text.charCodeAt(i);
    if (c < 0x30 || c > 0x39) return undefined;
    v = v * 10 + (c - 0x30);
  }
  return v <= 0xffff ? v : undefined;
}

function startsWithCI(text: string, prefix: string): boolean {
  if (text.length < prefix.length) return false;
  for (let i = 0; i < prefix.length; i++) {
    let c = text.charCodeAt(i);
    if (c >= 0x61 && c <= 0x7a) c -= 32;
    if (c !== prefix.charCodeAt(i)) return false;
  }
  return true;
}

export function typeFromText(text: string): number | undefined {
  // Fast path: exact upper-case hit (the common spelling in zone files).
  const hit = typeByName.get(text);
  if (hit !== undefined) return hit;
  const upper = text.toUpperCase();
  const v = typeByName.get(upper);
  if (v !== undefined) return v;
  if (startsWithCI(text, "TYPE")) return genericNumber(text, 4);
  return undefined;
}

export function typeToText(type: number): string {
  return nameByType.get(type) ?? `TYPE${type}`;
}

export function classFromText(text: string): number | undefined {
  const hit = classByName.get(text) ?? classByName.get(text.toUpperCase());
  if (hit !== undefined) return hit;
  if (startsWithCI(text, "CLASS")) return genericNumber(text, 5);
  return undefined;
}

export function classToText(cls: number): string {
  return nameByClass.get(cls) ?? `CLASS${cls}`;
}

/** OPT, TKEY, TSIG, IXFR, AXFR, MAILB, MAILA, ANY: query/transaction types that cannot appear in a zone (RFC 6895 §3.1). */
export function isMetaType(type: number): boolean {
  return type === 41 || (type >= 249 && type <= 255);
}

/**
 * Types that only exist inside one provider's software (PowerDNS ALIAS and
 * LUA use private-use numbers, RFC 6895 §3.1: 65280-65534): importers report
 * them as provider records instead of portable data.
 */
export function isProviderOnlyType(type: number): boolean {
  return type === T.ALIAS || type === T.LUA;
}

/** True when the registry has a mnemonic for the type. */
export function isKnownType(type: number): boolean {
  return nameByType.has(type);
}
