import { describe, expect, test } from "vitest";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { importZone } from "./index";
import { nameToText } from "../name";
import { typeToText } from "../rrtype";
import { rdataToText } from "../rdata";
import type { ImportResult } from "./types";

const here = dirname(fileURLToPath(import.meta.url));
const FIXTURES = join(here, "__fixtures__", "exports");
const GOLDEN_DIR = join(here, "__fixtures__");

function load(name: string): ImportResult {
  return importZone([{ name, bytes: new Uint8Array(readFileSync(join(FIXTURES, name))) }]);
}

/** The golden holds the report plus the records as text, so a reviewer reads what was imported. */
function goldenOf(r: ImportResult): unknown {
  return {
    report: r.report,
    records: r.records.map(
      (x) => `${nameToText(x.owner)} ${x.ttl} ${typeToText(x.type)} ${rdataToText(x.type, x.rdata)}`,
    ),
  };
}

const FIXTURE_FILES = [
  "route53-list-resource-record-sets.json",
  "cloudflare-export.txt",
  "dig-axfr.txt",
  "dig-axfr-refused.txt",
  "powerdns-alias.zone",
  "registrar-export-incomplete.zone",
  "live-zone-old-operator.zone",
];

describe("golden import reports", () => {
  for (const f of FIXTURE_FILES) {
    test(f, () => {
      const actual = JSON.parse(JSON.stringify(goldenOf(load(f))));
      const path = join(GOLDEN_DIR, `${f}.report.json`);
      if (process.env.UPDATE_GOLDEN === "1" || !existsSync(path)) {
        if (process.env.UPDATE_GOLDEN !== "1")
          throw new Error(`missing golden ${path}: run with UPDATE_GOLDEN=1 and review it`);
        mkdirSync(GOLDEN_DIR, { recursive: true });
        writeFileSync(path, JSON.stringify(actual, null, 2) + "\n");
      }
      expect(actual).toEqual(JSON.parse(readFileSync(path, "utf8")));
    });
  }
});

function kinds(r: ImportResult): string[] {
  return r.providerRecords.map((p) => `${p.kind} ${p.owner} ${p.type} ${p.value}`);
}

function recordTexts(r: ImportResult): string[] {
  return r.records.map((x) => `${nameToText(x.owner)} ${x.ttl} ${typeToText(x.type)} ${rdataToText(x.type, x.rdata)}`);
}

