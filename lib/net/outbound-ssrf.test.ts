/**
 * SSRF cases for every client besides the DNS engine (the DNS
 * side is lib/dns/ssrf.test.ts). The probe's URLs — https://127.0.0.1:…,
 * https://localhost:…, https://[::ffff:127.0.0.1]:…, https://2130706433:… —
 * against RDAP, the HTTP and TLS probes and the MTA-STS fetch, with private
 * addresses not allowed: each must fail with the policy's reason, and the
 * loopback listeners, which count every accepted connection, must see none.
 */
import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server, type AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { probeHttp } from "../checks/http-probe";
import { fetchStsPolicy } from "../checks/mta-sts";
import { fetchRdap } from "../checks/rdap";
import { pickRdapServer } from "../checks/rdap-bootstrap";
import { probeTls } from "../checks/tls-probe";
import { outboundFetch, resolveChecked } from "./outbound";

interface Counter {
  port: number;
  accepted: number;
  close(): Promise<void>;
}

/** A TCP listener on 127.0.0.1 (and ::1, same port, for "localhost") that counts and drops every connection. */
async function countingListener(host = "127.0.0.1"): Promise<Counter> {
  const servers: Server[] = [];
  const c = { port: 0, accepted: 0 } as Counter;
  const listen = (h: string, port: number) =>
    new Promise<Server | null>((resolve) => {
      const s = createServer((sock) => {
        c.accepted++;
        sock.destroy();
      });
      s.once("error", () => resolve(null));
      s.listen(port, h, () => resolve(s));
    });
  const first = (await listen(host, 0))!;
  servers.push(first);
  c.port = (first.address() as AddressInfo).port;
  if (host === "127.0.0.1") {
    const v6 = await listen("::1", c.port);
    if (v6) servers.push(v6);
  }
  c.close = () => Promise.all(servers.map((s) => new Promise<void>((r) => s.close(() => r())))).then(() => undefined);
  return c;
}

let trap: Counter;
let trap2: Counter;
let redirector: HttpServer;
let redirectorPort = 0;

beforeAll(async () => {
  trap = await countingListener();
  trap2 = await countingListener("127.0.0.2");
  // An allowed server (by exact address, as a lab root is) that redirects to the trap.
  redirector = createHttpServer((req, res) => {
    const to = decodeURIComponent((req.url ?? "/").slice(1));
    res.writeHead(302, { location: to });
    res.end();
  });
  await new Promise<void>((r) => redirector.listen(0, "127.0.0.1", r));
  redirectorPort = (redirector.address() as AddressInfo).port;
});

afterAll(async () => {
  await trap.close();
  await trap2.close();
  await new Promise<void>((r) => redirector.close(() => r()));
});

const NONE = { allowPrivate: false } as const;
const probeUrls = () => [
  `https://127.0.0.1:${trap.port}/`,
  `https://localhost:${trap.port}/`,
  `https://[::ffff:127.0.0.1]:${trap.port}/`,
  `https://2130706433:${trap.port}/`,
];

