import { describe, expect, test } from "vitest";
import { importZone } from "./index";
import { absolutiseOwners, bannerDomain, parseCfTags } from "./cloudflare";
import { nameToText } from "../name";
import { typeToText } from "../rrtype";
import { rdataToText } from "../rdata";
import type { ImportResult } from "./types";

const enc = (s: string) => new TextEncoder().encode(s);
const texts = (r: ImportResult) =>
  r.records.map((x) => `${nameToText(x.owner)} ${x.ttl} ${typeToText(x.type)} ${rdataToText(x.type, x.rdata)}`);

describe("Cloudflare export helpers", () => {
  test("banner domain", () => {
    expect(bannerDomain(";;\n;; Domain:     example.test.\n")).toBe("example.test.");
    expect(bannerDomain(";; Domain: example.test\n")).toBe("example.test.");
    expect(bannerDomain("; Domain: example.test\n")).toBeNull();
  });

  test("owners ending in the zone get their dot; others and rdata stay as written", () => {
    const text =
      "project.test\t3600\tIN\tSOA\ta. b. 1 2 3 4 5\nwww.Project.Test\t1\tIN\tCNAME\tproject.test\nwww\t1\tIN\tA\t192.0.2.1\nproject.test.\t1 IN A 192.0.2.2\n";
    expect(absolutiseOwners(text, "project.test.").split("\n")).toEqual([
      "project.test.\t3600\tIN\tSOA\ta. b. 1 2 3 4 5",
      "www.Project.Test.\t1\tIN\tCNAME\tproject.test",
      "www\t1\tIN\tA\t192.0.2.1",
      "project.test.\t1 IN A 192.0.2.2",
      "",
    ]);
  });

  test("cf_tags after a user comment", () => {
    expect(parseCfTags(" docs server behind proxy cf_tags=cf-proxied:true")).toEqual({
      tags: { "cf-proxied": "true" },
      before: "docs server behind proxy",
    });
    expect(parseCfTags(" cf_tags=cf-proxied:false,cf-flatten-cname:true")).toEqual({
      tags: { "cf-proxied": "false", "cf-flatten-cname": "true" },
      before: "",
    });
    expect(parseCfTags(" just a note")).toEqual({ tags: {}, before: "just a note" });
    expect(parseCfTags(undefined)).toEqual({ tags: {}, before: "" });
  });
});

describe("Cloudflare export import", () => {
  test("an apex CNAME is flattening: provider record, not zone data", () => {
    const text =
      ";; Domain:     f.test.\nf.test\t3600\tIN\tSOA\ta.ns.cloudflare.com. dns.cloudflare.com. 1 2 3 4 5\nf.test.\t300\tIN\tCNAME\tsite.paas.test. ; cf_tags=cf-proxied:false\n";
    const r = importZone([{ name: "cf.txt", bytes: enc(text) }]);
    expect(r.report.format).toBe("cloudflare");
    expect(r.providerRecords.map((p) => [p.kind, p.owner, p.value])).toEqual([
      ["flattened", "f.test.", "site.paas.test."],
    ]);
    expect(r.report.counts.CNAME).toEqual({ read: 1, represented: 0, providerOnly: 1, rejected: 0 });
    expect(texts(r)).toEqual(["f.test. 3600 SOA a.ns.cloudflare.com. dns.cloudflare.com. 1 2 3 4 5"]);
  });

  test("a bad record in an export is rejected and counted", () => {
    const text = ";; Domain:     f.test.\nf.test\t3600\tIN\tSOA\ta. b. 1 2 3 4 5\nx.f.test.\t300\tIN\tA\t192.0.2.256\n";
    const r = importZone([{ name: "cf.txt", bytes: enc(text) }]);
    expect(r.report.counts.A).toEqual({ read: 1, represented: 0, providerOnly: 0, rejected: 1 });
    expect(r.diagnostics.map((d) => [d.line, d.code])).toEqual([[3, "bad-rdata"]]);
  });
});

