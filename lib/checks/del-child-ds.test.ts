import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { DEL_CHECKS } from "./del";
import { PRV_CHECKS } from "./prv";
import { runChecks } from "./run-checks";
import { input, records, source } from "./testing/build-input";

const head = "@ 3600 IN SOA ns1.old.test. host.example.test. 1 7200 900 1209600 300\n@ IN NS ns1.old.test.\n";
const DS = "shop 3600 IN DS 440 13 2 934113B0D2B17C87E810765DB45A2FE166453997913552512514B11194198FB9\n";
const cut = "shop IN NS ns1.old.test.\n";
const old = [{ name: "ns1.old.test.", address: "192.0.2.1", zone: head + cut + DS }];
const childDs = (spec: Parameters<typeof input>[0]) =>
  runChecks(input(spec), DEFAULT_CONFIG, DEL_CHECKS).filter((f) => f.id === "DEL-CHILD-DS");

describe("DEL-CHILD-DS", () => {
  it("a DS at today's parent side missing from the export and at the new operator is a blocker naming the child", () => {
    const f = childDs({
      old,
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: head + cut }],
      sources: [source("panel.zone", head + cut)],
    });
    expect(f.map((x) => [x.severity, x.subject])).toEqual([["blocker", "shop.example.test."]]);
    expect(f[0].message).toContain(
      "the export(s) have no DS for shop.example.test.; the new operator has no DS for shop.example.test.",
    );
  });
  it("a different DS at the new operator is a blocker; a faithful copy raises nothing", () => {
    const other = "shop 3600 IN DS 440 13 2 " + "00".repeat(32) + "\n";
    const bad = childDs({
      old,
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: head + cut + other }],
      sources: [source("axfr.zone", head + cut + DS)],
    });
    expect(bad.map((x) => x.subject)).toEqual(["shop.example.test."]);
    expect(bad[0].message).toContain("the new operator carries DS {440 13 2 0000");
    expect(
      childDs({
        old,
        neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: head + cut + DS }],
        sources: [source("axfr.zone", head + cut + DS)],
      }),
    ).toEqual([]);
  });
  it("no DS today: nothing the move can lose", () => {
    expect(
      childDs({
        old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: head + cut }],
        neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: head + cut }],
      }),
    ).toEqual([]);
  });
});

describe("a proxied record's message states the live answer", () => {
  const cf = "www.example.test.\t1\tIN\tCNAME\texample.test. ; cf_tags=cf-proxied:true\n";
  it("a live CNAME is a CNAME, not 'anycast addresses'", () => {
    const f = runChecks(
      input({
        old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: head + "www IN CNAME example.test.\n" }],
        sources: [source("cf.txt", cf, "cloudflare")],
      }),
      DEFAULT_CONFIG,
      PRV_CHECKS,
    ).filter((x) => x.id === "PRV-NON-PORTABLE");
    expect(f.map((x) => x.subject)).toEqual(["www.example.test. CNAME (cloudflare proxied)"]);
    expect(f[0].message).toContain(
      "the live zone answers www.example.test. CNAME example.test., not the proxy's A/AAAA addresses",
    );
    expect(f[0].message).not.toContain("anycast");
  });
});

describe("DEL-CHILD-GLUE", () => {
  const deleg = "shop IN NS ns.shop\n";
  const glue = "ns.shop IN A 192.0.2.53\n";
  const xfr = (text: string) => ({
    server: { name: "x.", address: "192.0.2.1", port: 53 },
    zone: new Uint8Array([0]),
    records: records(head + text).map((r) => ({ ...r, section: "answer" as const })),
    messages: 1,
    bytes: 1,
    elapsedMs: 1,
    rcode: 0,
    tsig: "none" as const,
    error: null,
    timestamp: "",
  });
  const run = (newText: string, exportText: string) => {
    const i = input({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: head + deleg + glue }],
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: head + newText }],
      sources: [source("x.zone", head + exportText)],
    });
    i.old!.axfr = [xfr(deleg + glue)];
    i.neu!.axfr = [xfr(newText)];
    return runChecks(i, DEFAULT_CONFIG, DEL_CHECKS).filter((f) => f.id === "DEL-CHILD-GLUE");
  };
  it("glue lost at the new operator, or different in the export, is a blocker naming the child and the host", () => {
    const f = run(deleg, deleg + "ns.shop IN A 192.0.2.54\n");
    expect(f.map((x) => [x.severity, x.subject])).toEqual([
      ["blocker", "shop.example.test. glue ns.shop.example.test."],
    ]);
    expect(f[0].message).toContain("but the export(s) carry {192.0.2.54}; the new operator carries no glue");
  });
  it("a faithful copy raises nothing", () => {
    expect(run(deleg + glue, deleg + glue)).toEqual([]);
  });
});
