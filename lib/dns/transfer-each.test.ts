/**
 * Transfers from a TCP server on loopback that misbehaves on purpose: it
 * closes the connection inside a message (as Knot does when the reader
 * stops reading for a second or so), refuses, or serves the zone whole.
 */
import net from "node:net";
import dnsPacket from "dns-packet";
import { afterEach, describe, expect, it } from "vitest";
import { name as wire } from "../zone/name";
import { QuerySession } from "./session";
import { transferEach } from "./transfer-each";

const ZONE = "cut.test";
const soa = {
  type: "SOA" as const,
  name: ZONE,
  ttl: 300,
  data: { mname: "ns1.cut.test", rname: "h.cut.test", serial: 7, refresh: 1, retry: 1, expire: 1, minimum: 1 },
};
const hosts = Array.from({ length: 50 }, (_, i) => ({
  type: "A" as const,
  name: `host${i}.${ZONE}`,
  ttl: 60,
  data: `192.0.2.${i}`,
}));

function framed(id: number, answers: dnsPacket.Answer[], rcode = "NOERROR"): Buffer {
  const m = dnsPacket.encode({
    type: "response",
    id,
    flags: dnsPacket.AUTHORITATIVE_ANSWER | (rcode === "REFUSED" ? 5 : 0),
    questions: [{ type: "AXFR", name: ZONE }],
    answers,
  });
  const len = Buffer.alloc(2);
  len.writeUInt16BE(m.length);
  return Buffer.concat([len, m]);
}

type Behaviour = "cut" | "refuse" | "serve";

/** A TCP-only AXFR server; connection k (from 0) behaves as plan[k] (the last entry thereafter). */
async function server(
  address: string,
  plan: Behaviour[],
): Promise<{ port: number; connections: () => number; close: () => Promise<void> }> {
  let n = 0;
  const srv = net.createServer((sock) => {
    const how = plan[Math.min(n++, plan.length - 1)];
    sock.once("data", (d) => {
      const id = d.readUInt16BE(2);
      if (how === "refuse") return sock.end(framed(id, [], "REFUSED"));
      const first = framed(id, [soa, ...hosts.slice(0, 25)]);
      const last = framed(id, [...hosts.slice(25), soa]);
      // Cut: the first message whole, then half of the second, then FIN.
      if (how === "cut") return sock.end(Buffer.concat([first, last.subarray(0, last.length >> 1)]));
      sock.end(Buffer.concat([first, last]));
    });
  });
  await new Promise<void>((r) => srv.listen(0, address, r));
  return {
    port: (srv.address() as net.AddressInfo).port,
    connections: () => n,
    close: () => new Promise((r) => srv.close(() => r())),
  };
}

describe("zone transfers from every server", () => {
  const open: { close: () => Promise<void> }[] = [];
  afterEach(async () => {
    await Promise.all(open.splice(0).map((s) => s.close()));
  });
  const session = (port: number) => new QuerySession({ allowPrivate: true, port });

  it("asks once more when the server closed the connection inside the transfer, and keeps the whole zone", async () => {
    const s = await server("127.0.45.21", ["cut", "serve"]);
    open.push(s);
    const q = session(s.port);
    const [x] = await transferEach(
      q,
      [{ name: "ns1.cut.test.", address: "127.0.45.21", port: s.port }],
      wire(`${ZONE}.`),
    );
    q.close();
    expect(x!.error).toBeNull();
    expect(x!.records).toHaveLength(51);
    expect(s.connections()).toBe(2);
    // Both attempts were planned: progress never shows more done than planned.
    expect(q.counts.planned).toBe(2);
  });

  it("asks at most once more: a transfer cut twice is a failure, and none is kept", async () => {
    const s = await server("127.0.45.22", ["cut"]);
    open.push(s);
    const q = session(s.port);
    const [x] = await transferEach(
      q,
      [{ name: "ns1.cut.test.", address: "127.0.45.22", port: s.port }],
      wire(`${ZONE}.`),
    );
    q.close();
    expect(x!.error?.message).toBe("connection closed inside a message");
    expect(x!.records).toEqual([]);
    expect(s.connections()).toBe(2);
  });

  it("takes a refusal as the server's answer and does not ask again", async () => {
    const s = await server("127.0.45.23", ["refuse", "serve"]);
    open.push(s);
    const q = session(s.port);
    const [x] = await transferEach(
      q,
      [{ name: "ns1.cut.test.", address: "127.0.45.23", port: s.port }],
      wire(`${ZONE}.`),
    );
    q.close();
    expect(x!.error?.kind).toBe("refused");
    expect(s.connections()).toBe(1);
  });
});
