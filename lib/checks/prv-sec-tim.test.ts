import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import { lowerName, name } from "../zone/name";
import { DEFAULT_CONFIG } from "./config";
import { PRV_CHECKS } from "./prv";
import { runChecks } from "./run-checks";
import { dsMatches, keyTag, SEC_CHECKS } from "./sec";
import { delegationOf, input, source } from "./testing/build-input";
import { TIM_CHECKS } from "./tim";
import { computeTiming, parseStoredTiming } from "./timing";

const OLD = { name: "ns1.old.test.", address: "192.0.2.1" };
const NEW = { name: "ns1.new.test.", address: "203.0.113.1" };

describe("PRV checks", () => {
  const r53 = JSON.stringify({
    ResourceRecordSets: [
      {
        Name: "example.test.",
        Type: "A",
        AliasTarget: { HostedZoneId: "Z2", DNSName: "d1.cloudfront.net.", EvaluateTargetHealth: false },
      },
      {
        Name: "api.example.test.",
        Type: "A",
        SetIdentifier: "blue",
        Weight: 90,
        TTL: 60,
        ResourceRecords: [{ Value: "192.0.2.10" }],
      },
    ],
  });
  it("each non-portable provider record is a blocker with its concrete replacement when hosting moves", () => {
    const f = runChecks(input({ sources: [source("r53.json", r53, "route53")] }), DEFAULT_CONFIG, PRV_CHECKS).filter(
      (x) => x.id === "PRV-NON-PORTABLE",
    );
    expect(f.map((x) => [x.severity, x.subject])).toEqual([
      ["blocker", "example.test. A (route53 alias)"],
      ["blocker", "api.example.test. A (route53 routing-policy)"],
    ]);
    expect(f[0].remediation).toMatch(/ALIAS\/ANAME|A\/AAAA records of d1\.cloudfront\.net\./);
  });
  it("only a warning when DNS hosting does not move", () => {
    const f = runChecks(
      input({ sources: [source("r53.json", r53, "route53")], facts: { dnsHostingMoves: false } }),
      DEFAULT_CONFIG,
      PRV_CHECKS,
    );
    expect(f.filter((x) => x.id === "PRV-NON-PORTABLE").map((x) => x.severity)).toEqual(["warning", "warning"]);
  });
  it("PRV-DEPENDENCY for live records pointing into a CDN or a delegated provider", () => {
    const live = `@ IN NS ns1.old.test.\nwww IN CNAME example-test.cdn.cloudflare.net.\nrelease IN NS ns-1.awsdns-01.com.\n`;
    const f = runChecks(input({ old: [{ ...OLD, zone: live }] }), DEFAULT_CONFIG, PRV_CHECKS);
    expect(f.map((x) => x.subject).sort()).toEqual([
      "release.example.test. NS → Amazon Route 53",
      "www.example.test. CNAME → Cloudflare CDN",
    ]);
  });
});

describe("SEC checks", () => {
  // A DNSKEY (flags 257, protocol 3, algorithm 13) and its SHA-256 DS, computed per RFC 4034 §5.1.4.
  const key = Buffer.concat([Buffer.from([1, 1, 3, 13]), Buffer.alloc(64, 7)]);
  const tag = keyTag(key);
  const digest = createHash("sha256")
    .update(lowerName(name("example.test.")))
    .update(key)
    .digest("hex");
  const dsText = `@ 86400 IN DS ${tag} 13 2 ${digest}\n`;
  const dnskey = `@ 3600 IN DNSKEY 257 3 13 ${Buffer.alloc(64, 7).toString("base64")}\n`;

  it("dsMatches checks key tag, algorithm and digest", () => {
    const ds = Buffer.concat([Buffer.from([tag >> 8, tag & 255, 13, 2]), Buffer.from(digest, "hex")]);
    expect(dsMatches(ds, key, name("example.test."))).toBe(true);
    expect(dsMatches(ds, key, name("other.test."))).toBe(false);
  });

  it("SEC-DS-NO-DNSKEY names the server without the key; SEC-DS-NO-PLAN without a plan", () => {
    const i = input({
      old: [{ ...OLD, zone: `@ IN NS ns1.old.test.\n${dnskey}` }],
      neu: [{ ...NEW, zone: `@ IN NS ns1.new.test.\n` }],
      delegation: delegationOf("@ 86400 IN NS ns1.old.test.\n", dsText),
    });
    const f = runChecks(i, DEFAULT_CONFIG, SEC_CHECKS);
    expect(f.filter((x) => x.severity === "blocker").map((x) => `${x.id} ${x.subject}`)).toEqual([
      "SEC-DS-NO-DNSKEY ns1.new.test. 203.0.113.1:53",
      "SEC-DS-NO-PLAN example.test.",
    ]);
    const planned = runChecks({ ...i, facts: { ...i.facts, dnssecPlan: "multi-signer" } }, DEFAULT_CONFIG, SEC_CHECKS);
    expect(planned.filter((x) => x.id === "SEC-DS-NO-PLAN")).toEqual([]);
  });

  it("SEC-UNSIGNED is info when there is no DS", () => {
    const f = runChecks(
      input({
        old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }],
        delegation: delegationOf("@ 86400 IN NS ns1.old.test.\n"),
      }),
      DEFAULT_CONFIG,
      SEC_CHECKS,
    );
    expect(f.map((x) => `${x.id} ${x.severity}`)).toEqual(["SEC-UNSIGNED info"]);
  });
});

