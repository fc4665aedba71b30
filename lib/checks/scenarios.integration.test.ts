/**
 * Every DESIGN §9 scenario end to end against the lab (real BIND, NSD and
 * Knot): expected verdict, exactly the expected blocker ids, no others.
 * Plus the CLI spawned as a pipeline would run it.
 */
import { spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { createServer } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../lab/lab";
import { scenario } from "../lab/scenarios";
import { parseRootHints } from "../dns/root-hints";
import { runPipeline, type PipelineResult } from "./pipeline";
import type { TransferFacts } from "./types";
import { acknowledge, computeVerdict, type FindingStates } from "./verdict";

const here = new URL(".", import.meta.url).pathname;
const sourcePath = (p: string) =>
  existsSync(join(here, "../lab", p)) ? join(here, "../lab", p) : join(here, "../zone/import/__fixtures__/exports", p);

interface ReviewOverrides {
  facts?: Partial<TransferFacts>;
  /** Old servers given explicitly (what the web form's Discover fills in) instead of the delegation walk. */
  oldServers?: { name: string; address: string }[];
}

async function review(lab: Lab, name: string, o: ReviewOverrides = {}): Promise<PipelineResult> {
  const h = parseRootHints(lab.rootHints);
  if (!h.ok) throw new Error(h.message);
  const sc = scenario(name);
  const sources = sc.sources.map((p) => ({ name: p.split("/").pop()!, bytes: readFileSync(sourcePath(p)) }));
  return runPipeline({
    zone: "project.test",
    facts: { domain: "project.test", dnsHostingMoves: true, ...o.facts },
    sources,
    oldServers: o.oldServers,
    newServers: sc.newServers ?? [{ name: "ns1.newhost.test", address: "127.0.0.5" }],
    snapshot: { rootHints: h.servers, allowPrivate: true, port: lab.port },
  });
}

function cli(args: string[]): Promise<{ code: number | null; out: string; err: string }> {
  return new Promise((resolve) => {
    const p = spawn(process.execPath, [join(here, "../cli/bin.mjs"), ...args], { stdio: ["ignore", "pipe", "pipe"] });
    let out = "";
    let err = "";
    p.stdout.on("data", (d) => (out += d));
    p.stderr.on("data", (d) => (err += d));
    p.on("close", (code) => resolve({ code, out, err }));
  });
}

const blockerIds = (r: PipelineResult) => [...new Set(r.verdict.openBlockers.map((f) => f.id))].sort();
const subjects = (r: PipelineResult, id: string) =>
  r.findings
    .filter((f) => f.id === id)
    .map((f) => f.subject)
    .sort();

function withLab(name: string, body: (get: () => PipelineResult, lab: () => Lab) => void) {
  describe(`scenario ${name}`, () => {
    let lab: Lab;
    let r: PipelineResult;
    beforeAll(async () => {
      lab = await startLab({ scenario: name });
      r = await review(lab, name);
    }, 90_000);
    afterAll(async () => {
      await lab?.stop();
    }, 30_000);
    body(
      () => r,
      () => lab,
    );
  });
}

withLab("clean-move", (r, lab) => {
  it("probes every server: no open recursion, EDNS version 1 gets BADVERS, plain DNS works; the mail host's PTR points back", () => {
    const p = r().probes!;
    expect(p.servers.length).toBe(4);
    for (const s of p.servers) {
      expect(s.recursion!.flags?.ra ?? false).toBe(false);
      expect(s.ednsVersion!.rcode).toBe(16);
      expect(s.noEdns!.rcode).toBe(0);
      expect(s.noEdns!.edns).toBeNull();
    }
    expect(
      r().findings.filter(
        (f) => f.id === "DEL-OPEN-RECURSION" || f.id === "DEL-EDNS-TCP" || f.id === "DEL-LAME-SUBZONE",
      ),
    ).toEqual([]);
    expect(p.ptr).toEqual([
      {
        host: "mail.project.test.",
        address: "192.0.2.25",
        ptr: ["mail.project.test."],
        confirmed: ["mail.project.test."],
        error: null,
      },
    ]);
    expect(r().findings.find((f) => f.id === "SVC-MAIL-PTR")!.severity).toBe("info");
  });
  it("a pipeline reaches GO, finalisable, with --facts, --ack and --rdap-bootstrap (exit 0 under --strict)", async () => {
    const rdapServer = createServer((req, res) => {
      if (req.url === "/rdap/project/domain/project.test") {
        res.writeHead(200, { "content-type": "application/rdap+json" });
        res.end(readFileSync(join(here, "__fixtures__/rdap-project-test.json")));
      } else {
        res.writeHead(404);
        res.end();
      }
    });
    await new Promise<void>((ok) => rdapServer.listen(0, "127.0.0.1", ok));
    try {
      const dir = mkdtempSync(join(tmpdir(), "cutover-pipeline-"));
      const file = (n: string, body: unknown) => (
        writeFileSync(join(dir, n), typeof body === "string" ? body : JSON.stringify(body)),
        join(dir, n)
      );
      const port = (rdapServer.address() as AddressInfo).port;
      const bootstrap = file(
        "dns.json",
        readFileSync(join(here, "__fixtures__/rdap-bootstrap.json"), "utf8").replaceAll(
          "RDAP_BASE",
          `127.0.0.1:${port}`,
        ),
      );
      const facts = file("facts.json", {
        dnsHostingMoves: true,
        window: { start: "2026-10-06T08:00:00Z", end: "2026-10-08T20:00:00Z" },
        losingRegistrar: "Losing Registrar",
        contacts: [
          { party: "old operator", name: "Olga", channel: "+41 44 000 00 00" },
          { party: "new operator", name: "Nia", channel: "#cutover" },
        ],
        monitoring: { plan: "resolution from three networks every minute; mail flow; cert expiry", by: "Nia" },
        rollback: { steps: "restore ns1/ns2.oldhost.test at the registrar", assumedSeconds: 176400 },
        oldZoneKeptUntil: "2026-10-31T00:00:00Z",
      });
      const ack = file("ack.json", {
        acknowledgements: ["DEL-NS-DIVERSITY", "PRV-DEPENDENCY", "TIM-TTL-LOWERING", "SVC-DMARC", "SVC-DKIM"].map(
          (id) => ({ id, by: "Ada Operator", reason: "reviewed for the lab move" }),
        ),
      });
      const hints = file("root.hints", lab().rootHints);
      const args = [
        "check",
        "project.test",
        "--zone",
        sourcePath("zones/project.test.live.zone"),
        "--new-ns",
        "ns1.newhost.test=127.0.0.5",
        "--root-hints",
        hints,
        "--port",
        String(lab().port),
        "--allow-private",
        "--rdap-bootstrap",
        bootstrap,
        "--facts",
        facts,
      ];
      const noAck = await cli([...args, "--strict", "--json"]);
      expect(noAck.code).toBe(1); // GO, but warnings are still to acknowledge
      const j0 = JSON.parse(noAck.out);
      expect(j0.verdict).toBe("go");
      expect([...new Set(j0.pendingAcknowledgements.map((k: string) => k.split("@")[0]))].sort()).toEqual([
        "DEL-NS-DIVERSITY",
        "PRV-DEPENDENCY",
        "SVC-DKIM",
        "SVC-DMARC",
        "TIM-TTL-LOWERING",
      ]);
      const ok = await cli([...args, "--ack", ack, "--strict", "--json"]);
      expect(ok.err).toBe("");
      expect(ok.code).toBe(0);
      const j = JSON.parse(ok.out);
      expect(j.finalisable).toBe(true);
      expect(j.pendingAcknowledgements).toEqual([]);
      expect(
        j.findings.filter((f: { id: string }) => f.id.startsWith("REG-")).map((f: { id: string }) => f.id),
      ).toEqual([]);
      expect(Object.values(j.states).every((s) => (s as { by: string }).by === "Ada Operator")).toBe(true);
      const text = await cli([...args, "--ack", ack]);
      expect(text.code).toBe(0);
      expect(text.out).toContain("[acknowledged by Ada Operator: reviewed for the lab move]");
    } finally {
      await new Promise<void>((ok) => rdapServer.close(() => ok()));
    }
  }, 90_000);
  it("has zero blockers and is GO; finalisable once every warning is acknowledged", () => {
    expect(blockerIds(r())).toEqual([]);
    expect(r().verdict.verdict).toBe("go");
    expect(r().verdict.finalisable).toBe(false);
    let states: FindingStates = {};
    for (const w of r().verdict.pendingAcknowledgements) {
      const c = acknowledge({
        findings: r().findings,
        states,
        input: { key: w.key, by: "Ada Operator", reason: "reviewed for the lab move" },
        now: new Date("2026-10-02T10:00:00Z"),
      });
      if (!c.ok) throw new Error(c.message);
      states = c.states;
    }
    const v = computeVerdict(r().findings, states);
    expect(v.pendingAcknowledgements).toEqual([]);
    expect(v.finalisable).toBe(true);
  });
  it("raises no difference from case, spelling, order or operator data; apex NS/SOA are explained", () => {
    const d = r().diff;
    expect(d.allSources!.entries.filter((e) => !e.explained)).toEqual([]);
    expect(d.oldVsNew!.entries.filter((e) => !e.explained)).toEqual([]);
    expect(d.oldVsNew!.entries.map((e) => `${e.owner} ${e.type}`).sort()).toEqual([
      "project.test. NS",
      "project.test. SOA",
    ]);
    expect(d.oldServers!.disagreements).toEqual([]);
    expect(d.allSources!.matched).toBeGreaterThanOrEqual(12);
  });
  it("with the old servers given explicitly (the web form's Discover), still measures the parent's referral: 172800 s, window 2 d 1 h", async () => {
    const x = await review(lab(), "clean-move", {
      oldServers: [
        { name: "ns1.oldhost.test", address: "127.0.0.1" },
        { name: "ns2.oldhost.test", address: "127.0.0.4" },
      ],
    });
    expect(x.old!.mode).toBe("explicit");
    expect(x.timing.inputs.parentNsTtl).toBe(172800);
    expect(x.timing.minWindowSeconds).toBe(176400);
    expect(x.timing.rollbackSeconds).toBe(176400);
    expect(x.findings.map((f) => f.id)).not.toContain("TIM-PARENT-TTL-UNMEASURED");
    expect(x.findings.find((f) => f.id === "TIM-OVERLAP")!.message).toContain("minimum window 176400 s (2 d 1 h)");
    expect(blockerIds(x)).toEqual([]);
  }, 60_000);
  it("exports the measured timing: parent NS TTL 172800 + 3600 margin", () => {
    expect(r().timing.inputs.parentNsTtl).toBe(172800);
    expect(r().timing.inputs.childNsTtl).toBe(3600);
    expect(r().timing.minOverlapSeconds).toBe(176400);
    expect(r().timing.negativeTtlSeconds).toBe(300);
  });
});

withLab("incomplete-export", (r, lab) => {
  it("is NO-GO with a blocker for every missing RRset, in the export and at the new operator", () => {
    expect(r().verdict.verdict).toBe("no-go");
    expect(blockerIds(r())).toEqual([
      "DEL-SUBZONE-CUT",
      "INV-EXPORT-INCOMPLETE",
      "INV-MISSING-AT-NEW",
      "INV-MISSING-IN-SOURCE",
      "SVC-ACME-CHALLENGE",
      "SVC-CAA",
    ]);
    const missing = [
      "_acme-challenge.project.test. CNAME",
      "docs.project.test. CNAME",
      "project.test. CAA",
      "release.project.test. NS",
      "update.project.test. NS",
      "www.project.test. CNAME",
    ];
    expect(subjects(r(), "INV-MISSING-IN-SOURCE")).toEqual(missing);
    expect(subjects(r(), "INV-MISSING-AT-NEW")).toEqual(missing);
    expect(subjects(r(), "DEL-SUBZONE-CUT")).toEqual(["release.project.test.", "update.project.test."]);
  });
  it("points each blocker at the raw answers of the old servers", () => {
    const f = r().findings.find((x) => x.id === "INV-MISSING-IN-SOURCE" && x.subject === "release.project.test. NS")!;
    const ev = f.evidence.find((e) => e.kind === "answer")!;
    expect(ev.snapshot).toBe("old");
    const a = r().old!.answers[ev.answer!];
    expect(a.flags?.aa).toBe(false); // a referral
    expect(ev.text).toContain("release.project.test. 3600 IN NS ns-101.awsdns-12.com.");
  });
  it("the CLI says NO-GO with exit 1, in text and JSON", async () => {
    const dir = mkdtempSync(join(tmpdir(), "cutover-check-"));
    const hints = join(dir, "root.hints");
    writeFileSync(hints, lab().rootHints);
    const args = [
      "check",
      "project.test",
      "--zone",
      sourcePath("zones/project.test.export-incomplete.zone"),
      "--new-ns",
      "ns1.newhost.test=127.0.0.5",
      "--root-hints",
      hints,
      "--port",
      String(lab().port),
      "--dns-hosting-moves",
      "yes",
      "--allow-private",
    ];
    const run = (extra: string[]) =>
      new Promise<{ code: number | null; out: string; err: string }>((resolve) => {
        const p = spawn(process.execPath, [join(here, "../cli/bin.mjs"), ...args, ...extra], {
          stdio: ["ignore", "pipe", "pipe"],
        });
        let out = "";
        let err = "";
        p.stdout.on("data", (d) => (out += d));
        p.stderr.on("data", (d) => (err += d));
        p.on("close", (code) => resolve({ code, out, err }));
      });
    const text = await run([]);
    expect(text.code).toBe(1);
    expect(text.out.split("\n")[0]).toMatch(/^project\.test\.: NO-GO — 17 blocker\(s\)/);
    expect(text.out).toContain("INV-MISSING-IN-SOURCE  release.project.test. NS");
    const json = await run(["--json"]);
    expect(json.code).toBe(1);
    const j = JSON.parse(json.out);
    expect(j.verdict).toBe("no-go");
    expect(j.findings.filter((f: { severity: string }) => f.severity === "blocker").length).toBe(17);
    expect(Object.keys(j.findings[0]).sort()).toEqual([
      "evidence",
      "id",
      "key",
      "message",
      "remediation",
      "severity",
      "subject",
    ]);
    expect(j.pendingAcknowledgements.length).toBeGreaterThan(0);
    expect(j.snapshot.old.servers.length).toBe(3);
    expect(j.snapshot.new.servers[0].name).toBe("ns1.newhost.test.");
  }, 60_000);
});

withLab("stale-secondary", (r) => {
  it("names the stale secondary on every address, and the record it lacks", () => {
    expect(blockerIds(r())).toEqual(["DEL-SOA-SERIAL", "INV-SERVER-MISMATCH"]);
    expect(subjects(r(), "DEL-SOA-SERIAL").map((s) => s.replace(/:\d+$/, ""))).toEqual([
      "ns2.oldhost.test. 127.0.0.4",
      "ns2.oldhost.test. [::1]",
    ]);
    const m = r().findings.find((f) => f.id === "INV-SERVER-MISMATCH")!;
    expect(m.subject).toBe("docs.project.test. CNAME");
    expect(
      r()
        .diff.oldServers!.disagreements.find((d) => d.type === "CNAME")!
        .odd.map((s) => s.replace(/:\d+$/, ""))
        .sort(),
    ).toEqual(["ns2.oldhost.test. 127.0.0.4", "ns2.oldhost.test. [::1]"]);
  });
});

withLab("primary-down", (r) => {
  it("blocks on the unreachable primary", () => {
    expect(blockerIds(r())).toEqual(["DEL-PRIMARY-UNREACHABLE", "DEL-SERVER-UNREACHABLE"]);
    expect(subjects(r(), "DEL-PRIMARY-UNREACHABLE").map((s) => s.replace(/:\d+$/, ""))).toEqual([
      "ns1.oldhost.test. 127.0.0.1",
    ]);
    // the secondary still answers: its data is the reference and matches the export
    expect(r().diff.allSources!.entries.filter((e) => !e.explained)).toEqual([]);
  });
});

withLab("ds-mismatch", (r) => {
  it("blocks on a DS without a matching DNSKEY at the new operator, and on the missing DNSSEC plan", () => {
    expect(blockerIds(r())).toEqual(["SEC-DS-NO-DNSKEY", "SEC-DS-NO-PLAN"]);
    expect(subjects(r(), "SEC-DS-NO-DNSKEY").map((s) => s.replace(/:\d+$/, ""))).toContain(
      "ns1.newhost.test. 127.0.0.5",
    );
    expect(r().timing.inputs.dsTtl).toBe(86400);
    expect(r().timing.minOverlapSeconds).toBe(172800 + 86400 + 3600);
  });
});

withLab("provider-records", (r) => {
  it("blocks on exactly the non-portable provider records; the live zone matches the exports otherwise", () => {
    expect(blockerIds(r())).toEqual(["PRV-NON-PORTABLE"]);
    expect(
      r()
        .verdict.openBlockers.map((f) => f.subject)
        .sort(),
    ).toEqual([
      "api.project.test. A (route53 routing-policy)",
      "api.project.test. A (route53 routing-policy)",
      "docs.project.test. A (cloudflare proxied)",
      "project.test. A (cloudflare proxied)",
      "project.test. A (route53 alias)",
      "release.project.test. A (route53 alias)",
      "www.project.test. CNAME (cloudflare proxied)",
    ]);
    // No unrelated inventory noise: every live RRset is in the exports (or explained), nothing extra in them.
    expect(
      r()
        .findings.filter((f) => f.id.startsWith("INV-") && f.severity !== "info")
        .map((f) => `${f.id} ${f.subject}`),
    ).toEqual(["INV-WILDCARD *.preview.project.test."]);
    expect(r().diff.allSources!.entries.filter((e) => !e.explained)).toEqual([]);
  });
  it("states what the live answers show: a proxied CNAME is a CNAME, an export's own NS are the exporter's, not the new operator's", () => {
    const www = r().findings.find(
      (f) => f.id === "PRV-NON-PORTABLE" && f.subject === "www.project.test. CNAME (cloudflare proxied)",
    )!;
    expect(www.message).toContain(
      "the live zone answers www.project.test. CNAME project.test., not the proxy's A/AAAA addresses",
    );
    expect(www.message).not.toContain("anycast");
    const apexA = r().findings.find(
      (f) => f.id === "PRV-NON-PORTABLE" && f.subject === "project.test. A (cloudflare proxied)",
    )!;
    expect(apexA.message).toContain(
      "the live zone answers project.test. A 192.0.2.80 (the proxy's addresses, not the origin)",
    );
    const ns = r()
      .diff.sources.flatMap((c) => c.entries)
      .filter((e) => e.owner === "project.test." && e.type === "NS");
    expect(ns.length).toBeGreaterThan(0);
    for (const e of ns) {
      expect(e.explained).toContain(
        "are the exporting operator's, the live zone names {ns1.oldhost.test., ns2.oldhost.test.}",
      );
      expect(e.explained).not.toContain("new operator's own servers");
    }
  });
  it("shows the proxied/alias differences as explained, not as blockers", () => {
    const explained = r()
      .diff.allSources!.entries.filter((e) => e.explained)
      .map((e) => `${e.owner} ${e.type}`);
    expect(explained).toEqual(expect.arrayContaining(["project.test. A", "docs.project.test. A"]));
    expect(r().findings.some((f) => f.id.startsWith("INV-") && f.severity === "blocker")).toBe(false);
  });
});

withLab("lame-subzone", (r) => {
  it("blocks on the delegation whose servers do not serve the subzone, and on nothing else", () => {
    expect(blockerIds(r())).toEqual(["DEL-LAME-SUBZONE"]);
    const f = r().findings.find((x) => x.id === "DEL-LAME-SUBZONE")!;
    expect(f.subject).toBe("legacy.project.test.");
    expect(f.message).toContain("ns-101.awsdns-12.com. 127.0.0.7 (refused");
    // the healthy subzones were probed too and are not reported
    expect(
      r()
        .probes!.subzones.map((z) => `${z.cut} ${z.servers.map((s) => s.problem === null).join(",")}`)
        .sort(),
    ).toEqual([
      "legacy.project.test. false,false",
      "release.project.test. true,true",
      "update.project.test. true,true",
    ]);
  });
});

const noPort = (s: string) => s.replace(/:\d+$/, "");

withLab("verbatim-import", (r) => {
  it("is NO-GO: the new zone's apex NS are the old operator's, and ns3.project.test. publishes another address than given (DELEGATION07)", () => {
    expect(r().verdict.verdict).toBe("no-go");
    expect(blockerIds(r())).toEqual(["DEL-PLANNED-GLUE", "DEL-PLANNED-NS"]);
    expect(subjects(r(), "DEL-PLANNED-NS").map(noPort)).toEqual([
      "ns1.newhost.test. 127.0.0.5",
      "ns3.project.test. 127.0.0.5",
    ]);
    const ns = r().findings.find((f) => f.id === "DEL-PLANNED-NS")!;
    expect(ns.message).toContain(
      "only in the new zone: ns1.oldhost.test., ns2.oldhost.test.; missing from the new zone: ns1.newhost.test., ns3.project.test.",
    );
    expect(subjects(r(), "DEL-PLANNED-GLUE").map(noPort)).toEqual([
      "ns3.project.test. @ ns1.newhost.test. 127.0.0.5",
      "ns3.project.test. @ ns3.project.test. 127.0.0.5",
    ]);
    const g = r().findings.find((f) => f.id === "DEL-PLANNED-GLUE")!;
    expect(g.message).toContain("will be {127.0.0.5}");
    expect(g.message).toContain("publishes ns3.project.test. {127.0.0.9}");
  });
});

withLab("hidden-primary", (r, lab) => {
  it("asks the hidden primary: unreachable at its address is a warning to acknowledge, with the date the secondaries stop", () => {
    const p = r().probes!.primary!;
    expect(p.mname).toBe("hidden.oldhost.test.");
    expect(p.addresses).toEqual(["127.0.0.6"]);
    expect(p.servers.map((s) => [s.udp.transport, s.udp.error?.kind, s.tcp.transport, s.tcp.error?.kind])).toEqual([
      ["udp", expect.any(String), "tcp", expect.any(String)],
    ]);
    expect(blockerIds(r())).toEqual([]);
    const f = r().findings.filter((x) => x.id === "DEL-PRIMARY-UNREACHABLE");
    expect(f.map((x) => [x.severity, x.subject])).toEqual([["warning", "hidden.oldhost.test. 127.0.0.6"]]);
    expect(f[0].message).toMatch(
      /if it is down, updates are blocked and the secondaries stop answering at \d{4}-\d\d-\d\dT/,
    );
    expect(r().verdict.pendingAcknowledgements.map((w) => w.key)).toContain(
      "DEL-PRIMARY-UNREACHABLE@hidden.oldhost.test. 127.0.0.6",
    );
  });
  it("is a blocker when the new operator is to transfer the zone from it", async () => {
    const x = await review(lab(), "hidden-primary", { facts: { newOperatorFeed: "axfr" } });
    expect(blockerIds(x)).toEqual(["DEL-PRIMARY-UNREACHABLE"]);
    expect(subjects(x, "DEL-PRIMARY-UNREACHABLE")).toEqual(["hidden.oldhost.test. 127.0.0.6"]);
  }, 60_000);
});

withLab("hidden-primary-ahead", (r) => {
  it("reports the hidden primary's newer serial, and nothing unreachable", () => {
    expect(blockerIds(r())).toEqual([]);
    expect(
      r()
        .findings.filter((f) => f.id.startsWith("DEL-PRIMARY"))
        .map((f) => [f.id, f.severity, f.subject]),
    ).toEqual([["DEL-PRIMARY-SERIAL", "warning", "hidden.oldhost.test. 127.0.0.6"]]);
    expect(r().findings.find((f) => f.id === "DEL-PRIMARY-SERIAL")!.message).toContain(
      "serves serial 2026100202 while the NS serve 2026100201",
    );
  });
});

withLab("hidden-primary-unresolved", (r, lab) => {
  it("reports an MNAME that does not resolve: a warning, a blocker when the zone is to be transferred from it", async () => {
    expect(r().probes!.primary!.resolveProblem).toBe("the name does not exist (NXDOMAIN)");
    expect(blockerIds(r())).toEqual([]);
    expect(
      r()
        .findings.filter((f) => f.id.startsWith("DEL-PRIMARY"))
        .map((f) => [f.id, f.severity, f.subject]),
    ).toEqual([["DEL-PRIMARY-UNRESOLVED", "warning", "nowhere.oldhost.test."]]);
    const x = await review(lab(), "hidden-primary-unresolved", { facts: { newOperatorFeed: "axfr" } });
    expect(blockerIds(x)).toEqual(["DEL-PRIMARY-UNRESOLVED"]);
  }, 60_000);
});

withLab("wildcard", (r) => {
  it("no phantom blockers for the labels the wildcard answers; the name masked by the wildcard at the new side stays a blocker", () => {
    expect(blockerIds(r())).toEqual(["INV-DIFFERENT-AT-NEW"]);
    expect(subjects(r(), "INV-DIFFERENT-AT-NEW")).toEqual(["ftp.project.test. A"]);
    expect(r().findings.find((f) => f.id === "INV-DIFFERENT-AT-NEW")!.message).toContain(
      "old {192.0.2.21}, new {192.0.2.80}",
    );
    // the guessed labels were asked and answered by synthesis, and matched the export's wildcard
    expect(r().diff.allSources!.synthesized!.length).toBeGreaterThan(20);
    expect(r().findings.filter((f) => f.id === "INV-MISSING-IN-SOURCE" || f.id === "INV-EXPORT-INCOMPLETE")).toEqual(
      [],
    );
  });
});

withLab("ds-handover-done", (r) => {
  it("no SEC-DS-NO-PLAN blocker when every new server serves and signs with the key the parent's DS matches", () => {
    expect(blockerIds(r())).toEqual([]);
    expect(r().verdict.verdict).toBe("go");
    const f = r().findings.filter((x) => x.id === "SEC-DS-NO-PLAN");
    expect(f.map((x) => x.severity)).toEqual(["info"]);
    expect(f[0].message).toContain(
      "serves the key the DS matches (tag 11894) and its signature over the DNSKEY RRset validates",
    );
    expect(f[0].message).not.toContain("signs with other keys");
    expect(r().findings.filter((x) => x.id === "SEC-DS-NO-DNSKEY")).toEqual([]);
  });
});

withLab("child-same-servers", (r) => {
  it("finds the cut on the parent's own servers and blocks on the signed child's lost DS, naming the child", () => {
    expect(r().old!.zoneCuts).toContain("shop.project.test.");
    expect(blockerIds(r())).toEqual(["DEL-CHILD-DS", "INV-MISSING-AT-NEW", "INV-MISSING-IN-SOURCE"]);
    expect(subjects(r(), "DEL-CHILD-DS")).toEqual(["shop.project.test."]);
    const f = r().findings.find((x) => x.id === "DEL-CHILD-DS")!;
    expect(f.message).toContain(
      "the export(s) have no DS for shop.project.test.; the new operator has no DS for shop.project.test.",
    );
    expect(f.message).toContain("The child is signed (DNSKEY tag(s) 440 at its servers)");
    expect(subjects(r(), "INV-MISSING-IN-SOURCE")).toEqual(["shop.project.test. DS"]);
    expect(subjects(r(), "INV-MISSING-AT-NEW")).toEqual(["shop.project.test. DS"]);
  });
  it("never reports the child's own names as parent data", () => {
    const childNames = r().findings.filter(
      (x) =>
        /(^|\s|\.)(www|cart)\.shop\.project\.test\./.test(x.subject) ||
        (x.subject.startsWith("shop.project.test. ") && !/ (NS|DS)$/.test(x.subject)),
    );
    expect(childNames).toEqual([]);
  });
});

withLab("realistic-clean-move", (r) => {
  it("is GO with zero blockers", () => {
    expect(blockerIds(r())).toEqual([]);
    expect(r().verdict.verdict).toBe("go");
  });
  it("says what it saw: the split SPF is a warning, the wildcard is compared, the signed child's delegation, glue and DS are copied", () => {
    expect(
      r()
        .findings.filter((f) => f.id === "INV-TXT-SPLIT")
        .map((f) => [f.severity, f.subject]),
    ).toEqual([["warning", "project.test. TXT (the new operator)"]]);
    expect(
      r().findings.filter((f) => f.id === "DEL-CHILD-DS" || f.id === "DEL-LAME-SUBZONE" || f.id === "DEL-SUBZONE-CUT"),
    ).toEqual([]);
    expect(r().probes!.subzones.map((z) => `${z.cut} ${z.dnskeys?.length ?? 0}`)).toEqual(["shop.project.test. 1"]);
    expect(r().diff.oldVsNew!.entries.filter((e) => !e.explained && !e.txtSplit)).toEqual([]);
  });
});

withLab("child-glue-lost", (r) => {
  it("blocks on the lost glue of the in-bailiwick name server, naming the child and the host", () => {
    expect(blockerIds(r())).toEqual(["DEL-CHILD-GLUE"]);
    expect(subjects(r(), "DEL-CHILD-GLUE")).toEqual(["shop.project.test. glue ns.shop.project.test."]);
    expect(r().findings.find((f) => f.id === "DEL-CHILD-GLUE")!.message).toContain(
      "the old parent side carries ns.shop.project.test. {127.0.0.7}, but the new operator carries no glue",
    );
  });
});

withLab("wildcard-signed", (r) => {
  it("reports the missing wildcard once; the names it answers are recognised as synthesized by their RRSIG labels field", () => {
    expect(r().probes!.synthesis!.length).toBeGreaterThan(20);
    expect(new Set(r().probes!.synthesis!.map((p) => p.wildcard))).toEqual(new Set(["*.project.test."]));
    expect(blockerIds(r())).toEqual(["INV-EXPORT-INCOMPLETE", "INV-MISSING-IN-SOURCE"]);
    expect(subjects(r(), "INV-MISSING-IN-SOURCE")).toEqual(["*.project.test. A"]);
    expect(r().findings.find((f) => f.id === "INV-MISSING-IN-SOURCE")!.message).toMatch(
      /The wildcard also answers \d+ name\(s\) the exports lack, synthesized per their RRSIG labels field/,
    );
    expect(r().findings.find((f) => f.id === "INV-EXPORT-INCOMPLETE")!.message).toContain(": *.project.test.");
  });
});
