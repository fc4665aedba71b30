/**
 * The checks that close the catalogue's gaps, each from hand-built inputs:
 * probe results are plain data, so every branch is reachable without a network.
 */
import { createHash } from "node:crypto";
import { describe, expect, it } from "vitest";
import type { ServerAnswer } from "../dns/types";
import { lowerName, name as wire } from "../zone/name";
import { T } from "../zone/rrtype";
import { ackFileSchema, applyAcks } from "./acks";
import { DEFAULT_CONFIG } from "./config";
import { DEL_CHECKS } from "./del";
import { keyTag } from "./dnssec";
import { factsFileSchema } from "./facts";
import { INV_CHECKS } from "./inv";
import { mxMatches, parseStsPolicy, parseStsRecord } from "./mta-sts";
import { OPS_CHECKS } from "./ops";
import { NO_PROBES, type Probes } from "./probes/types";
import { pickRdapServer } from "./rdap-bootstrap";
import { runChecks } from "./run-checks";
import { SEC_CHECKS } from "./sec";
import { SVC_CHECKS } from "./svc";
import { input, records, ZONE } from "./testing/build-input";
import type { CheckInput } from "./types";
import { computeVerdict, findingFingerprint } from "./verdict";

const OLD = { name: "ns1.old.test.", address: "192.0.2.1" };
const OLD2 = { name: "ns2.old.test.", address: "198.51.100.1" };
const NEW = { name: "ns1.new.test.", address: "203.0.113.1" };
const only = (id: string) => (f: { id: string }) => f.id === id;
const lines = (fs: { id: string; severity: string; subject: string }[]) =>
  fs.map((f) => `${f.id} ${f.severity} ${f.subject}`).sort();

function answer(p: Partial<ServerAnswer> & { question?: ServerAnswer["question"] }): ServerAnswer {
  return {
    server: { name: OLD.name, address: OLD.address, port: 53 },
    transport: "udp",
    question: { name: wire(ZONE), type: T.SOA, class: 1 },
    rcode: 0,
    flags: { aa: true, tc: false, rd: false, ra: false, ad: false, cd: false },
    edns: { udpSize: 1232, do: false, version: 0 },
    records: [],
    elapsedMs: 1,
    attempts: 1,
    mismatches: 0,
    error: null,
    timestamp: "2026-10-01T00:00:00.000Z",
    ...p,
  };
}
const withProbes = (i: CheckInput, p: Partial<Probes>): CheckInput => ({ ...i, probes: { ...NO_PROBES, ...p } });
const LABEL = "ns1.old.test. 192.0.2.1:53";

describe("DEL-LAME-SUBZONE", () => {
  const base = input({
    old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\nsub IN NS ns1.sub.test.\nsub IN NS ns2.sub.test.\n" }],
  });
  it("all servers lame: blocker; some lame: warning; healthy: nothing", () => {
    const lame = (problem: string | null) => ({ ns: "ns1.sub.test.", address: "192.0.2.53", answer: null, problem });
    const all = runChecks(
      withProbes(base, {
        subzones: [
          {
            cut: "sub.example.test.",
            ns: ["ns1.sub.test.", "ns2.sub.test."],
            servers: [
              lame("refused: REFUSED"),
              { ...lame(null), ns: "ns2.sub.test.", address: null, problem: "ns2.sub.test. has no address (A/AAAA)" },
            ],
          },
        ],
      }),
      DEFAULT_CONFIG,
      DEL_CHECKS,
    ).filter(only("DEL-LAME-SUBZONE"));
    expect(lines(all)).toEqual(["DEL-LAME-SUBZONE blocker sub.example.test."]);
    expect(all[0].message).toContain("ns2.sub.test. (ns2.sub.test. has no address (A/AAAA))");
    const some = runChecks(
      withProbes(base, {
        subzones: [
          {
            cut: "sub.example.test.",
            ns: ["ns1.sub.test.", "ns2.sub.test."],
            servers: [lame("answer without AA (not authoritative: lame)"), { ...lame(null), ns: "ns2.sub.test." }],
          },
        ],
      }),
      DEFAULT_CONFIG,
      DEL_CHECKS,
    ).filter(only("DEL-LAME-SUBZONE"));
    expect(lines(some)).toEqual(["DEL-LAME-SUBZONE warning sub.example.test."]);
    expect(some[0].message).toMatch(/^1 of 2 name server/);
    const fine = runChecks(
      withProbes(base, { subzones: [{ cut: "sub.example.test.", ns: ["ns1.sub.test."], servers: [lame(null)] }] }),
      DEFAULT_CONFIG,
      DEL_CHECKS,
    );
    expect(fine.filter(only("DEL-LAME-SUBZONE"))).toEqual([]);
  });
});

