/**
 * The engine against real BIND 9, NSD and Knot processes (lib/lab). No mocks.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../lab/lab";
import { LAB_TSIG } from "../lab/scenarios";
import { name, nameToText } from "../zone/name";
import { axfr } from "./axfr";
import { walkDelegation } from "./delegation";
import { queryServer } from "./query-server";
import { parseRootHints, type NameServer } from "./root-hints";
import { runSnapshot } from "./run-snapshot";
import { QuerySession } from "./session";
import { TsigKey } from "./tsig";

let lab: Lab;
let hints: NameServer[];
beforeAll(async () => {
  lab = await startLab({ scenario: "stale-secondary" });
  const h = parseRootHints(lab.rootHints);
  if (!h.ok) throw new Error(h.message);
  hints = h.servers;
}, 60_000);
afterAll(async () => {
  await lab?.stop();
}, 30_000);

const session = () => new QuerySession({ allowPrivate: true, port: lab.port, timeoutMs: 2000, retries: 2 });
const key = () => TsigKey.from(LAB_TSIG.name, LAB_TSIG.algorithm, LAB_TSIG.secret) as TsigKey;

describe("delegation walk against the lab", () => {
  it("follows root → test. → project.test and records NS, glue and TTLs", async () => {
    const s = session();
    const d = await walkDelegation({ session: s, hints }, "project.test.");
    s.close();
    expect(d.problem).toBeNull();
    expect(d.parent).toBe("test.");
    expect(d.ns.map((r) => nameToText(r.rdata)).sort()).toEqual(["ns1.oldhost.test.", "ns2.oldhost.test."]);
    expect(d.ns.every((r) => r.ttl === 172800)).toBe(true);
    expect(d.servers).toEqual([
      { name: "ns1.oldhost.test.", addresses: ["127.0.0.1"] },
      { name: "ns2.oldhost.test.", addresses: ["127.0.0.4", "::1"] },
    ]);
    // AAAA glue for ns2 (NSD listens on ::1 too), with the parent's TTL
    expect(d.glue.map((g) => [nameToText(g.owner), g.type, Buffer.from(g.rdata).toString("hex")])).toEqual([
      ["ns1.oldhost.test.", 1, "7f000001"],
      ["ns2.oldhost.test.", 1, "7f000004"],
      ["ns2.oldhost.test.", 28, "00000000000000000000000000000001"],
    ]);
    expect(d.ds).toEqual([]);
  }, 30_000);

  it("refuses to follow referrals to loopback without --allow-private", async () => {
    const s = new QuerySession({ port: lab.port, timeoutMs: 1000 });
    const d = await walkDelegation({ session: s, hints }, "project.test.");
    s.close();
    expect(d.parent).toBeNull();
    expect(s.counts.sent).toBe(0);
    // Each refused root address is a recorded answer (SSRF cases: never a silent drop), none was sent.
    expect(d.answers.length).toBeGreaterThan(0);
    for (const a of d.answers) {
      expect(a.error?.kind).toBe("address-refused");
      expect(a.error?.message).toMatch(/ is a loopback address /);
      expect(a.attempts).toBe(0);
    }
  });
});

describe("per-server answers from BIND, NSD and Knot", () => {
  it("names the stale secondary by its SOA serial, on every address (IPv4 and IPv6)", async () => {
    const snap = await runSnapshot({
      zone: "project.test",
      rootHints: hints,
      allowPrivate: true,
      port: lab.port,
      discovery: false,
    });
    const serials = Object.fromEntries(snap.servers.map((s) => [`${s.name} ${s.address}`, s.soaSerial]));
    expect(serials).toEqual({
      "ns1.oldhost.test. 127.0.0.1": 2026100201,
      "ns2.oldhost.test. 127.0.0.4": 2026090101,
      "ns2.oldhost.test. ::1": 2026090101,
    });
    expect(snap.servers.every((s) => s.udp && s.tcp && s.authoritative && s.failures.length === 0)).toBe(true);
    expect(snap.servers[0].ns).toEqual(["ns1.oldhost.test.", "ns2.oldhost.test."]);
    // SOA over UDP and TCP and NS were each answered at every address, ::1 included
    // (the walk itself may already have asked NS at the first server it reached)
    for (const address of ["127.0.0.1", "127.0.0.4", "::1"]) {
      const asked = snap.answers
        .filter(
          (a) =>
            a.server.address === address &&
            a.rcode === 0 &&
            a.flags?.aa &&
            nameToText(a.question.name) === "project.test.",
        )
        .map((a) => `${a.question.type}/${a.transport}`);
      expect([...new Set(asked)].sort()).toEqual(["2/udp", "6/tcp", "6/udp"]);
    }
    expect(Object.keys(snap.sentTo)).toContain(`::1:${lab.port}`);
  }, 60_000);

  it("answers the same RDATA bytes from BIND (primary) and NSD (secondary)", async () => {
    const s = session();
    const q = { name: name("project.test"), type: 15, class: 1 };
    const [b, n] = await Promise.all([
      queryServer(s, { name: "ns1.oldhost.test.", address: "127.0.0.1", port: lab.port }, q),
      queryServer(s, { name: "ns2.oldhost.test.", address: "127.0.0.4", port: lab.port }, q),
    ]);
    s.close();
    const mx = (a: typeof b) =>
      a.records.filter((r) => r.section === "answer").map((r) => Buffer.from(r.rdata).toString("hex"));
    expect(mx(b)).toEqual(["000a" + Buffer.from(name("mail.project.test")).toString("hex")]);
    expect(mx(n)).toEqual(mx(b));
    expect(b.flags?.aa && n.flags?.aa).toBe(true);
  });

  it("works in TCP-only mode", async () => {
    const s = new QuerySession({ allowPrivate: true, port: lab.port, tcpOnly: true });
    const a = await queryServer(
      s,
      { name: "ns1.newhost.test.", address: "127.0.0.5", port: lab.port },
      { name: name("project.test"), type: 6, class: 1 },
    );
    s.close();
    expect(a.transport).toBe("tcp");
    expect(a.rcode).toBe(0);
    expect(a.flags?.aa).toBe(true);
  });
});

describe("AXFR", () => {
  it("is refused by BIND without the TSIG key", async () => {
    const s = session();
    const x = await axfr(s, {
      server: { name: "ns1.oldhost.test.", address: "127.0.0.1", port: lab.port },
      zone: name("project.test"),
    });
    s.close();
    expect(x.error?.kind).toMatch(/refused|notauth/);
    expect(x.records).toEqual([]);
  });

  it("succeeds at BIND with TSIG HMAC-SHA256 and verifies every message", async () => {
    const s = session();
    const x = await axfr(s, {
      server: { name: "ns1.oldhost.test.", address: "127.0.0.1", port: lab.port },
      zone: name("project.test"),
      tsig: key(),
    });
    s.close();
    expect(x.error).toBeNull();
    expect(x.tsig).toBe("verified");
    expect(x.records).toHaveLength(15); // the live zone, closing SOA dropped
    expect(x.records[0].type).toBe(6);
  });

  it("rejects an answer signed with another key (BADKEY/BADSIG is recorded)", async () => {
    const s = session();
    const wrong = TsigKey.from(
      LAB_TSIG.name,
      "hmac-sha256",
      Buffer.from("not the lab key").toString("base64"),
    ) as TsigKey;
    const x = await axfr(s, {
      server: { name: "ns1.oldhost.test.", address: "127.0.0.1", port: lab.port },
      zone: name("project.test"),
      tsig: wrong,
    });
    s.close();
    expect(x.error?.kind).toMatch(/notauth|tsig/);
  });

  it("transfers from NSD without a key and sees the stale copy", async () => {
    const s = session();
    const x = await axfr(s, {
      server: { name: "ns2.oldhost.test.", address: "127.0.0.4", port: lab.port },
      zone: name("project.test"),
    });
    s.close();
    expect(x.error).toBeNull();
    expect(x.records).toHaveLength(14); // the docs CNAME is missing
  });

  it("stops at the record cap", async () => {
    const s = session();
    const x = await axfr(s, {
      server: { name: "ns2.oldhost.test.", address: "127.0.0.4", port: lab.port },
      zone: name("project.test"),
      maxRecords: 3,
    });
    s.close();
    expect(x.error?.kind).toBe("too-large");
  });
});

describe("discovery", () => {
  it("finds the zone cuts and CDN names the export lacks, with provenance", async () => {
    const snap = await runSnapshot({
      zone: "project.test",
      rootHints: hints,
      allowPrivate: true,
      port: lab.port,
      importedNames: [{ name: "mail", type: 1 }],
    });
    const byName = Object.fromEntries(snap.names.map((n) => [n.name, n.sources]));
    expect(byName["mail.project.test."]).toEqual(expect.arrayContaining(["import", "common-label"]));
    expect(byName["release.project.test."]).toEqual(expect.arrayContaining(["common-label", "zone-cut"]));
    expect(snap.zoneCuts.sort()).toEqual(["release.project.test.", "update.project.test."]);
    expect(snap.wildcard).toBe(false);
    const www = snap.answers.find(
      (a) =>
        nameToText(a.question.name) === "www.project.test." &&
        a.server.address === "127.0.0.1" &&
        a.records.some((r) => r.type === 5),
    );
    expect(www && nameToText(www.records.find((r) => r.type === 5)!.rdata)).toBe("project-test.cdn.cloudflare.net.");
    expect(snap.answers.some((a) => a.question.type === 255)).toBe(false); // never ANY
    expect(snap.incomplete).toBeNull();
  }, 90_000);

  it("says so when the run deadline stops it early (a partial snapshot is not evidence of absence)", async () => {
    const snap = await runSnapshot({
      zone: "project.test",
      rootHints: hints,
      allowPrivate: true,
      port: lab.port,
      deadlineMs: 30,
    });
    expect(snap.incomplete).toBe("the run's deadline passed");
  }, 90_000);
});

describe("undelegated servers only", () => {
  it("sends nothing to any other lab server (counted by the servers themselves)", async () => {
    const before = await lab.queryCounts();
    const snap = await runSnapshot({
      zone: "project.test",
      servers: [{ name: "ns1.newhost.test", address: "127.0.0.5", port: lab.port }],
      allowPrivate: true,
      port: lab.port,
      commonLabels: false,
    });
    const after = await lab.queryCounts();
    expect(snap.mode).toBe("explicit");
    expect(snap.servers.map((s) => [s.address, s.soaSerial])).toEqual([["127.0.0.5", 2026100201]]);
    for (const addr of Object.keys(before)) {
      if (addr === "127.0.0.5") expect(after[addr] - before[addr]).toBeGreaterThan(2);
      else expect(after[addr] - before[addr]).toBe(0);
    }
    expect(Object.keys(snap.sentTo)).toEqual([`127.0.0.5:${lab.port}`]);
  }, 60_000);
});
