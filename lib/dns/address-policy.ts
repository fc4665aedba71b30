/**
 * Which destination addresses live queries may go to (DESIGN §5 "Safety").
 * Special-purpose ranges from the IANA IPv4/IPv6 Special-Purpose Address
 * Registries (RFC 6890) are refused unless the operator allows them.
 */
import { isIP } from "node:net";

export type AddressClass =
  "public" | "loopback" | "private" | "link-local" | "cgnat" | "multicast" | "reserved" | "invalid";

type V4Range = [number, number, AddressClass]; // base, prefix length, class

const V4: V4Range[] = [
  [ip4("0.0.0.0"), 8, "reserved"], // RFC 1122 "this network"
  [ip4("10.0.0.0"), 8, "private"], // RFC 1918
  [ip4("100.64.0.0"), 10, "cgnat"], // RFC 6598
  [ip4("127.0.0.0"), 8, "loopback"], // RFC 1122
  [ip4("169.254.0.0"), 16, "link-local"], // RFC 3927
  [ip4("172.16.0.0"), 12, "private"], // RFC 1918
  [ip4("192.0.0.0"), 24, "reserved"], // RFC 6890 IETF protocol assignments
  [ip4("192.0.2.0"), 24, "reserved"], // RFC 5737 documentation
  [ip4("192.88.99.0"), 24, "reserved"], // RFC 7526 deprecated 6to4 relay
  [ip4("192.168.0.0"), 16, "private"], // RFC 1918
  [ip4("198.18.0.0"), 15, "reserved"], // RFC 2544 benchmarking
  [ip4("198.51.100.0"), 24, "reserved"], // RFC 5737
  [ip4("203.0.113.0"), 24, "reserved"], // RFC 5737
  [ip4("224.0.0.0"), 4, "multicast"], // RFC 5771
  [ip4("240.0.0.0"), 4, "reserved"], // RFC 1112 (incl. broadcast)
];

function ip4(text: string): number {
  const p = text.split(".").map(Number);
  return ((p[0] << 24) >>> 0) + (p[1] << 16) + (p[2] << 8) + p[3];
}

function classifyV4(text: string): AddressClass {
  const v = ip4(text);
  for (const [base, len, cls] of V4) {
    const mask = len === 0 ? 0 : (0xffffffff << (32 - len)) >>> 0;
    if ((v & mask) >>> 0 === base) return cls;
  }
  return "public";
}

/** Expand an IPv6 address to 8 16-bit groups (handles "::" and embedded IPv4). */
function groups6(text: string): number[] | null {
  let s = text.toLowerCase();
  const pct = s.indexOf("%");
  if (pct >= 0) s = s.slice(0, pct);
  let tail: number[] = [];
  const lastColon = s.lastIndexOf(":");
  const last = s.slice(lastColon + 1);
  if (last.includes(".")) {
    if (isIP(last) !== 4) return null;
    const v = ip4(last);
    tail = [v >>> 16, v & 0xffff];
    s = s.slice(0, lastColon + 1) + "0:0";
  }
  const halves = s.split("::");
  if (halves.length > 2) return null;
  const parse = (h: string) => (h === "" ? [] : h.split(":").map((x) => parseInt(x, 16)));
  const head = parse(halves[0]);
  const rest = halves.length === 2 ? parse(halves[1]) : [];
  const fill = 8 - head.length - rest.length;
  if (fill < 0 || (halves.length === 1 && fill !== 0)) return null;
  const g = [...head, ...new Array(fill).fill(0), ...rest];
  if (tail.length) {
    g[6] = tail[0];
    g[7] = tail[1];
  }
  return g.some((x) => Number.isNaN(x)) ? null : g;
}

/** The IPv4 address embedded in an IPv6 address by a translation or tunnelling scheme, with the scheme's name. */
export function embeddedIpv4(address: string): { v4: string; scheme: string } | null {
  if (isIP(address) !== 6) return null;
  const g = groups6(address);
  if (!g) return null;
  const v4 = (hi: number, lo: number) => `${hi >> 8}.${hi & 0xff}.${lo >> 8}.${lo & 0xff}`;
  const zero5 = g.slice(0, 5).every((x) => x === 0);
  // ::ffff:a.b.c.d (RFC 4291 §2.5.5.2): the kernel sends these to the IPv4 address itself.
  if (zero5 && g[5] === 0xffff) return { v4: v4(g[6], g[7]), scheme: "IPv4-mapped" };
  // ::a.b.c.d (RFC 4291 §2.5.5.1, deprecated); :: and ::1 excluded.
  if (zero5 && g[5] === 0 && (g[6] !== 0 || g[7] > 1)) return { v4: v4(g[6], g[7]), scheme: "IPv4-compatible" };
  // 64:ff9b::/96 well-known NAT64 prefix (RFC 6052 §2.1): a translator forwards to the IPv4 address.
  if (g[0] === 0x0064 && g[1] === 0xff9b && g[2] === 0 && g[3] === 0 && g[4] === 0 && g[5] === 0)
    return { v4: v4(g[6], g[7]), scheme: "NAT64" };
  // 2002:V4ADDR::/48 6to4 (RFC 3056 §2): the tunnel endpoint is the IPv4 address.
  if (g[0] === 0x2002) return { v4: v4(g[1], g[2]), scheme: "6to4" };
  return null;
}

