/**
 * Root hints: where the delegation walk starts. Built-in IANA hints
 * (https://www.internic.net/domain/named.root); a file in the same
 * master-file format (or "name=address" lines) replaces them, which is how
 * the lab points the walk at its own root.
 */
import { name as wire, nameKey, parseName } from "../zone/name";

export interface NameServer {
  /** Presentation name, absolute ("a.root-servers.net."). */
  name: string;
  addresses: string[];
}

const IANA: [string, string, string][] = [
  ["a", "198.41.0.4", "2001:503:ba3e::2:30"],
  ["b", "170.247.170.2", "2801:1b8:10::b"],
  ["c", "192.33.4.12", "2001:500:2::c"],
  ["d", "199.7.91.13", "2001:500:2d::d"],
  ["e", "192.203.230.10", "2001:500:a8::e"],
  ["f", "192.5.5.241", "2001:500:2f::f"],
  ["g", "192.112.36.4", "2001:500:12::d0d"],
  ["h", "198.97.190.53", "2001:500:1::53"],
  ["i", "192.36.148.17", "2001:7fe::53"],
  ["j", "192.58.128.30", "2001:503:c27::2:30"],
  ["k", "193.0.14.129", "2001:7fd::1"],
  ["l", "199.7.83.42", "2001:500:9f::42"],
  ["m", "202.12.27.33", "2001:dc3::35"],
];

export const BUILTIN_ROOT_HINTS: NameServer[] = IANA.map(([l, v4, v6]) => ({
  name: `${l}.root-servers.net.`,
  addresses: [v4, v6],
}));

export type RootHintsResult = { ok: true; servers: NameServer[] } | { ok: false; line: number; message: string };

/**
 * Parse root hints: master-file lines "owner [ttl] [IN] NS|A|AAAA data"
 * (";" comments) or "name=address" lines. Only NS at the root and A/AAAA
 * of those NS names are used.
 */
export function parseRootHints(text: string): RootHintsResult {
  const ns: string[] = [];
  const addrs = new Map<string, string[]>();
  const lines = text.split(/\r?\n/);
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i].replace(/;.*/, "").trim();
    if (!line) continue;
    const eq = /^(\S+?)=(\S+)$/.exec(line);
    if (eq) {
      const n = absolute(eq[1]);
      if (!n) return { ok: false, line: i + 1, message: `bad server name "${eq[1]}"` };
      if (!ns.includes(n)) ns.push(n);
      addrs.set(n, [...(addrs.get(n) ?? []), eq[2]]);
      continue;
    }
    const t = line.split(/\s+/);
    let k = 1;
    while (k < t.length && (/^\d+$/.test(t[k]) || /^(IN|CH|HS)$/i.test(t[k]))) k++;
    const type = t[k]?.toUpperCase();
    const data = t[k + 1];
    if (!type || !data) return { ok: false, line: i + 1, message: "expected: owner [ttl] [class] type data" };
    const owner = absolute(t[0]);
    if (!owner) return { ok: false, line: i + 1, message: `bad owner "${t[0]}"` };
    if (type === "NS") {
      const target = absolute(data);
      if (!target) return { ok: false, line: i + 1, message: `bad NS target "${data}"` };
      if (!ns.includes(target)) ns.push(target);
    } else if (type === "A" || type === "AAAA") {
      addrs.set(owner, [...(addrs.get(owner) ?? []), data]);
    }
  }
  const servers = ns.map((n) => ({ name: n, addresses: addrs.get(n) ?? [] })).filter((s) => s.addresses.length > 0);
  if (servers.length === 0) return { ok: false, line: 0, message: "no root server with an address" };
  return { ok: true, servers };
}

/** Lowercased absolute presentation name, or null. */
function absolute(text: string): string | null {
  const r = parseName(text.endsWith(".") ? text : text + ".", null);
  if (!r.ok) return null;
  return text.endsWith(".") ? text.toLowerCase() : text.toLowerCase() + ".";
}

export function serverKey(s: NameServer): string {
  return nameKey(wire(s.name));
}
