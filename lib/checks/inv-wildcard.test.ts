import { describe, expect, it } from "vitest";
import { DEFAULT_CONFIG } from "./config";
import { INV_CHECKS } from "./inv";
import { runChecks } from "./run-checks";
import { input, source } from "./testing/build-input";

const head = "@ 3600 IN SOA ns1.old.test. host.example.test. 1 7200 900 1209600 300\n@ IN NS ns1.old.test.\n";
// What a server with `* A 192.0.2.80` answers for guessed labels: the wildcard's data at each name (RFC 4592 §3.3.1).
const synthesized = ["www", "ftp", "mail", "vpn"].map((l) => `${l} 3600 IN A 192.0.2.80\n`).join("");
const run = (spec: Parameters<typeof input>[0]) => runChecks(input(spec), DEFAULT_CONFIG, INV_CHECKS);
const blockers = (f: ReturnType<typeof run>) =>
  f.filter((x) => x.severity === "blocker").map((x) => `${x.id} ${x.subject}`);

describe("wildcards (RFC 4592)", () => {
  it("a name answered from a wildcard the source also holds, with the wildcard's data, is not missing", () => {
    const live = head + "* 3600 IN A 192.0.2.80\n" + synthesized;
    const f = run({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: live }],
      sources: [source("export.zone", head + "* 3600 IN A 192.0.2.80\n")],
    });
    expect(blockers(f)).toEqual([]);
    expect(f.map((x) => x.id)).not.toContain("INV-EXPORT-INCOMPLETE");
  });

  it("without the wildcard in the source, every synthesized name is still missing (nothing is hidden)", () => {
    const live = head + "* 3600 IN A 192.0.2.80\n" + synthesized;
    const f = run({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: live }],
      sources: [source("export.zone", head)],
    });
    expect(blockers(f).filter((b) => b.startsWith("INV-MISSING-IN-SOURCE"))).toHaveLength(5);
  });

  it("a name the old servers hold explicitly with other data, answered from the wildcard by the new operator, stays a blocker", () => {
    const old = head + "* 3600 IN A 192.0.2.80\nftp 3600 IN A 192.0.2.21\n";
    const neu = head + "* 3600 IN A 192.0.2.80\nftp 3600 IN A 192.0.2.80\n"; // ftp masked by the wildcard at the new side
    const f = run({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: old }],
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: neu }],
    });
    expect(blockers(f)).toEqual(["INV-DIFFERENT-AT-NEW ftp.example.test. A"]);
  });

  it("a name that exists in the source with other types is not synthesized there", () => {
    const live = head + "* 3600 IN A 192.0.2.80\nftp 3600 IN A 192.0.2.80\n";
    const f = run({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: live }],
      sources: [source("export.zone", head + '* 3600 IN A 192.0.2.80\nftp 3600 IN TXT "x"\n')],
    });
    expect(blockers(f)).toContain("INV-MISSING-IN-SOURCE ftp.example.test. A");
  });

  it("a deeper wildcard is found at the closest encloser", () => {
    const live =
      head + 'dev 3600 IN TXT "d"\n*.dev 3600 IN CNAME lb.example.test.\napp.dev 3600 IN CNAME lb.example.test.\n';
    const f = run({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: live }],
      sources: [source("export.zone", head + 'dev 3600 IN TXT "d"\n*.dev 3600 IN CNAME lb.example.test.\n')],
    });
    expect(blockers(f)).toEqual([]);
  });
});

describe("a name masked by a wildcard where the other side lacks it", () => {
  it("is a different answer (the wildcard's data), not an absent one", () => {
    const old = head + "* 3600 IN A 192.0.2.80\nftp 3600 IN A 192.0.2.21\n";
    const neu = head + "* 3600 IN A 192.0.2.80\n"; // a complete copy (AXFR) without ftp: the new operator answers ftp from *
    const f = run({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: old }],
      neu: [{ name: "ns1.new.test.", address: "203.0.113.1", zone: neu }],
    });
    expect(blockers(f)).toEqual(["INV-DIFFERENT-AT-NEW ftp.example.test. A"]);
    expect(f.find((x) => x.id === "INV-DIFFERENT-AT-NEW")!.message).toContain(
      "old {192.0.2.21}, new {192.0.2.80} — the new operator lacks the name and answers it from its wildcard *.example.test.",
    );
  });
});

describe("synthesis seen in the RRSIG labels field", () => {
  it("names a missing wildcard answers are folded into the wildcard's own finding", () => {
    const live = head + "* 3600 IN A 192.0.2.80\n" + synthesized;
    const i = input({
      old: [{ name: "ns1.old.test.", address: "192.0.2.1", zone: live }],
      sources: [source("export.zone", head)],
    });
    const synthesis = ["www", "ftp", "mail", "vpn"].map((l) => ({
      key: [...i.views.oldRef!.rrsets.values()].find((s) => s.ownerText === `${l}.example.test.`)!.key,
      owner: `${l}.example.test.`,
      type: 1,
      wildcard: "*.example.test.",
    }));
    const f = runChecks(
      { ...i, probes: { servers: [], subzones: [], ptr: null, mtaSts: null, synthesis } },
      DEFAULT_CONFIG,
      INV_CHECKS,
    );
    expect(f.filter((x) => x.id === "INV-MISSING-IN-SOURCE").map((x) => x.subject)).toEqual(["*.example.test. A"]);
    expect(f.find((x) => x.id === "INV-MISSING-IN-SOURCE")!.message).toContain(
      "The wildcard also answers 4 name(s) the exports lack",
    );
    expect(f.find((x) => x.id === "INV-EXPORT-INCOMPLETE")!.message).toContain(
      "1 name(s) answered by the old servers appear in no export: *.example.test.",
    );
  });
});