describe("outbound policy", () => {
  it("resolves once and checks every address: literals, legacy spellings, names", async () => {
    expect(await resolveChecked("[::ffff:7f00:1]", NONE)).toMatchObject({
      ok: false,
      error: expect.stringContaining("loopback"),
    });
    expect(await resolveChecked("0x7f.1", NONE)).toMatchObject({
      ok: false,
      error: expect.stringContaining("127.0.0.1"),
    });
    // One private address among public ones refuses the name: a resolver may hand out either.
    const lookup = async () => [
      { address: "8.8.8.8", family: 4 },
      { address: "10.0.0.8", family: 4 },
    ];
    expect(await resolveChecked("mixed.example", NONE, lookup)).toMatchObject({
      ok: false,
      error: "mixed.example resolves to 10.0.0.8: 10.0.0.8 is a private address (allow with --allow-private)",
    });
    expect(await resolveChecked("www.example", NONE, async () => [{ address: "2001:4860::1", family: 6 }])).toEqual({
      ok: true,
      host: "www.example",
      address: "2001:4860::1",
      family: 6,
    });
  });

  it("RDAP: the probe's four URLs are refused and nothing connects", async () => {
    for (const baseUrl of probeUrls()) {
      const r = await fetchRdap({ domain: "victim.test", baseUrl, timeoutMs: 3000 });
      expect(r.ok, baseUrl).toBe(false);
      expect(!r.ok && r.error, baseUrl).toMatch(/loopback address|host name for loopback|is not a host name/);
    }
    expect(trap.accepted).toBe(0);
  });

  it("RDAP: a redirect from an allowed server to loopback is checked again and refused", async () => {
    const policy = { allowPrivate: false, allowAddresses: ["127.0.0.1"] };
    for (const target of [
      `http://127.0.0.2:${trap2.port}/`,
      `http://[::ffff:127.0.0.2]:${trap2.port}/`,
      `http://2130706434:${trap2.port}/`,
    ]) {
      const r = await fetchRdap({
        domain: "victim.test",
        baseUrl: `http://127.0.0.1:${redirectorPort}/${encodeURIComponent(target)}`,
        policy,
        timeoutMs: 3000,
      });
      expect(r.ok, target).toBe(false);
      expect(!r.ok && r.error, target).toContain("127.0.0.2");
    }
    expect(trap2.accepted).toBe(0);
  });

  it("RDAP bootstrap: a loopback service URL is never picked", () => {
    // Address literals are judged here; a name (localhost) when it is fetched (the RDAP case above).
    const bootstrap = { services: [[["test"], probeUrls().filter((u) => !u.includes("localhost"))]] };
    expect(pickRdapServer({ bootstrap, domain: "victim.test" })).toMatchObject({
      ok: false,
      error: expect.stringContaining("lists no usable URL"),
    });
    expect(pickRdapServer({ bootstrap, domain: "victim.test", policy: { allowPrivate: "loopback" } })).toMatchObject({
      ok: true,
      baseUrl: probeUrls()[0],
    });
  });

  it("HTTP probe: refused for every URL, no connection (neither the request nor the TLS handshake)", async () => {
    const probes = await probeHttp({ targets: probeUrls(), timeoutMs: 3000 });
    for (const p of probes) {
      expect(p.status, p.url).toBeNull();
      expect(p.error, p.url).toMatch(/loopback address|is not a host name/);
      expect(p.tls?.error, p.url).toMatch(/^not connected: /);
    }
    expect(trap.accepted).toBe(0);
  });

  it("TLS probe: a host that is loopback, or a lab address given without the operator's scope, is not contacted", async () => {
    for (const host of ["localhost", "127.0.0.1", "::ffff:127.0.0.1"])
      expect((await probeTls({ host, port: trap.port, timeoutMs: 2000 })).error, host).toMatch(/^not connected: /);
    expect(
      (await probeTls({ host: "www.victim.test", address: "127.0.0.1", port: trap.port, timeoutMs: 2000 })).error,
    ).toMatch(/^not connected: 127\.0\.0\.1 is a loopback address/);
    expect(trap.accepted).toBe(0);
  });

  it("MTA-STS: a zone whose mta-sts host is loopback is refused; a redirect is never followed (RFC 8461 §3.3)", async () => {
    const r = await fetchStsPolicy({ zone: "localhost", timeoutMs: 3000 });
    expect(r).toMatchObject({ status: null, body: null, error: expect.stringMatching(/loopback|does not resolve/) });
    const res = await outboundFetch(
      `http://127.0.0.1:${redirectorPort}/${encodeURIComponent(`http://127.0.0.2:${trap2.port}/`)}`,
      { policy: { allowPrivate: false, allowAddresses: ["127.0.0.1"] }, redirect: "manual" },
    );
    expect(res.status).toBe(302);
    await expect(
      outboundFetch(`http://127.0.0.1:${redirectorPort}/x`, {
        policy: { allowPrivate: false, allowAddresses: ["127.0.0.1"] },
        redirect: "error",
      }),
    ).rejects.toThrow(/not followed/);
    expect(trap2.accepted).toBe(0);
  });

  it("with the operator's loopback scope the same listener is reached: the counters do count", async () => {
    const r = await fetchRdap({
      domain: "victim.test",
      baseUrl: `http://127.0.0.1:${trap.port}/`,
      policy: { allowPrivate: "loopback" },
      timeoutMs: 3000,
    });
    expect(r.ok).toBe(false);
    expect(trap.accepted).toBe(1);
    trap.accepted = 0;
  });
});
