/**
 * One outbound policy for every connection Cutover makes besides the DNS
 * engine's own sockets: RDAP, HTTP(S) probes, TLS probes,
 * MTA-STS policy fetches (SMTP and webhooks later). The probe found RDAP
 * connecting to https://127.0.0.1:…, https://localhost:…,
 * https://[::ffff:127.0.0.1]:… and https://2130706433:… with private
 * addresses not allowed, and following redirects.
 *
 * Every connection here: resolve the host once (IP literals as written,
 * after WHATWG URL normalisation; names through the system resolver), check
 * EVERY address against lib/dns/address-policy (one refused address refuses
 * the name: a resolver may hand out any of them), then connect to the
 * checked address itself — never the name again, so a second resolution
 * (DNS rebinding) cannot swap it — with TLS SNI and the certificate check on
 * the host name. Redirects are refused or, where a protocol allows them
 * (RDAP, RFC 7480 §5.2), each hop goes through the same resolve-and-check.
 */
import { lookup as systemLookup } from "node:dns/promises";
import { request as httpRequest, type IncomingMessage, type RequestOptions } from "node:http";
import { request as httpsRequest } from "node:https";
import { isIP } from "node:net";
import { checkAddress, legacyIpv4, whyNotAddress, type AddressPolicy } from "../dns/address-policy";

export type OutboundPolicy = AddressPolicy;

/** Public addresses only: the default wherever no operator setting is passed. */
export const PUBLIC_ONLY: OutboundPolicy = { allowPrivate: "none" };

export type Lookup = (host: string) => Promise<{ address: string; family: number }[]>;

const defaultLookup: Lookup = (host) => systemLookup(host, { all: true, verbatim: true });

export type CheckedHost =
  { ok: true; host: string; address: string; family: 4 | 6 } | { ok: false; host: string; error: string };

export class OutboundRefused extends Error {
  constructor(message: string) {
    super(message);
    this.name = "OutboundRefused";
  }
}

/** A URL's host as the socket layer would see it: brackets and a trailing dot removed, lowercase. */
function bareHost(host: string): string {
  const h = host.startsWith("[") && host.endsWith("]") ? host.slice(1, -1) : host;
  return h.replace(/\.$/, "").toLowerCase();
}

/** Resolve `host` once and check every address; the first address is the one to connect to. */
export async function resolveChecked(
  host: string,
  policy: OutboundPolicy,
  lookup: Lookup = defaultLookup,
): Promise<CheckedHost> {
  const h = bareHost(host);
  if (h === "") return { ok: false, host, error: "no host" };
  const literal = isIP(h);
  if (literal) {
    const why = checkAddress(h, policy);
    return why ? { ok: false, host: h, error: why } : { ok: true, host: h, address: h, family: literal as 4 | 6 };
  }
  // "2130706433", "0x7f.1": getaddrinfo reads these as addresses; never let it.
  if (legacyIpv4(h) !== null) return { ok: false, host: h, error: `"${h}" is not a host name${whyNotAddress(h)}` };
  let addresses: { address: string; family: number }[];
  try {
    addresses = await lookup(h);
  } catch (e) {
    return { ok: false, host: h, error: `${h} does not resolve: ${(e as Error).message}` };
  }
  if (addresses.length === 0) return { ok: false, host: h, error: `${h} has no address` };
  for (const a of addresses) {
    const why = checkAddress(a.address, policy);
    if (why) return { ok: false, host: h, error: `${h} resolves to ${a.address}: ${why}` };
  }
  const first = addresses[0];
  return { ok: true, host: h, address: first.address, family: isIP(first.address) === 6 ? 6 : 4 };
}

export interface OutboundResponse {
  url: string;
  status: number;
  ok: boolean;
  headers: Record<string, string | string[] | undefined>;
  text(): Promise<string>;
  json(): Promise<unknown>;
}