describe("DEL-OPEN-RECURSION and DEL-EDNS-TCP from probes", () => {
  const base = input({ old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }] });
  const probe = (over: Partial<Probes["servers"][number]>): Probes["servers"][number] => ({
    which: "old",
    server: LABEL,
    signed: [],
    recursion: answer({
      rcode: 5,
      flags: { aa: false, tc: false, rd: true, ra: false, ad: false, cd: false },
      error: { kind: "refused", message: "REFUSED" },
    }),
    ednsVersion: answer({ rcode: 16 }),
    noEdns: answer({ edns: null }),
    ...over,
  });
  it("a refused RD=1 query and correct EDNS handling raise nothing", () => {
    expect(
      runChecks(withProbes(base, { servers: [probe({})] }), DEFAULT_CONFIG, DEL_CHECKS).filter(
        (f) => f.id === "DEL-OPEN-RECURSION" || f.id === "DEL-EDNS-TCP",
      ),
    ).toEqual([]);
  });
  it("RA + an answer for an out-of-zone name is open recursion; RA alone is not", () => {
    const open = answer({
      question: { name: wire("a.root-servers.net."), type: T.A, class: 1 },
      flags: { aa: false, tc: false, rd: true, ra: true, ad: false, cd: false },
      records: records("a.root-servers.net. 60 IN A 198.41.0.4\n").map((r) => ({ ...r, section: "answer" as const })),
    });
    const f = runChecks(withProbes(base, { servers: [probe({ recursion: open })] }), DEFAULT_CONFIG, DEL_CHECKS).filter(
      only("DEL-OPEN-RECURSION"),
    );
    expect(lines(f)).toEqual([`DEL-OPEN-RECURSION warning ${LABEL}`]);
    expect(f[0].message).toContain("resolved a.root-servers.net. for us");
    const raOnly = answer({ rcode: 5, flags: { aa: false, tc: false, rd: true, ra: true, ad: false, cd: false } });
    expect(
      runChecks(withProbes(base, { servers: [probe({ recursion: raOnly })] }), DEFAULT_CONFIG, DEL_CHECKS).filter(
        only("DEL-OPEN-RECURSION"),
      ),
    ).toEqual([]);
  });
  it("EDNS version 1 answered NOERROR, and an OPT in the answer to a plain query", () => {
    const f = runChecks(
      withProbes(base, { servers: [probe({ ednsVersion: answer({ rcode: 0 }), noEdns: answer({}) })] }),
      DEFAULT_CONFIG,
      DEL_CHECKS,
    ).filter(only("DEL-EDNS-TCP"));
    expect(f.length).toBe(1);
    expect(f[0].message).toContain("answers EDNS version 1 with rcode 0 instead of BADVERS");
    expect(f[0].message).toContain("answers a query without EDNS with an OPT record");
    const timeout = runChecks(
      withProbes(base, {
        servers: [
          probe({
            noEdns: answer({ rcode: null, flags: null, edns: null, error: { kind: "timeout", message: "no answer" } }),
          }),
        ],
      }),
      DEFAULT_CONFIG,
      DEL_CHECKS,
    ).filter(only("DEL-EDNS-TCP"));
    expect(timeout[0].message).toContain("a query without EDNS fails (timeout)");
  });
});

