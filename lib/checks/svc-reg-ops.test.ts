import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { probeHttp } from "./http-probe";
import { OPS_CHECKS } from "./ops";
import { fetchRdap } from "./rdap";
import { REG_CHECKS } from "./reg";
import { runChecks } from "./run-checks";
import { SVC_CHECKS } from "./svc";
import { delegationOf, input } from "./testing/build-input";
import { T } from "../zone/rrtype";

/** The fixture servers listen on loopback: allowed as the DNS lab is (lib/net/outbound.ts). */
const LAB = { allowPrivate: "loopback" } as const;

const OLD = { name: "ns1.old.test.", address: "192.0.2.1" };
const NEW = { name: "ns1.new.test.", address: "203.0.113.1" };

describe("SVC checks", () => {
  it("mail: MX target without address, two SPF records, missing DMARC, DKIM selectors listed", () => {
    const live = `@ IN NS ns1.old.test.\n@ IN MX 10 mx\n@ IN MX 20 mail.provider.test.\n@ IN TXT "v=spf1 mx -all"\n@ IN TXT "v=spf1 include:x.test -all"\ns1._domainkey IN TXT "v=DKIM1; p=abc"\n`;
    // A real run asks MX targets in its second pass; mx.example.test. answers NXDOMAIN.
    const ask = [
      { name: "mx.example.test.", type: T.A },
      { name: "mx.example.test.", type: T.AAAA },
      { name: "_dmarc.example.test.", type: T.TXT },
    ];
    const f = runChecks(input({ old: [{ ...OLD, zone: live }], ask }), DEFAULT_CONFIG, SVC_CHECKS);
    expect(f.map((x) => `${x.id} ${x.severity} ${x.subject}`).sort()).toEqual([
      "SVC-DKIM info example.test. DKIM",
      "SVC-DMARC warning _dmarc.example.test.",
      "SVC-MX-TARGET blocker example.test. MX mx.example.test.",
      "SVC-MX-TARGET info example.test. MX mail.provider.test.",
      "SVC-SPF blocker example.test. TXT",
    ]);
  });

  it("CAA and _acme-challenge become blockers when the new operator lacks them", () => {
    const live = `@ IN NS ns1.old.test.\n@ IN CAA 0 issue "letsencrypt.org"\n_acme-challenge IN CNAME acme.validation.test.\n`;
    const f = runChecks(
      input({ old: [{ ...OLD, zone: live }], neu: [{ ...NEW, zone: "@ IN NS ns1.new.test.\n" }] }),
      DEFAULT_CONFIG,
      SVC_CHECKS,
    );
    expect(f.map((x) => `${x.id} ${x.severity}`).sort()).toEqual(["SVC-ACME-CHALLENGE blocker", "SVC-CAA blocker"]);
    const kept = runChecks(
      input({ old: [{ ...OLD, zone: live }], neu: [{ ...NEW, zone: live }] }),
      DEFAULT_CONFIG,
      SVC_CHECKS,
    );
    expect(kept.map((x) => `${x.id} ${x.severity}`).sort()).toEqual(["SVC-ACME-CHALLENGE info", "SVC-CAA info"]);
  });
});

