/**
 * RCODE mnemonics as dig prints them: RFC 1035 §4.1.1 (0–5), RFC 2136 §2.2 (6–10; NOTAUTH also RFC 8945 §5.2).
 * Extended RCODEs above 15 (RFC 6891 §6.1.3) have no name here: callers show the number.
 */
const NAMES: readonly string[] = [
  "NOERROR",
  "FORMERR",
  "SERVFAIL",
  "NXDOMAIN",
  "NOTIMP",
  "REFUSED",
  "YXDOMAIN",
  "YXRRSET",
  "NXRRSET",
  "NOTAUTH",
  "NOTZONE",
];

/** The mnemonic of an RCODE, or undefined for one without a name. */
export function rcodeName(rcode: number): string | undefined {
  return Number.isInteger(rcode) && rcode >= 0 ? NAMES[rcode] : undefined;
}