describe("SEC-CDS-CDNSKEY", () => {
  const KEY = "@ IN DNSKEY 257 3 13 " + Buffer.alloc(64, 7).toString("base64") + "\n";
  const OTHER = Buffer.alloc(64, 9).toString("base64");
  const keyRdata = records(KEY)[0].rdata;
  const digest = createHash("sha256")
    .update(lowerName(wire(ZONE)))
    .update(keyRdata)
    .digest("hex");
  const CDS = `@ IN CDS ${keyTag(keyRdata)} 13 2 ${digest}\n`;
  const run = (zone: string, extra: Partial<Parameters<typeof input>[0]> = {}) =>
    runChecks(
      input({ old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" + zone }], ...extra }),
      DEFAULT_CONFIG,
      SEC_CHECKS,
    ).filter(only("SEC-CDS-CDNSKEY"));
  it("CDS and CDNSKEY for the served key are consistent (info)", () => {
    expect(lines(run(KEY + CDS + KEY.replace("DNSKEY", "CDNSKEY")))).toEqual([
      `SEC-CDS-CDNSKEY info ${LABEL} CDS/CDNSKEY`,
    ]);
  });
  it("a CDS without a key, a CDNSKEY not in the DNSKEY set: blocker naming both", () => {
    const f = run(KEY + `@ IN CDS 4711 13 2 ${"ab".repeat(32)}\n@ IN CDNSKEY 257 3 13 ${OTHER}\n`);
    expect(lines(f)).toEqual([`SEC-CDS-CDNSKEY blocker ${LABEL} CDS/CDNSKEY`]);
    expect(f[0].message).toContain("CDS 4711 13 2 matches no DNSKEY");
    expect(f[0].message).toContain("is not in its DNSKEY set");
  });
  it("the RFC 8078 delete request is a warning, info with a remove-ds plan; servers that disagree are a warning", () => {
    expect(lines(run(KEY + "@ IN CDS 0 0 0 00\n"))).toEqual([`SEC-CDS-CDNSKEY warning ${LABEL} CDS delete`]);
    expect(lines(run(KEY + "@ IN CDS 0 0 0 00\n", { facts: { dnssecPlan: "remove-ds" } }))).toEqual([
      `SEC-CDS-CDNSKEY info ${LABEL} CDS delete`,
    ]);
    const f = runChecks(
      input({
        old: [
          { ...OLD, zone: "@ IN NS ns1.old.test.\n" + KEY + CDS },
          { ...OLD2, zone: "@ IN NS ns1.old.test.\n" + KEY },
        ],
      }),
      DEFAULT_CONFIG,
      SEC_CHECKS,
    ).filter(only("SEC-CDS-CDNSKEY"));
    expect(lines(f)).toEqual([
      "SEC-CDS-CDNSKEY info ns1.old.test. 192.0.2.1:53 CDS/CDNSKEY",
      "SEC-CDS-CDNSKEY warning old CDS/CDNSKEY",
    ]);
  });
});

describe("SEC-RRSIG-VALIDITY from DO=1 probes", () => {
  const now = new Date("2026-10-01T00:00:00Z");
  const t = now.getTime() / 1000;
  const rrsig = (inception: number, expiration: number) => {
    const b = new Uint8Array(19);
    const dv = new DataView(b.buffer);
    dv.setUint16(0, T.SOA);
    b[2] = 13;
    b[3] = 2;
    dv.setUint32(4, 3600);
    dv.setUint32(8, expiration);
    dv.setUint32(12, inception);
    return {
      owner: wire(ZONE),
      ttl: 3600,
      class: 1,
      type: T.RRSIG,
      rdata: b,
      file: "dns://192.0.2.1:53",
      line: 0,
      section: "answer" as const,
    };
  };
  const run = (inc: number, exp: number) => {
    const i = input({ old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }], now });
    const signed = [answer({ records: [rrsig(inc, exp)] })];
    return runChecks(
      withProbes(i, {
        servers: [{ which: "old", server: LABEL, recursion: null, ednsVersion: null, noEdns: null, signed }],
      }),
      DEFAULT_CONFIG,
      SEC_CHECKS,
    ).filter(only("SEC-RRSIG-VALIDITY"));
  };
  it("valid past the overlap: info; expiring inside it: warning; expired or not yet valid: blocker", () => {
    expect(lines(run(t - 86400, t + 30 * 86400))).toEqual(["SEC-RRSIG-VALIDITY info old signatures"]);
    const soon = run(t - 86400, t + 1800);
    expect(lines(soon)).toEqual(["SEC-RRSIG-VALIDITY warning old signatures"]);
    expect(soon[0].message).toContain("expires 2026-10-01T00:30:00.000Z");
    expect(lines(run(t - 86400, t - 60))).toEqual(["SEC-RRSIG-VALIDITY blocker old signatures"]);
    expect(run(t + 3600, t + 30 * 86400)[0].message).toContain("valid only from 2026-10-01T01:00:00.000Z");
  });
  it("an unsigned zone has no signature finding", () => {
    expect(
      runChecks(input({ old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }] }), DEFAULT_CONFIG, SEC_CHECKS).filter(
        only("SEC-RRSIG-VALIDITY"),
      ),
    ).toEqual([]);
  });
});