describe("fixtures, asserted by hand", () => {
  test("Route 53: 2 aliases, a weighted pair, *.preview, quoted TXT", () => {
    const r = load("route53-list-resource-record-sets.json");
    expect(r.report.format).toBe("route53");
    expect(r.report.origin).toBe("project.test.");
    expect(kinds(r)).toEqual([
      "alias project.test. A d3abcdexample.cloudfront.net.",
      "routing-policy api.project.test. A 192.0.2.10",
      "routing-policy api.project.test. A 192.0.2.20",
      "alias release.project.test. A dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.",
    ]);
    expect(r.report.counts.A).toEqual({ read: 4, represented: 0, providerOnly: 4, rejected: 0 });
    expect(r.report.totals).toEqual({ read: 16, represented: 12, providerOnly: 4, rejected: 0 });
    const texts = recordTexts(r);
    expect(texts).toContain("*.preview.project.test. 300 CNAME previews.hosting.test.");
    expect(texts).toContain('project.test. 300 TXT "v=spf1 include:_spf.mailhost.test -all"');
    expect(texts).toContain("project.test. 172800 NS ns-1801.awsdns-33.co.uk.");
    const apex = r.providerRecords[0];
    expect(apex.ttl).toBeNull();
    expect(apex.attributes).toMatchObject({ HostedZoneId: "Z2FDTNDATAQYW2", EvaluateTargetHealth: false });
    expect(apex.replacement).toMatch(/ALIAS\/ANAME/);
    expect(r.providerRecords[3].replacement).toContain(
      "release.project.test. 300 IN CNAME dualstack.release-lb-1234567890.us-east-1.elb.amazonaws.com.",
    );
    expect(r.providerRecords[1].attributes).toMatchObject({ SetIdentifier: "blue", Weight: 90 });
    expect(r.providerRecords[1].replacement).toContain("192.0.2.10, 192.0.2.20");
    expect(r.report.ok).toBe(true);
  });

  test("Cloudflare export: apex from banner, proxied records provider-only, auto TTL 300", () => {
    const r = load("cloudflare-export.txt");
    expect(r.report.format).toBe("cloudflare");
    expect(r.report.origin).toBe("project.test.");
    expect(kinds(r).filter((k) => k.startsWith("proxied"))).toEqual([
      "proxied project.test. A 198.51.100.7",
      "proxied docs.project.test. A 198.51.100.8",
      "proxied www.project.test. CNAME project.test.",
    ]);
    expect(r.providerRecords.find((p) => p.owner === "docs.project.test.")?.attributes).toEqual({
      "cf-proxied": true,
      comment: "docs server behind proxy",
      autoTtl: true,
    });
    expect(r.report.counts.A).toEqual({ read: 3, represented: 1, providerOnly: 2, rejected: 0 });
    const texts = recordTexts(r);
    expect(texts).toContain(
      "project.test. 3600 SOA amy.ns.cloudflare.com. dns.cloudflare.com. 2051234567 10000 2400 604800 3600",
    );
    expect(texts).toContain("project.test. 300 MX 13 route1.mx.cloudflare.net.");
    expect(texts).toContain("origin.project.test. 300 A 198.51.100.9");
    expect(r.records.every((x) => x.ttl !== 1)).toBe(true);
    expect(r.diagnostics.filter((d) => d.code === "auto-ttl")).toHaveLength(8);
    // provider-injected mail records are represented, and flagged as provider-dependent
    const deps = (r.report.providerDependencies ?? []).map(
      (d) => `${d.owner} ${d.type} ${d.matches.map((m) => m.role).join(",")}`,
    );
    expect(deps).toEqual(
      expect.arrayContaining([
        "project.test. MX mail",
        "cf2024-1._domainkey.project.test. TXT dkim",
        "project.test. TXT spf",
        "project.test. NS dns-hosting",
      ]),
    );
  });

  test("dig AXFR: closing SOA dropped, delegation and CDN CNAME kept", () => {
    const r = load("dig-axfr.txt");
    expect(r.report.counts.SOA).toEqual({ read: 1, represented: 1, providerOnly: 0, rejected: 0 });
    expect(r.report.totals.read).toBe(10);
    expect(r.diagnostics).toEqual([]);
    const deps = (r.report.providerDependencies ?? []).map((d) => `${d.owner} ${d.type} ${d.matches[0].provider}`);
    expect(deps).toEqual([
      "release.project.test. NS route53",
      "release.project.test. NS route53",
      "www.project.test. CNAME cloudflare",
    ]);
  });

  test("dig AXFR refused: an error, never an empty zone", () => {
    const r = load("dig-axfr-refused.txt");
    expect(r.report.ok).toBe(false);
    expect(r.records).toEqual([]);
    expect(r.diagnostics.map((d) => [d.code, d.line, d.severity])).toEqual([["transfer-failed", 5, "error"]]);
  });

  test("PowerDNS: ALIAS and LUA are provider records", () => {
    const r = load("powerdns-alias.zone");
    expect(r.report.format).toBe("powerdns");
    expect(kinds(r)).toEqual([
      "alias-type project.test. ALIAS webapp.paas.test.",
      `lua www.project.test. LUA A "ifportup(443, {'192.0.2.1', '192.0.2.2'})"`,
    ]);
    expect(r.report.counts.ALIAS).toEqual({ read: 1, represented: 0, providerOnly: 1, rejected: 0 });
    expect(r.report.counts.LUA).toEqual({ read: 1, represented: 0, providerOnly: 1, rejected: 0 });
    expect(recordTexts(r)).toContain(
      "project.test. 3600 SOA ns1.oldhost.test. hostmaster.project.test. 2026100201 7200 900 1209600 300",
    );
    expect(r.diagnostics.filter((d) => d.severity === "error")).toEqual([]);
  });

  test("registrar export vs live zone: the export is smaller", () => {
    const exp = load("registrar-export-incomplete.zone");
    const live = load("live-zone-old-operator.zone");
    expect(exp.report.totals).toEqual({ read: 7, represented: 7, providerOnly: 0, rejected: 0 });
    expect(live.report.totals).toEqual({ read: 15, represented: 15, providerOnly: 0, rejected: 0 });
    expect(live.report.counts.CAA.represented).toBe(1);
  });

  test("every fixture satisfies read = represented + providerOnly + rejected", () => {
    for (const f of FIXTURE_FILES) {
      const { report } = load(f);
      for (const [type, c] of Object.entries(report.counts)) {
        expect(c.read, `${f} ${type}`).toBe(c.represented + c.providerOnly + c.rejected);
      }
      expect(report.diagnostics.filter((d) => d.code === "counts-mismatch")).toEqual([]);
    }
  });
});
