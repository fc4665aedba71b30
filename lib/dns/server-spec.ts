/**
 * The one `NAME=ADDR[:PORT]` server spec shared by `cutover check`,
 * `cutover query` and the web form: `ns1.example.=192.0.2.1`,
 * `ns1.example=192.0.2.1:5353`, `ns2.example=2001:db8::1`,
 * `ns2.example=[2001:db8::1]:53`. An IPv6 address takes a port only inside
 * brackets (RFC 3986 §3.2.2), since its own colons make `addr:port` ambiguous.
 */
import { isIP } from "node:net";
import { whyNotAddress } from "./address-policy";
import type { ExplicitServer } from "./run-snapshot";

export type ServerSpec = { ok: true; server: ExplicitServer } | { ok: false; message: string };

/** A host name (RFC 1123 §2.1 LDH labels; `_` tolerated as operators use it), absolute or not. */
const HOST =
  /^(?=.{1,253}\.?$)([a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.)*[a-z0-9_](?:[a-z0-9_-]{0,61}[a-z0-9_])?\.?$/i;

/** Parse one spec; the name comes back lowercase and absolute, the port only when given. */
export function parseServerSpec(spec: string): ServerSpec {
  const t = spec.trim();
  const eq = t.indexOf("=");
  if (eq < 0) return { ok: false, message: `"${t}": expected name=address[:port]` };
  const name = t.slice(0, eq).trim();
  let addr = t.slice(eq + 1).trim();
  if (!name) return { ok: false, message: `"${t}": the server name is missing` };
  if (!HOST.test(name)) return { ok: false, message: `"${name}" is not a host name` };
  let portText: string | undefined;
  const bracket = /^\[([^\]]*)\](?::(.*))?$/.exec(addr);
  if (bracket) {
    if (isIP(bracket[1]) !== 6)
      return { ok: false, message: `"${bracket[1]}" is not an IPv6 address (brackets are for IPv6 only)` };
    [addr, portText] = [bracket[1], bracket[2]];
  } else if (isIP(addr) !== 6) {
    const colon = addr.lastIndexOf(":");
    if (colon >= 0) [addr, portText] = [addr.slice(0, colon), addr.slice(colon + 1)];
  }
  // Never handed to the system resolver: "localhost", "2130706433" or "0x7f.0.0.1" would become 127.0.0.1.
  if (!isIP(addr)) return { ok: false, message: `"${addr}" is not an IPv4 or IPv6 address${whyNotAddress(addr)}` };
  let port: number | undefined;
  if (portText !== undefined) {
    port = /^\d{1,5}$/.test(portText) ? Number(portText) : NaN;
    if (!(port >= 1 && port <= 65535))
      return { ok: false, message: `port "${portText}" is not a number from 1 to 65535` };
  }
  const fqdn = (name.endsWith(".") ? name : name + ".").toLowerCase();
  return { ok: true, server: port === undefined ? { name: fqdn, address: addr } : { name: fqdn, address: addr, port } };
}

/** Presentation form, the inverse of parseServerSpec (brackets only where a port follows an IPv6 address). */
export function serverSpecText(s: ExplicitServer): string {
  const addr = s.address.includes(":") && s.port !== undefined ? `[${s.address}]` : s.address;
  return `${s.name}=${addr}${s.port !== undefined ? `:${s.port}` : ""}`;
}