describe("RDAP and HTTP against loopback fixture servers", () => {
  let server: Server;
  let base: string;
  beforeAll(async () => {
    server = createServer((req, res) => {
      if (req.url === "/rdap/domain/example.test") {
        res.writeHead(200, { "content-type": "application/rdap+json" });
        res.end(readFileSync(new URL("./__fixtures__/rdap-domain.json", import.meta.url)));
      } else if (req.url?.startsWith("/slow")) {
        setTimeout(() => res.end("late"), 30_000);
      } else if (req.url === "/web") {
        res.writeHead(200);
        res.end("ok");
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(
    () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  );

  it("parses status, events, registrar and nameservers", async () => {
    const r = await fetchRdap({ domain: "example.test.", baseUrl: `${base}/rdap`, policy: LAB });
    expect(r).toMatchObject({
      ok: true,
      status: ["client transfer prohibited", "active"],
      registrar: "Losing Registrar Inc.",
      nameservers: ["ns1.old.test.", "ns3.old.test."],
      expiresAt: "2026-10-20T00:00:00Z",
      registeredAt: "2026-09-01T00:00:00Z",
    });
  });

  it("times out and reports HTTP errors without throwing", async () => {
    expect(
      await fetchRdap({ domain: "example.test", baseUrl: `${base}/slow`, timeoutMs: 200, policy: LAB }),
    ).toMatchObject({ ok: false, error: "timeout after 200 ms" });
    expect(await fetchRdap({ domain: "example.test", baseUrl: `${base}/none`, policy: LAB })).toMatchObject({
      ok: false,
      error: "HTTP 404",
    });
  });

  it("REG checks: lock status, expiry near the window, 60-day lock, registrar and NS mismatch", async () => {
    const rdap = await fetchRdap({ domain: "example.test", baseUrl: `${base}/rdap`, policy: LAB });
    const i = input({
      old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }],
      delegation: delegationOf("@ 86400 IN NS ns1.old.test.\n"),
      facts: {
        losingRegistrar: "Other Registrar",
        window: { start: "2026-10-06T08:00:00Z", end: "2026-10-06T20:00:00Z" },
      },
    });
    const f = runChecks({ ...i, rdap }, DEFAULT_CONFIG, REG_CHECKS);
    expect(f.map((x) => `${x.id} ${x.severity}`).sort()).toEqual([
      "REG-EXPIRY warning",
      "REG-NAMESERVERS warning",
      "REG-REGISTRAR warning",
      "REG-STATUS blocker",
      "REG-TRANSFER-LOCK blocker",
    ]);
  });

  it("offline RDAP asks for manual evidence", async () => {
    const rdap = await fetchRdap({
      domain: "example.test",
      baseUrl: "http://127.0.0.1:9/",
      timeoutMs: 500,
      policy: LAB,
    });
    const f = runChecks({ ...input({}), rdap }, DEFAULT_CONFIG, REG_CHECKS);
    expect(f.map((x) => `${x.id} ${x.severity}`)).toEqual(["REG-MANUAL-EVIDENCE warning"]);
    expect(f[0].message).toContain("RDAP lookup failed");
  });

  it("SVC-HTTP from an injected loopback probe", async () => {
    // Generous timeout for the answering target (CI machines are loaded); the
    // slow one never answers within the test, so its short timeout is certain.
    const [web] = await probeHttp({ targets: [`${base}/web`], timeoutMs: 20_000, policy: LAB });
    const [slow] = await probeHttp({ targets: [`${base}/slow`], timeoutMs: 300, policy: LAB });
    const probes = [web, slow];
    expect(probes.map((p) => [p.status, p.error])).toEqual([
      [200, null],
      [null, "timeout after 300 ms"],
    ]);
    const f = runChecks({ ...input({}), http: probes }, DEFAULT_CONFIG, SVC_CHECKS);
    expect(f.map((x) => `${x.id} ${x.severity}`)).toEqual(["SVC-HTTP warning", "SVC-HTTP info"]);
  });
});

describe("OPS checks", () => {
  it("an unanswered hosting question is a blocker", () => {
    const f = runChecks(input({ facts: { dnsHostingMoves: null } }), DEFAULT_CONFIG, OPS_CHECKS);
    expect(f.filter((x) => x.severity === "blocker").map((x) => x.id)).toEqual(["OPS-HOSTING-ANSWER"]);
  });
  it("hosting does not move but the planned NS differ", () => {
    const f = runChecks(
      input({
        old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }],
        delegation: delegationOf("@ 86400 IN NS ns1.old.test.\n"),
        facts: { dnsHostingMoves: false, plannedNs: ["ns1.new.test"] },
      }),
      DEFAULT_CONFIG,
      OPS_CHECKS,
    );
    expect(f.filter((x) => x.severity === "blocker").map((x) => x.id)).toEqual(["OPS-NS-PLAN"]);
  });
  it("hosting moves but the new operator does not serve the zone ('transfer DNS too' with nothing there)", () => {
    const none = runChecks(input({ old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }] }), DEFAULT_CONFIG, OPS_CHECKS);
    expect(none.filter((x) => x.severity === "blocker").map((x) => x.id)).toEqual(["OPS-NEW-NOT-SERVING"]);
    const down = runChecks(
      input({ old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }], neu: [{ ...NEW, zone: null }] }),
      DEFAULT_CONFIG,
      OPS_CHECKS,
    );
    expect(down.filter((x) => x.severity === "blocker").map((x) => x.subject)).toEqual([
      "ns1.new.test. 203.0.113.1:53",
    ]);
  });
  it("a weekend window without confirmed contacts; confirmed facts silence the warnings", () => {
    const f = runChecks(
      input({ facts: { window: { start: "2026-10-03T08:00:00Z", end: "2026-10-05T08:00:00Z" } } }),
      DEFAULT_CONFIG,
      OPS_CHECKS,
    );
    expect(f.map((x) => x.id)).toContain("OPS-WINDOW-WEEKEND");
    const ok = runChecks(
      input({
        neu: [{ ...NEW, zone: "@ IN NS ns1.new.test.\n" }],
        facts: { contactsConfirmed: true, monitoringPlanned: true, rollbackDocumented: true, oldZoneKept: true },
      }),
      DEFAULT_CONFIG,
      OPS_CHECKS,
    );
    expect(ok).toEqual([]);
  });
});