describe("INV-NXDOMAIN-PARITY and INV-NEGATIVE-TTL", () => {
  it("a name that exists at the old side only as an empty non-terminal but is NXDOMAIN at the new one", () => {
    const old = "@ IN NS ns1.old.test.\nx.y IN A 192.0.2.7\n";
    const neu = "@ IN NS ns1.new.test.\nx.y IN A 192.0.2.7\n";
    const i = input({ old: [{ ...OLD, zone: old }], neu: [{ ...NEW, zone: neu }] });
    // both answer "y" alike (NOERROR, empty non-terminal): no parity finding
    expect(runChecks(i, DEFAULT_CONFIG, INV_CHECKS).filter(only("INV-NXDOMAIN-PARITY"))).toEqual([]);
    const j = input({ old: [{ ...OLD, zone: old + 'z IN TXT "only old"\n' }], neu: [{ ...NEW, zone: neu }] });
    // z is flagged by the RRset diff already (missing at new); parity does not repeat it
    expect(runChecks(j, DEFAULT_CONFIG, INV_CHECKS).filter(only("INV-NXDOMAIN-PARITY"))).toEqual([]);
  });
  it("negative TTL: equal → info, longer at the new operator → warning with both values", () => {
    const soa = (min: number) =>
      `@ 3600 IN SOA ns1.x.test. h.example.test. 1 7200 900 1209600 ${min}\n@ IN NS ns1.x.test.\nwww IN A 192.0.2.1\n`;
    const same = runChecks(
      input({ old: [{ ...OLD, zone: soa(300) }], neu: [{ ...NEW, zone: soa(300) }] }),
      DEFAULT_CONFIG,
      INV_CHECKS,
    ).filter(only("INV-NEGATIVE-TTL"));
    expect(lines(same)).toEqual(["INV-NEGATIVE-TTL info example.test. negative TTL"]);
    const longer = runChecks(
      input({ old: [{ ...OLD, zone: soa(300) }], neu: [{ ...NEW, zone: soa(3600) }] }),
      DEFAULT_CONFIG,
      INV_CHECKS,
    ).filter(only("INV-NEGATIVE-TTL"));
    // the fake servers put the SOA's own TTL (3600) in the authority section, as a server without RFC 2308 §3 capping would
    expect(lines(longer)).toEqual(["INV-NEGATIVE-TTL info example.test. negative TTL"]);
    const capped = (ttl: number) =>
      `@ ${ttl} IN SOA ns1.x.test. h.example.test. 1 7200 900 1209600 ${ttl}\n@ IN NS ns1.x.test.\nwww IN A 192.0.2.1\n`;
    const w = runChecks(
      input({ old: [{ ...OLD, zone: capped(300) }], neu: [{ ...NEW, zone: capped(3600) }] }),
      DEFAULT_CONFIG,
      INV_CHECKS,
    ).filter(only("INV-NEGATIVE-TTL"));
    expect(lines(w)).toEqual(["INV-NEGATIVE-TTL warning example.test. negative TTL"]);
    expect(w[0].message).toContain("300 s at the old operator and 3600 s at the new one");
  });
});

