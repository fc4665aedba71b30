/**
 * HTTP(S) reachability of web hosts (SVC). The fetcher is injectable so
 * tests use loopback servers and the CLI can leave it off when offline.
 */
import { outboundFetcher, PUBLIC_ONLY, type OutboundPolicy } from "../net/outbound";
import type { Fetcher } from "./rdap";
import { probeTls, type TlsInfo } from "./tls-probe";

export interface HttpProbe {
  host: string;
  url: string;
  status: number | null;
  error: string | null;
  elapsedMs: number;
  /** The certificate presented for https URLs (null: not probed). */
  tls?: TlsInfo | null;
}

export interface ProbeHttpOptions {
  /** Host names or full URLs ("https://www.example/"). */
  targets: string[];
  fetcher?: Fetcher;
  timeoutMs?: number;
  /** Probe the TLS certificate of https URLs (default true). */
  tls?: boolean;
  /** Where to connect for a host's TLS handshake (tests, labs); default: the host name. */
  connectTo?: (host: string) => { address: string; port: number } | null;
  ca?: string | Buffer;
  /** Destinations the default fetcher and the TLS probe may reach (lib/net/outbound.ts; default: public only). */
  policy?: OutboundPolicy;
}

export async function probeHttp(opts: ProbeHttpOptions): Promise<HttpProbe[]> {
  const policy = opts.policy ?? PUBLIC_ONLY;
  // The status is the answer: a redirect is reported, not followed; the body is not needed beyond a little.
  const f: Fetcher = opts.fetcher ?? outboundFetcher({ policy, redirect: "manual", maxBytes: 64 * 1024, ca: opts.ca });
  return Promise.all(
    opts.targets.map(async (t) => {
      const url = /^https?:\/\//.test(t) ? t : `https://${t.replace(/\.$/, "")}/`;
      const host = new URL(url).hostname;
      const ac = new AbortController();
      const timeoutMs = opts.timeoutMs ?? 5000;
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      const t0 = Date.now();
      const u = new URL(url);
      const to = opts.connectTo?.(host) ?? null;
      const tlsP =
        u.protocol === "https:" && opts.tls !== false
          ? probeTls({
              host,
              address: to?.address,
              port: to?.port ?? (u.port ? Number(u.port) : 443),
              timeoutMs,
              ca: opts.ca,
              policy,
            })
          : Promise.resolve(null);
      try {
        const res = await f(url, { signal: ac.signal, headers: { "user-agent": "cutover-check" } });
        return { host, url, status: res.status, error: null, elapsedMs: Date.now() - t0, tls: await tlsP };
      } catch (e) {
        return {
          host,
          url,
          status: null,
          error: ac.signal.aborted ? `timeout after ${timeoutMs} ms` : (e as Error).message,
          elapsedMs: Date.now() - t0,
          tls: await tlsP,
        };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