function classifyV6(text: string): AddressClass {
  const g = groups6(text);
  if (!g) return "invalid";
  const zeroPrefix = g.slice(0, 5).every((x) => x === 0);
  if (zeroPrefix && g[5] === 0 && g[6] === 0 && (g[7] === 0 || g[7] === 1)) return g[7] === 1 ? "loopback" : "reserved";
  // Addresses that embed an IPv4 address are judged by it when it is special (the packet ends up there),
  // and stay reserved otherwise (only IPv4-mapped reaches an ordinary IPv4 host directly).
  const e = embeddedIpv4(text);
  if (e) {
    const c = classifyV4(e.v4);
    if (c !== "public") return c;
    return e.scheme === "IPv4-mapped" ? "public" : "reserved";
  }
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local, RFC 4193
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g[0] & 0xff00) === 0xff00) return "multicast"; // ff00::/8
  if ((g[0] & 0xffc0) === 0xfec0) return "reserved"; // deprecated site-local, RFC 3879
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation, RFC 3849
  if (g[0] === 0x0064 && g[1] === 0xff9b) return "reserved"; // NAT64 local-use 64:ff9b:1::/48, RFC 8215
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "reserved"; // discard, RFC 6666
  if (g[0] === 0x2001 && g[1] < 0x0200) return "reserved"; // 2001::/23 IETF protocol assignments (Teredo embeds IPv4 too)
  if ((g[0] & 0xe000) !== 0x2000) return "reserved"; // outside global unicast 2000::/3
  return "public";
}

export function classifyAddress(address: string): AddressClass {
  const v = isIP(address);
  if (v === 4) return classifyV4(address);
  if (v === 6) return classifyV6(address);
  return "invalid";
}

/** Non-public destinations allowed (lib/net/private-scope.ts: the operator's CUTOVER_ALLOW_PRIVATE). */
export type PrivateScope = "none" | "loopback" | "private";

export interface AddressPolicy {
  /**
   * Non-public destinations allowed: true/"private" = loopback, private, link-local, CGNAT and
   * reserved (labs); "loopback" = loopback only; false/"none" = none.
   */
  allowPrivate: boolean | PrivateScope;
  /**
   * Exact addresses allowed even when allowPrivate is off (e.g. a lab root on
   * 127.0.0.1 while every address learnt from answers stays checked).
   */
  allowAddresses?: readonly string[];
}

/**
 * The IPv4 address inet_aton(3) would read from a legacy spelling — one to
 * four parts, each decimal, octal (leading 0) or hex (0x) — or null when the
 * text is not such a spelling. getaddrinfo accepts these ("2130706433",
 * "0x7f.0.0.1", "0177.0.0.1" are all 127.0.0.1), so a text that is not a
 * canonical address must never reach the socket layer.
 */
export function legacyIpv4(text: string): string | null {
  const parts = text.split(".");
  if (parts.length < 1 || parts.length > 4) return null;
  const nums: number[] = [];
  for (const p of parts) {
    let n: number;
    if (/^0x[0-9a-f]*$/i.test(p)) n = p.length === 2 ? 0 : parseInt(p.slice(2), 16);
    else if (/^0[0-7]*$/.test(p)) n = parseInt(p, 8);
    else if (/^[1-9][0-9]*$/.test(p)) n = parseInt(p, 10);
    else return null;
    nums.push(n);
  }
  const last = nums.pop()!;
  const lastBits = 8 * (4 - nums.length);
  if (nums.some((n) => n > 255) || last >= 2 ** lastBits) return null;
  let v = 0;
  for (const n of nums) v = v * 256 + n;
  v = v * 2 ** lastBits + last;
  return `${Math.floor(v / 2 ** 24) % 256}.${Math.floor(v / 2 ** 16) % 256}.${Math.floor(v / 256) % 256}.${v % 256}`;
}

/**
 * What a text that is not an IP address would turn into if it reached the
 * socket layer (which resolves names and legacy spellings), as " (…)", or "".
 */
export function whyNotAddress(address: string): string {
  const legacy = legacyIpv4(address);
  if (legacy !== null)
    return ` (the system resolver would read it as ${legacy}, a ${classifyV4(legacy)} address; write addresses as dotted decimal IPv4 or IPv6)`;
  const lower = address.toLowerCase().replace(/\.$/, "");
  if (lower === "localhost" || lower.endsWith(".localhost"))
    return " (a host name for loopback, RFC 6761 §6.3; names are never resolved through the system resolver)";
  return "";
}

/** Why a text that is not an IP address is refused (it is never resolved nor reinterpreted). */
function notAnAddress(address: string): string {
  const why = whyNotAddress(address);
  return `"${address}" is not an IP address${why || " (host names are never resolved through the system resolver)"}`;
}

/** null when allowed; otherwise the reason. Multicast and invalid are never allowed. */
export function checkAddress(address: string, policy: AddressPolicy): string | null {
  const cls = classifyAddress(address);
  if (cls === "public") return null;
  if (cls === "invalid") return notAnAddress(address);
  if (cls === "multicast") return `${address} is a multicast address`;
  const scope = policy.allowPrivate === true ? "private" : policy.allowPrivate === false ? "none" : policy.allowPrivate;
  if (scope === "private" || (scope === "loopback" && cls === "loopback") || policy.allowAddresses?.includes(address))
    return null;
  const e = embeddedIpv4(address);
  const how = e ? ` (${e.scheme} form of ${e.v4})` : "";
  const allow = scope === "loopback" ? "only loopback is allowed here" : "allow with --allow-private";
  return `${address} is a ${cls} address${how} (${allow})`;
}