describe("SVC-MAIL-PTR, SVC-MTA-STS, SVC-XFR-PATH", () => {
  const mail = "@ IN NS ns1.old.test.\n@ IN MX 10 mx\nmx IN A 192.0.2.25\n";
  it("PTR: confirmed → info; none, not pointing back, or failing → warning", () => {
    const i = input({ old: [{ ...OLD, zone: mail }] });
    const f = runChecks(
      withProbes(i, {
        ptr: [
          {
            host: "mx.example.test.",
            address: "192.0.2.25",
            ptr: ["mx.example.test."],
            confirmed: ["mx.example.test."],
            error: null,
          },
          { host: "mx.example.test.", address: "192.0.2.26", ptr: [], confirmed: [], error: null },
          { host: "mx.example.test.", address: "192.0.2.27", ptr: ["host27.isp.test."], confirmed: [], error: null },
          {
            host: "mx.example.test.",
            address: "192.0.2.28",
            ptr: [],
            confirmed: [],
            error: "no server of in-addr.arpa. gave a usable answer",
          },
        ],
      }),
      DEFAULT_CONFIG,
      SVC_CHECKS,
    ).filter(only("SVC-MAIL-PTR"));
    f.sort((a, b) => a.subject.localeCompare(b.subject));
    expect(f.map((x) => `${x.severity} ${x.subject}`)).toEqual([
      "info mx.example.test. 192.0.2.25",
      "warning mx.example.test. 192.0.2.26",
      "warning mx.example.test. 192.0.2.27",
      "warning mx.example.test. 192.0.2.28",
    ]);
    expect(f[1].message).toContain("has no PTR record");
    expect(f[2].message).toContain("does not resolve back");
    expect(f[3].message).toContain("could not be looked up");
  });

  it("MTA-STS parsing (RFC 8461 §3.1, §3.2, §4.1)", () => {
    expect(parseStsRecord("v=STSv1; id=20261001T1;")).toEqual({ ok: true, id: "20261001T1" });
    expect(parseStsRecord("v=STSv1; id=not-alnum")).toMatchObject({ ok: false });
    expect(parseStsRecord("id=1; v=STSv1")).toMatchObject({ ok: false, error: expect.stringContaining("must start") });
    const p = parseStsPolicy(
      "version: STSv1\r\nmode: enforce\r\nmx: mx.example.test\r\nmx: *.mail.example.test\r\nmax_age: 604800\r\n",
    );
    expect(p).toEqual({
      version: "STSv1",
      mode: "enforce",
      mx: ["mx.example.test", "*.mail.example.test"],
      maxAge: 604800,
      errors: [],
    });
    expect(parseStsPolicy("version: STSv1\nmode: strict\n").errors).toEqual([
      'unknown mode "strict"',
      "no valid mode",
      "no valid max_age",
    ]);
    expect([
      mxMatches("a.mail.example.test.", "*.mail.example.test"),
      mxMatches("a.b.mail.example.test", "*.mail.example.test"),
      mxMatches("MX.example.test", "mx.example.test"),
    ]).toEqual([true, false, true]);
  });

  it("MTA-STS: policy host missing, policy not listing the MX (enforce → blocker), consistent → info", () => {
    const sts = mail + `_mta-sts IN TXT "v=STSv1; id=1"\n`;
    const i = input({ old: [{ ...OLD, zone: sts }] });
    const policy = (body: string) =>
      withProbes(i, {
        mtaSts: { url: "https://mta-sts.example.test/.well-known/mta-sts.txt", status: 200, body, error: null },
      });
    const noHost = runChecks(
      policy("version: STSv1\nmode: enforce\nmx: mx.example.test\nmax_age: 86400\n"),
      DEFAULT_CONFIG,
      SVC_CHECKS,
    ).filter(only("SVC-MTA-STS"));
    expect(noHost.map((x) => `${x.severity} ${x.subject}`)).toEqual([
      "warning mta-sts.example.test.",
      "info example.test. MTA-STS",
    ]);
    const j = input({ old: [{ ...OLD, zone: sts + "mta-sts IN A 192.0.2.80\n" }] });
    const wrong = runChecks(
      {
        ...j,
        probes: {
          ...NO_PROBES,
          mtaSts: {
            url: "u",
            status: 200,
            body: "version: STSv1\nmode: enforce\nmx: mail.other.test\nmax_age: 86400\n",
            error: null,
          },
        },
      },
      DEFAULT_CONFIG,
      SVC_CHECKS,
    ).filter(only("SVC-MTA-STS"));
    expect(wrong.map((x) => `${x.severity} ${x.subject}`)).toEqual(["blocker example.test. MTA-STS mx"]);
    expect(wrong[0].message).toContain(
      "MX host(s) mx.example.test. match no mx pattern of the enforce policy (mail.other.test)",
    );
    const unfetched = runChecks(j, DEFAULT_CONFIG, SVC_CHECKS).filter(only("SVC-MTA-STS"));
    expect(unfetched.map((x) => x.severity)).toEqual(["info"]);
    const failed = runChecks(
      { ...j, probes: { ...NO_PROBES, mtaSts: { url: "u", status: 404, body: null, error: null } } },
      DEFAULT_CONFIG,
      SVC_CHECKS,
    ).filter(only("SVC-MTA-STS"));
    expect(failed.map((x) => `${x.severity} ${x.message.slice(0, 45)}`)).toEqual([
      "warning The MTA-STS policy could not be fetched: HTTP",
    ]);
  });

  it("XFR path: a new operator fed by AXFR with an older serial is a blocker; caught up is info", () => {
    const soa = (serial: number) =>
      `@ 3600 IN SOA ns1.old.test. h.example.test. ${serial} 7200 900 1209600 300\n@ IN NS ns1.old.test.\n`;
    const stale = runChecks(
      input({ old: [{ ...OLD, zone: soa(7) }], neu: [{ ...NEW, zone: soa(5) }], facts: { newOperatorFeed: "axfr" } }),
      DEFAULT_CONFIG,
      SVC_CHECKS,
    ).filter(only("SVC-XFR-PATH"));
    expect(lines(stale)).toEqual(["SVC-XFR-PATH blocker ns1.new.test. 203.0.113.1:53"]);
    expect(stale[0].message).toContain("serves serial 5 while the old servers serve 7");
    const ok = runChecks(
      input({ old: [{ ...OLD, zone: soa(7) }], neu: [{ ...NEW, zone: soa(7) }], facts: { newOperatorFeed: "axfr" } }),
      DEFAULT_CONFIG,
      SVC_CHECKS,
    ).filter(only("SVC-XFR-PATH"));
    expect(lines(ok)).toEqual(["SVC-XFR-PATH info ns1.new.test. 203.0.113.1:53"]);
    const copy = runChecks(
      input({ old: [{ ...OLD, zone: soa(7) }], neu: [{ ...NEW, zone: soa(5) }], facts: { newOperatorFeed: "import" } }),
      DEFAULT_CONFIG,
      SVC_CHECKS,
    ).filter(only("SVC-XFR-PATH"));
    expect(copy).toEqual([]);
  });

  it("XFR path: a server that answered REFUSED reads refused, a timed-out transfer reads failed", () => {
    const i = input({
      old: [
        { ...OLD, zone: "@ IN NS ns1.old.test.\n" },
        { ...OLD2, zone: "@ IN NS ns1.old.test.\n" },
      ],
    });
    Object.assign(i.old!.servers[0], { axfr: "refused", axfrDetail: "REFUSED" });
    Object.assign(i.old!.servers[1], { axfr: "failed", axfrDetail: "timeout: no answer in 60000 ms" });
    const [f] = runChecks(i, DEFAULT_CONFIG, SVC_CHECKS).filter(only("SVC-XFR-PATH"));
    expect(f.message).toBe(
      "AXFR from this checker: ns1.old.test. 192.0.2.1:53 refused (REFUSED); ns2.old.test. 198.51.100.1:53 failed (timeout: no answer in 60000 ms).",
    );
    expect(f.evidence.map((e) => e.text)).toEqual([
      "AXFR refused by ns1.old.test. 192.0.2.1:53 (REFUSED)",
      "AXFR failed from ns2.old.test. 198.51.100.1:53 (timeout: no answer in 60000 ms)",
    ]);
  });
});

