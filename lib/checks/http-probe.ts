/**
 * HTTP(S) reachability of web hosts (SVC). The fetcher is injectable so
 * tests use loopback servers and the CLI can leave it off when offline.
 */
import type { Fetcher } from "./rdap";

export interface HttpProbe {
  host: string;
  url: string;
  status: number | null;
  error: string | null;
  elapsedMs: number;
}

export interface ProbeHttpOptions {
  /** Host names or full URLs ("https://www.example/"). */
  targets: string[];
  fetcher?: Fetcher;
  timeoutMs?: number;
}

export async function probeHttp(opts: ProbeHttpOptions): Promise<HttpProbe[]> {
  const f: Fetcher = opts.fetcher ?? ((u, init) => fetch(u, { ...init, redirect: "manual" }));
  return Promise.all(
    opts.targets.map(async (t) => {
      const url = /^https?:\/\//.test(t) ? t : `https://${t.replace(/\.$/, "")}/`;
      const host = new URL(url).hostname;
      const ac = new AbortController();
      const timeoutMs = opts.timeoutMs ?? 5000;
      const timer = setTimeout(() => ac.abort(), timeoutMs);
      const t0 = Date.now();
      try {
        const res = await f(url, { signal: ac.signal, headers: { "user-agent": "cutover-check" } });
        return { host, url, status: res.status, error: null, elapsedMs: Date.now() - t0 };
      } catch (e) {
        return { host, url, status: null, error: ac.signal.aborted ? `timeout after ${timeoutMs} ms` : (e as Error).message, elapsedMs: Date.now() - t0 };
      } finally {
        clearTimeout(timer);
      }
    }),
  );
}
