/**
 * Which destination addresses live queries may go to (DESIGN §5 "Safety").
 * Special-purpose ranges from the IANA IPv4/IPv6 Special-Purpose Address
 * Registries (RFC 6890) are refused unless the operator allows them.
 */
import { isIP } from "node:net";

export type AddressClass =
  | "public"
  | "loopback"
  | "private"
  | "link-local"
  | "cgnat"
  | "multicast"
  | "reserved"
  | "invalid";

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
    if (((v & mask) >>> 0) === base) return cls;
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

function classifyV6(text: string): AddressClass {
  const g = groups6(text);
  if (!g) return "invalid";
  const zeroPrefix = g.slice(0, 5).every((x) => x === 0);
  if (zeroPrefix && g[5] === 0 && g[6] === 0 && (g[7] === 0 || g[7] === 1)) return g[7] === 1 ? "loopback" : "reserved";
  // IPv4-mapped ::ffff:a.b.c.d: classify the embedded IPv4 address.
  if (zeroPrefix && g[5] === 0xffff) {
    return classifyV4(`${g[6] >> 8}.${g[6] & 0xff}.${g[7] >> 8}.${g[7] & 0xff}`);
  }
  if ((g[0] & 0xfe00) === 0xfc00) return "private"; // fc00::/7 unique local, RFC 4193
  if ((g[0] & 0xffc0) === 0xfe80) return "link-local"; // fe80::/10
  if ((g[0] & 0xff00) === 0xff00) return "multicast"; // ff00::/8
  if ((g[0] & 0xffc0) === 0xfec0) return "reserved"; // deprecated site-local, RFC 3879
  if (g[0] === 0x2001 && g[1] === 0x0db8) return "reserved"; // documentation, RFC 3849
  if (g[0] === 0x0064 && g[1] === 0xff9b) return "reserved"; // NAT64, RFC 6052/8215
  if (g[0] === 0x0100 && g[1] === 0 && g[2] === 0 && g[3] === 0) return "reserved"; // discard, RFC 6666
  if (g[0] === 0x2002) return "reserved"; // 6to4 embeds arbitrary IPv4, RFC 3056
  if (g[0] === 0x2001 && g[1] < 0x0200) return "reserved"; // 2001::/23 IETF protocol assignments
  if ((g[0] & 0xe000) !== 0x2000) return "reserved"; // outside global unicast 2000::/3
  return "public";
}

export function classifyAddress(address: string): AddressClass {
  const v = isIP(address);
  if (v === 4) return classifyV4(address);
  if (v === 6) return classifyV6(address);
  return "invalid";
}

export interface AddressPolicy {
  /** Allow loopback, private, link-local, CGNAT and reserved destinations (labs). */
  allowPrivate: boolean;
}

/** null when allowed; otherwise the reason. Multicast and invalid are never allowed. */
export function checkAddress(address: string, policy: AddressPolicy): string | null {
  const cls = classifyAddress(address);
  if (cls === "public") return null;
  if (cls === "invalid") return `"${address}" is not an IP address`;
  if (cls === "multicast") return `${address} is a multicast address`;
  if (policy.allowPrivate) return null;
  return `${address} is a ${cls} address (allow with --allow-private)`;
}