describe("OPS facts with real TTLs", () => {
  const deleg = "@ 86400 IN NS ns1.old.test.\n";
  const base = {
    old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n" }],
    neu: [{ ...NEW, zone: "@ IN NS ns1.new.test.\n" }],
  };
  it("a rollback assuming less than the parent NS TTL, an old zone dropped too early, a contact off call", async () => {
    const { delegationOf } = await import("./testing/build-input");
    const facts = {
      contacts: [{ party: "old operator", name: "Olga", channel: "+41", onCall: false }],
      monitoring: { plan: "resolution checks every minute" },
      rollback: { steps: "restore NS", assumedSeconds: 3600 },
      window: { start: "2026-10-06T08:00:00Z", end: "2026-10-06T20:00:00Z" },
      oldZoneKeptUntil: "2026-10-07T00:00:00Z",
    };
    const f = runChecks(input({ ...base, delegation: delegationOf(deleg), facts }), DEFAULT_CONFIG, OPS_CHECKS);
    expect(lines(f)).toEqual([
      "OPS-CONTACTS warning example.test.",
      "OPS-OLD-ZONE-KEPT warning example.test.",
      "OPS-ROLLBACK warning example.test.",
    ]);
    expect(f.find(only("OPS-ROLLBACK"))!.message).toContain(
      "assumes 1 h until everyone is back, but with the measured TTLs it takes 1 d 1 h",
    );
    expect(f.find(only("OPS-OLD-ZONE-KEPT"))!.message).toContain("needs it until at least 2026-10-07T21:00:00.000Z");
    const good = runChecks(
      input({
        ...base,
        delegation: delegationOf(deleg),
        facts: {
          ...facts,
          contacts: [{ ...facts.contacts[0], onCall: true }],
          rollback: { steps: "restore NS", assumedSeconds: 90000 },
          oldZoneKeptUntil: "2026-10-09T00:00:00Z",
        },
      }),
      DEFAULT_CONFIG,
      OPS_CHECKS,
    );
    expect(good).toEqual([]);
  });
  it("the facts file schema rejects what the library would not accept", () => {
    expect(factsFileSchema.safeParse({ dnssecPlan: "hope" }).success).toBe(false);
    expect(factsFileSchema.safeParse({ window: { start: "tomorrow", end: "2026-10-06T20:00:00Z" } }).success).toBe(
      false,
    );
    expect(factsFileSchema.safeParse({ unknownField: 1 }).success).toBe(false);
    const ok = factsFileSchema.parse({ dnsHostingMoves: true, contacts: [{ party: "p", name: "n", channel: "c" }] });
    expect(ok.contacts![0].onCall).toBe(true);
  });
});