describe("TIM arithmetic", () => {
  it("overlap = max(parent NS TTL, child NS TTL) + margin, + DS TTL with a DNSSEC change; negative TTL = min(SOA TTL, MINIMUM)", () => {
    const t = computeTiming({
      parentNsTtl: 172800,
      childNsTtl: 3600,
      dsTtl: 86400,
      soaTtl: 3600,
      soaMinimum: 300,
      maxRecordTtl: 86400,
      dnssecChange: false,
      marginSeconds: 3600,
    });
    expect(t.minOverlapSeconds).toBe(176400);
    expect(t.negativeTtlSeconds).toBe(300);
    expect(t.minWindowSeconds).toBe(176400);
    expect(t.rollbackSeconds).toBe(176400);
    const s = computeTiming({ ...t.inputs, dnssecChange: true, childNsTtl: 259200 });
    expect(s.minOverlapSeconds).toBe(259200 + 86400 + 3600);
    expect(computeTiming({ ...t.inputs, soaTtl: 60 }).negativeTtlSeconds).toBe(60);
  });

  it("TTL-lowering lead = old TTL of the changing records (else the largest TTL) + margin, as the schedule computes it; stored timing reads back", () => {
    const t = computeTiming({
      parentNsTtl: 172800,
      childNsTtl: 3600,
      dsTtl: null,
      soaTtl: 3600,
      soaMinimum: 300,
      maxRecordTtl: 86400,
      dnssecChange: false,
      marginSeconds: 3600,
    });
    expect(t.ttlLoweringLeadSeconds).toBe(90000);
    expect(computeTiming({ ...t.inputs, changingRecordsTtl: 300 }).ttlLoweringLeadSeconds).toBe(3900);
    expect(parseStoredTiming(JSON.stringify(t))).toEqual(t);
    expect(parseStoredTiming(JSON.stringify({ ...t, minOverlapSeconds: "176400" }))).toBeNull();
    expect(parseStoredTiming("{not json")).toBeNull();
    expect(parseStoredTiming(null)).toBeNull();
  });

  it("measures from the referral and the reference server; a short window is a blocker", () => {
    const i = input({
      old: [
        {
          ...OLD,
          zone: `@ 3600 IN SOA ns1.old.test. h.example.test. 1 7200 900 1209600 600\n@ 7200 IN NS ns1.old.test.\n`,
        },
      ],
      delegation: delegationOf("@ 86400 IN NS ns1.old.test.\n"),
      facts: { window: { start: "2026-10-06T08:00:00Z", end: "2026-10-06T12:00:00Z" } },
    });
    const f = runChecks(i, DEFAULT_CONFIG, TIM_CHECKS);
    expect(f.find((x) => x.id === "TIM-OVERLAP")!.message).toContain("at least 90000 s");
    expect(f.find((x) => x.id === "TIM-NEGATIVE-TTL")!.message).toContain("= 600 s");
    expect(f.find((x) => x.id === "TIM-WINDOW-TOO-SHORT")).toMatchObject({
      severity: "blocker",
      message: expect.stringContaining("lasts 14400 s"),
    });
  });

  it("TIM-TTL-LOWERING for records whose value changes with a long TTL", () => {
    const f = runChecks(
      input({
        old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\nwww 86400 IN A 192.0.2.1\n" }],
        neu: [{ ...NEW, zone: "@ IN NS ns1.new.test.\nwww 86400 IN A 192.0.2.2\n" }],
      }),
      DEFAULT_CONFIG,
      TIM_CHECKS,
    );
    expect(
      f
        .filter((x) => x.id === "TIM-TTL-LOWERING")
        .map((x) => x.subject)
        .sort(),
    ).toEqual(["example.test. NS", "www.example.test. A"]);
  });
});
