/**
 * Domain names as users type them: IDNs accepted, stored as the A-label
 * (UTS #46 via WHATWG URL's domainToASCII), shown in both forms.
 */
import { domainToASCII, domainToUnicode } from "node:url";

export interface DomainForms {
  /** Lowercase A-label form without trailing dot ("xn--bcher-kva.test"). */
  ascii: string;
  /** Unicode form for display ("bücher.test"). */
  unicode: string;
}

// RFC 1035 §2.3.4: 63 octets per label, 255 per name (253 in text without the root dot).
const LABEL = /^(?!-)[a-z0-9-]{1,63}(?<!-)$/;

/** null when the text is not a usable domain name (hostname syntax, ≥ 2 labels). */
export function normalizeDomain(input: string): DomainForms | null {
  const trimmed = input.trim().replace(/\.$/, "");
  if (trimmed === "" || /\s/.test(trimmed)) return null;
  const ascii = domainToASCII(trimmed).toLowerCase();
  if (ascii === "" || ascii.length > 253) return null;
  const labels = ascii.split(".");
  if (labels.length < 2) return null;
  // "xn--" is allowed by LABEL; underscores are not (a registrable domain is a hostname, RFC 952/1123).
  if (!labels.every((l) => LABEL.test(l))) return null;
  if (/^[0-9]+$/.test(labels[labels.length - 1] ?? "")) return null;
  return { ascii, unicode: domainToUnicode(ascii) };
}