describe("Cloudflare API JSON", () => {
  const rec = (o: Record<string, unknown>) => ({ ttl: 300, proxied: false, ...o });
  const api = (records: unknown[]) =>
    importZone([{ name: "cf.json", bytes: enc(JSON.stringify({ result: records, success: true }, null, 2)) }]);

  test("types, priorities, structured data, auto TTL and proxied records", () => {
    const r = api([
      rec({ type: "A", name: "project.test", content: "198.51.100.7", ttl: 1, proxied: true }),
      rec({ type: "A", name: "origin.project.test", content: "198.51.100.9" }),
      rec({ type: "MX", name: "project.test", content: "mx.mail.test", priority: 10 }),
      rec({ type: "TXT", name: "project.test", content: "v=spf1 -all", ttl: 1 }),
      rec({ type: "TXT", name: "q.project.test", content: '"already" "quoted"' }),
      rec({
        type: "SRV",
        name: "_sip._tcp.project.test",
        content: "5 5060 sip.project.test",
        priority: 10,
        data: { priority: 10, weight: 5, port: 5060, target: "sip.project.test" },
      }),
      rec({ type: "CAA", name: "project.test", data: { flags: 0, tag: "issue", value: "letsencrypt.org" } }),
    ]);
    expect(r.report.format).toBe("cloudflare-json");
    expect(r.report.origin).toBe("project.test.");
    expect(texts(r)).toEqual([
      "origin.project.test. 300 A 198.51.100.9",
      "project.test. 300 MX 10 mx.mail.test.",
      'project.test. 300 TXT "v=spf1 -all"',
      'q.project.test. 300 TXT "already" "quoted"',
      "_sip._tcp.project.test. 300 SRV 10 5 5060 sip.project.test.",
      'project.test. 300 CAA 0 issue "letsencrypt.org"',
    ]);
    expect(r.providerRecords.map((p) => [p.kind, p.owner, p.value, p.represented ?? false])).toEqual([
      ["proxied", "project.test.", "198.51.100.7", false],
      ["auto-ttl", "project.test.", '"v=spf1 -all"', true],
    ]);
    expect(r.report.counts.A).toEqual({ read: 2, represented: 1, providerOnly: 1, rejected: 0 });
    expect(r.diagnostics.filter((d) => d.code === "auto-ttl").map((d) => d.line)).toEqual([6, 28]);
  });

  test("a long TXT content is split into 255-octet strings", () => {
    const r = api([rec({ type: "TXT", name: "k.project.test", content: "x".repeat(300) })]);
    expect(r.records[0].rdata[0]).toBe(255);
    expect(r.records[0].rdata[256]).toBe(45);
    expect(r.records[0].rdata.length).toBe(302);
  });

  test("quoted and unquoted non-ASCII TXT content give the same UTF-8 octets", () => {
    const r = api([
      rec({ type: "TXT", name: "q.project.test", content: '"h\u00e9"' }),
      rec({ type: "TXT", name: "u.project.test", content: "h\u00e9" }),
    ]);
    expect(r.records.map((x) => Array.from(x.rdata))).toEqual([
      [3, 0x68, 0xc3, 0xa9],
      [3, 0x68, 0xc3, 0xa9],
    ]);
  });

  test("schema failures and unknown types are diagnostics, counted as rejected", () => {
    const r = api([
      rec({ type: "A", name: "a.project.test", content: "192.0.2.1" }),
      { type: "A", content: "192.0.2.2" },
      rec({ type: "WAT", name: "w.project.test", content: "x" }),
    ]);
    expect(r.records).toHaveLength(1);
    expect(r.report.counts.A).toEqual({ read: 2, represented: 1, providerOnly: 0, rejected: 1 });
    expect(r.report.counts.WAT).toEqual({ read: 1, represented: 0, providerOnly: 0, rejected: 1 });
    expect(r.diagnostics.map((d) => d.code)).toEqual(["bad-format", "unknown-type"]);
  });
});