describe("--ack files and RDAP bootstrap", () => {
  it("acknowledges warnings and waives blockers with who and why; refuses the wrong kind", () => {
    const i = input({ old: [{ ...OLD, zone: "@ IN NS ns1.old.test.\n@ IN MX 10 mx\n" }] });
    const f = runChecks(i);
    const blocker = f.find((x) => x.severity === "blocker")!;
    const file = ackFileSchema.parse({
      acknowledgements: [
        { id: "SVC-DMARC", by: "Ada", reason: "no mail yet" },
        { key: "NOPE-X@y", by: "Ada", reason: "stale" },
      ],
      waivers: [{ key: blocker.key, by: "Bob", reason: "accepted risk" }],
    });
    const r = applyAcks({ findings: f, file, now: new Date("2026-10-01T00:00:00Z") });
    expect(r.errors).toEqual([]);
    expect(r.unmatched).toEqual(["acknowledgement NOPE-X@y"]);
    expect(r.states[blocker.key]).toEqual({
      status: "waived",
      by: "Bob",
      reason: "accepted risk",
      at: "2026-10-01T00:00:00.000Z",
      fingerprint: findingFingerprint(blocker),
    });
    expect(r.states["SVC-DMARC@_dmarc.example.test."]).toMatchObject({ status: "acknowledged", by: "Ada" });
    expect(computeVerdict(f, r.states).waivedBlockers.map((x) => x.key)).toContain(blocker.key);
    const wrong = applyAcks({
      findings: f,
      file: ackFileSchema.parse({ acknowledgements: [{ key: blocker.key, by: "Ada", reason: "oops" }] }),
      now: new Date(),
    });
    expect(wrong.errors).toEqual([
      `acknowledgement ${blocker.key}: ${blocker.key} is a blocker; only warnings can be acknowledged`,
    ]);
    expect(
      ackFileSchema.safeParse({ acknowledgements: [{ id: "SVC-DMARC", key: "x", by: "A", reason: "both" }] }).success,
    ).toBe(false);
    expect(ackFileSchema.safeParse({ waivers: [{ id: "SVC-DMARC", by: "", reason: "nobody" }] }).success).toBe(false);
  });
  it("picks the longest matching entry and prefers https (RFC 9224 §4, §3)", async () => {
    const { readFileSync } = await import("node:fs");
    const b = JSON.parse(readFileSync(new URL("./__fixtures__/rdap-bootstrap.json", import.meta.url), "utf8"));
    expect(pickRdapServer({ bootstrap: b, domain: "example.test." })).toEqual({
      ok: true,
      baseUrl: "https://RDAP_BASE/rdap/test/",
      entry: "test",
    });
    expect(pickRdapServer({ bootstrap: b, domain: "Project.Test" })).toEqual({
      ok: true,
      baseUrl: "http://RDAP_BASE/rdap/project/",
      entry: "project.test",
    });
    expect(pickRdapServer({ bootstrap: b, domain: "x.com" })).toMatchObject({
      ok: true,
      baseUrl: "https://rdap.verisign.example/com/v1/",
    });
    expect(pickRdapServer({ bootstrap: b, domain: "a.example" })).toEqual({
      ok: false,
      error: 'the entry for "example" lists no http(s) URL',
    });
    expect(pickRdapServer({ bootstrap: b, domain: "a.org" })).toEqual({
      ok: false,
      error: 'no RDAP service for "org" in the bootstrap file',
    });
    expect(pickRdapServer({ bootstrap: { services: "nope" }, domain: "a.test" }).ok).toBe(false);
  });
});
