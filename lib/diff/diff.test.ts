import { describe, expect, it } from "vitest";
import { delegationOf, input, source } from "../checks/testing/build-input";

const OLD = { name: "ns1.old.test.", address: "192.0.2.53" };

describe("diff normalisation", () => {
  it("raises nothing for case, relative/absolute spelling, RR order and IPv6 spelling", () => {
    const live = `@ IN NS ns1.old.test.\nwww 300 IN AAAA 2001:db8::1\nwww 300 IN AAAA 2001:db8::2\nmail IN MX 10 MX.Example.Test.\n`;
    const exported = `$ORIGIN example.test.\n@ IN NS NS1.OLD.TEST.\nWWW.example.test. 300 IN AAAA 2001:0db8:0:0:0:0:0:0002\nwww 300 IN AAAA 2001:DB8:0::1\nMail IN MX 10 mx\n`;
    const i = input({ sources: [source("x.zone", exported)], old: [{ ...OLD, zone: live }] });
    expect(i.diff.allSources!.entries.filter((e) => !e.explained)).toEqual([]);
    expect(i.diff.allSources!.matched).toBe(3);
  });

  it("classifies only-here, only-there, rdata and ttl differences with evidence", () => {
    const live = `@ IN NS ns1.old.test.\na IN A 192.0.2.1\nb IN A 192.0.2.2\nc 600 IN A 192.0.2.3\n`;
    const exported = `@ IN NS ns1.old.test.\nb IN A 192.0.2.9\nc 300 IN A 192.0.2.3\nd IN A 192.0.2.4\n`;
    const i = input({ sources: [source("x.zone", exported)], old: [{ ...OLD, zone: live }] });
    const kinds = i.diff.allSources!.entries.filter((e) => !e.explained).map((e) => `${e.kind} ${e.owner}`);
    expect(kinds).toEqual([
      "only-here a.example.test.",
      "rdata b.example.test.",
      "ttl c.example.test.",
      "only-there d.example.test.",
    ]);
    const b = i.diff.allSources!.entries.find((e) => e.owner === "b.example.test.")!;
    expect(b.onlyHere).toEqual(["192.0.2.2"]);
    expect(b.onlyThere).toEqual(["192.0.2.9"]);
    expect(b.here!.evidence[0]).toMatchObject({
      kind: "answer",
      snapshot: "old",
      server: "ns1.old.test. 192.0.2.53:53",
    });
    expect(b.there!.evidence[0]).toMatchObject({ kind: "source", file: "x.zone", line: 2 });
  });

  it("names the odd server out", () => {
    const zone = `@ IN NS ns1.old.test.\nwww IN A 192.0.2.1\n`;
    const i = input({
      old: [
        { ...OLD, zone },
        { name: "ns2.old.test.", address: "198.51.100.53", zone },
        { name: "ns3.old.test.", address: "203.0.113.53", zone: `@ IN NS ns1.old.test.\nwww IN A 192.0.2.66\n` },
      ],
    });
    const d = i.diff.oldServers!.disagreements;
    expect(d.map((x) => `${x.owner} ${x.type}`)).toEqual(["www.example.test. A"]);
    expect(d[0].odd).toEqual(["ns3.old.test. 203.0.113.53:53"]);
  });

  it("explains Cloudflare proxied answers and automatic TTL through the provider records", () => {
    const cf = `;; Domain: example.test.\nexample.test\t3600\tIN\tSOA\tns1.old.test. host.example.test. 1 7200 900 1209600 300\nexample.test.\t3600\tIN\tNS\tns1.old.test.\nwww.example.test.\t1\tIN\tA\t198.51.100.7 ; cf_tags=cf-proxied:true\nmail.example.test.\t1\tIN\tA\t192.0.2.25 ; cf_tags=cf-proxied:false\n`;
    const live = `@ IN NS ns1.old.test.\nwww 300 IN A 104.16.0.1\nmail 3600 IN A 192.0.2.25\n`;
    const i = input({ sources: [source("cf.txt", cf, "cloudflare")], old: [{ ...OLD, zone: live }] });
    const e = i.diff.allSources!.entries;
    expect(e.find((x) => x.owner === "www.example.test.")!.explained).toMatch(/Cloudflare-proxied/);
    expect(e.find((x) => x.owner === "mail.example.test.")).toMatchObject({
      kind: "ttl",
      explained: expect.stringMatching(/automatic TTL/),
    });
  });

  it("explains a Route 53 alias answered as A", () => {
    const r53 = JSON.stringify({
      ResourceRecordSets: [
        {
          Name: "example.test.",
          Type: "A",
          AliasTarget: { HostedZoneId: "Z2", DNSName: "d1.cloudfront.net.", EvaluateTargetHealth: false },
        },
      ],
    });
    const live = `@ IN NS ns1.old.test.\n@ 60 IN A 192.0.2.80\n`;
    const i = input({ sources: [source("r53.json", r53, "route53")], old: [{ ...OLD, zone: live }] });
    const a = i.diff.allSources!.entries.find((x) => x.owner === "example.test." && x.type === "A")!;
    expect(a.kind).toBe("only-here");
    expect(a.explained).toMatch(/Route 53 alias/);
  });

  it("compares the parent referral with the child NS set", () => {
    const i = input({
      old: [{ ...OLD, zone: `@ IN NS ns1.old.test.\n@ IN NS ns2.old.test.\n` }],
      delegation: delegationOf("@ 172800 IN NS ns1.old.test.\n@ 172800 IN NS ns9.old.test.\n"),
    });
    expect(i.diff.parentChild!.nsMismatch).toEqual([
      { server: "ns1.old.test. 192.0.2.53:53", onlyParent: ["ns9.old.test."], onlyChild: ["ns2.old.test."] },
    ]);
  });
});
