import dnsPacket from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { startFakeServer, type FakeServer } from "../dns/testing/fake-server";
import { runQuery } from "./query";

let server: FakeServer | null = null;
afterEach(async () => {
  await server?.close();
  server = null;
});

function io() {
  const out: string[] = [];
  const err: string[] = [];
  return {
    io: { stdout: { write: (s: string) => out.push(s) }, stderr: { write: (s: string) => err.push(s) } },
    out,
    err,
  };
}

/** An authoritative server for example.test answering SOA and NS; over TCP only when `tcp` is true. */
async function authServer(tcp: boolean): Promise<FakeServer> {
  return startFakeServer((query, transport) => {
    if (transport === "tcp" && !tcp) return { kind: "silence" };
    const q = dnsPacket.decode(Buffer.from(query));
    const question = q.questions![0];
    const answers: dnsPacket.Answer[] =
      question.type === "SOA"
        ? [
            {
              type: "SOA",
              name: "example.test",
              ttl: 3600,
              data: {
                mname: "ns1.example.test",
                rname: "hostmaster.example.test",
                serial: 2026110101,
                refresh: 7200,
                retry: 900,
                expire: 1209600,
                minimum: 300,
              },
            },
          ]
        : question.type === "NS"
          ? [{ type: "NS", name: "example.test", ttl: 3600, data: "ns1.example.test" }]
          : [];
    return {
      kind: "send",
      packets: [
        dnsPacket.encode({
          id: q.id,
          type: "response",
          flags: dnsPacket.AUTHORITATIVE_ANSWER,
          questions: q.questions,
          answers,
        }),
      ],
    };
  });
}

const args = (s: FakeServer) => [
  "example.test",
  "--ns",
  `ns1.example.test=127.0.0.1:${s.port}`,
  "--allow-private",
  "--no-discovery",
  "--timeout",
  "300",
];

describe("cutover query exit status", () => {
  it("is 0 when every summary query (SOA over UDP and TCP, NS) answered", async () => {
    server = await authServer(true);
    const c = io();
    expect(await runQuery(args(server), c.io)).toBe(0);
    expect(c.out.join("")).toContain("serial=2026110101  udp=ok tcp=ok");
    expect(c.out.join("")).not.toContain("FAILED");
  });

  it("is 1 when only SOA over TCP fails, and says which query failed", async () => {
    server = await authServer(false);
    const c = io();
    expect(await runQuery(args(server), c.io)).toBe(1);
    const text = c.out.join("");
    expect(text).toContain("serial=2026110101  udp=ok tcp=no");
    expect(text).toMatch(/FAILED SOA\/tcp: timeout: /);
    expect(text).not.toMatch(/SOA\/udp|NS\/udp/);
  }, 20_000);

  it("is 1 with --json too, the failures listed per server", async () => {
    server = await authServer(false);
    const c = io();
    expect(await runQuery([...args(server), "--json"], c.io)).toBe(1);
    const snap = JSON.parse(c.out.join("")) as { servers: { failures: string[]; authoritative: boolean }[] };
    expect(snap.servers).toHaveLength(1);
    expect(snap.servers[0].authoritative).toBe(true);
    expect(snap.servers[0].failures).toEqual([expect.stringMatching(/^SOA\/tcp: timeout: /)]);
  }, 20_000);

  it("is 2 on usage errors and documents the exit status in --help", async () => {
    const c = io();
    expect(await runQuery(["example.test", "--ns", "not-an-address"], c.io)).toBe(2);
    expect(await runQuery([], c.io)).toBe(2);
    const h = io();
    expect(await runQuery(["--help"], h.io)).toBe(0);
    expect(h.out.join("")).toMatch(/exit status:\n {2}0 .*\n {2}1 {2}any server address failed any of those queries/);
  });
});