export interface OutboundFetchOptions {
  policy: OutboundPolicy;
  signal?: AbortSignal;
  headers?: Record<string, string>;
  /** "manual": a 3xx is returned as is; "error": a 3xx fails (MTA-STS, RFC 8461 §3.3); "follow": each hop re-checked. */
  redirect?: "manual" | "error" | "follow";
  maxRedirects?: number;
  /** Largest body read; more fails the read (default 1 MiB). */
  maxBytes?: number;
  /** Extra trust anchors (a lab CA). */
  ca?: string | Buffer;
  lookup?: Lookup;
  /** GET unless said; a POST sends `body` (webhooks). */
  method?: "GET" | "POST";
  body?: Uint8Array;
}

/** The body, at most maxBytes of it; past that the socket is destroyed and `over` set (nothing more is read). */
function readBody(res: IncomingMessage, maxBytes: number): Promise<{ bytes: Buffer; over: boolean }> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = [];
    let total = 0;
    res.on("data", (c: Buffer) => {
      total += c.length;
      if (total > maxBytes) {
        res.destroy();
        resolve({ bytes: Buffer.concat(chunks), over: true });
        return;
      }
      chunks.push(c);
    });
    res.once("end", () => resolve({ bytes: Buffer.concat(chunks), over: false }));
    res.once("error", reject);
  });
}

async function requestOnce(url: URL, o: OutboundFetchOptions): Promise<IncomingMessage> {
  if (url.protocol !== "https:" && url.protocol !== "http:")
    throw new OutboundRefused(`${url.protocol} URLs are not fetched`);
  if (url.username || url.password) throw new OutboundRefused("URLs with credentials are not fetched");
  const checked = await resolveChecked(url.hostname, o.policy, o.lookup);
  if (!checked.ok) throw new OutboundRefused(checked.error);
  const https = url.protocol === "https:";
  const options: RequestOptions & { servername?: string; ca?: string | Buffer } = {
    // The checked address itself: no second resolution.
    host: checked.address,
    family: checked.family,
    port: url.port ? Number(url.port) : https ? 443 : 80,
    path: `${url.pathname}${url.search}`,
    method: o.method ?? "GET",
    headers: { host: url.host, ...o.headers, ...(o.body ? { "content-length": String(o.body.byteLength) } : {}) },
    signal: o.signal,
    agent: false,
  };
  // SNI and the certificate name check on the host name (RFC 6066 §3, RFC 9110 §4.3.4); none for IP literals.
  if (https && isIP(checked.host) === 0) options.servername = checked.host;
  if (https && o.ca) options.ca = o.ca;
  return new Promise((resolve, reject) => {
    const req = (https ? httpsRequest : httpRequest)(options, resolve);
    req.once("error", reject);
    req.end(o.body);
  });
}

/** GET (or POST) `url` under the policy (see the module comment). Rejects on refusal, network error or abort. */
export async function outboundFetch(url: string, o: OutboundFetchOptions): Promise<OutboundResponse> {
  const maxRedirects = o.maxRedirects ?? 5;
  let current = new URL(url);
  for (let hop = 0; ; hop++) {
    const res = await requestOnce(current, o);
    const status = res.statusCode ?? 0;
    const location = res.headers.location;
    if (status >= 300 && status < 400 && location && (o.redirect ?? "manual") !== "manual") {
      res.resume();
      if (o.redirect === "error") throw new OutboundRefused(`redirect to ${location} not followed`);
      if (hop >= maxRedirects) throw new OutboundRefused(`more than ${maxRedirects} redirects`);
      current = new URL(location, current);
      continue;
    }
    // Read now (bounded), so no socket is left half-read whatever the caller uses.
    const maxBytes = o.maxBytes ?? 1024 * 1024;
    const body = await readBody(res, maxBytes);
    const text = async () => {
      if (body.over) throw new Error(`response body over ${maxBytes} bytes`);
      return body.bytes.toString("utf8");
    };
    return {
      url: current.toString(),
      status,
      ok: status >= 200 && status < 300,
      headers: res.headers,
      text,
      json: async () => JSON.parse(await text()) as unknown,
    };
  }
}

/** lib/checks' Fetcher shape over outboundFetch. */
export function outboundFetcher(o: Omit<OutboundFetchOptions, "signal" | "headers">) {
  return (url: string, init: { signal: AbortSignal; headers: Record<string, string> }) =>
    outboundFetch(url, { ...o, signal: init.signal, headers: init.headers });
}
