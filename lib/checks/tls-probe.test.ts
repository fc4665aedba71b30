/**
 * Certificate names of web hosts (SVC-TLS-NAMES) against a loopback TLS
 * server whose self-signed certificate is made here with the openssl CLI.
 */
import { execFileSync } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:https";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { probeHttp } from "./http-probe";
import { runChecks } from "./run-checks";
import { SVC_CHECKS } from "./svc";
import { input } from "./testing/build-input";
import { probeTls } from "./tls-probe";

/** The test server listens on loopback: allowed as the DNS lab is (lib/net/outbound.ts). */
const LAB = { allowPrivate: "loopback" } as const;

let server: Server;
let port: number;
let cert: string;

beforeAll(async () => {
  const dir = mkdtempSync(join(tmpdir(), "cutover-tls-"));
  const key = join(dir, "key.pem");
  const crt = join(dir, "cert.pem");
  execFileSync(
    "openssl",
    [
      "req",
      "-x509",
      "-newkey",
      "ec",
      "-pkeyopt",
      "ec_paramgen_curve:P-256",
      "-nodes",
      "-days",
      "2",
      "-subj",
      "/CN=www.example.test",
      "-addext",
      "subjectAltName=DNS:www.example.test,DNS:example.test",
      "-keyout",
      key,
      "-out",
      crt,
    ],
    { stdio: "ignore" },
  );
  cert = readFileSync(crt, "utf8");
  server = createServer({ key: readFileSync(key), cert }, (_req, res) => res.end("ok"));
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  port = (server.address() as AddressInfo).port;
});
afterAll(() => new Promise<void>((r) => server.close(() => r())));

describe("probeTls", () => {
  it("reads the names with SNI and checks the host against them", async () => {
    const ok = await probeTls({ host: "www.example.test.", address: "127.0.0.1", port, policy: LAB });
    expect(ok).toMatchObject({
      host: "www.example.test",
      subjectCn: "www.example.test",
      dnsNames: ["www.example.test", "example.test"],
      nameMatches: true,
      trusted: false,
      error: null,
    });
    const bad = await probeTls({ host: "api.example.test", address: "127.0.0.1", port, policy: LAB });
    expect(bad.nameMatches).toBe(false);
    expect(bad.nameError).toContain("api.example.test");
    const trusted = await probeTls({ host: "example.test", address: "127.0.0.1", port, ca: cert, policy: LAB });
    expect([trusted.trusted, trusted.nameMatches]).toEqual([true, true]);
  });
  it("a closed port is an error, not an exception", async () => {
    const r = await probeTls({ host: "www.example.test", address: "127.0.0.1", port: 9, timeoutMs: 1000, policy: LAB });
    expect(r.error).toMatch(/ECONNREFUSED/);
  });
});

describe("SVC-TLS-NAMES through the HTTP probe", () => {
  it("matching host → info; a host the certificate does not cover → warning naming the certificate's names", async () => {
    const probes = await probeHttp({
      targets: ["www.example.test.", "api.example.test."],
      connectTo: () => ({ address: "127.0.0.1", port }),
      // the HTTP request itself goes to the same loopback server
      fetcher: async () => ({ status: 200, ok: true, json: async () => ({}), text: async () => "ok" }),
      timeoutMs: 2000,
      policy: LAB,
    });
    expect(probes.map((p) => [p.url, p.status, p.tls?.nameMatches])).toEqual([
      ["https://www.example.test/", 200, true],
      ["https://api.example.test/", 200, false],
    ]);
    const f = runChecks({ ...input({}), http: probes }, DEFAULT_CONFIG, SVC_CHECKS).filter(
      (x) => x.id === "SVC-TLS-NAMES",
    );
    expect(f.map((x) => `${x.severity} ${x.subject}`)).toEqual([
      "warning api.example.test TLS",
      "info www.example.test TLS",
    ]);
    expect(f[0].message).toContain(
      "presents a certificate for www.example.test, example.test, which does not cover api.example.test",
    );
    expect(f[0].evidence[0].text).toContain("SAN=[www.example.test, example.test]");
  });
});
