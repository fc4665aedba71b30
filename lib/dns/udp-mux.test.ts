import dgram from "node:dgram";
import { Worker } from "node:worker_threads";
import { afterEach, describe, expect, it } from "vitest";
import type { FrameVerdict } from "./transport";
import { busySpell } from "./testing/busy-spell";
import { UdpMux } from "./udp-mux";

/** A UDP echo server that answers with the query bytes, QR set, after `delay(query)` ms (null = never). */
interface Echo {
  port: number;
  seen: { port: number; id: number }[];
  close(): Promise<void>;
}

async function echoServer(delay: (q: Buffer, n: number) => number | null = () => 0, hold = 0): Promise<Echo> {
  const sock = dgram.createSocket("udp4");
  const seen: Echo["seen"] = [];
  let held: [Buffer, dgram.RemoteInfo][] = [];
  sock.on("message", (q, r) => {
    seen.push({ port: r.port, id: q.readUInt16BE(0) });
    const a = Buffer.from(q);
    a[2] |= 0x80;
    if (hold > 0) {
      // answer in batches of `hold`, last query first
      held.push([a, r]);
      if (held.length === hold) {
        for (const [b, ri] of held.reverse()) sock.send(b, ri.port, ri.address);
        held = [];
      }
      return;
    }
    const d = delay(q, seen.length);
    if (d === null) return;
    setTimeout(() => sock.send(a, r.port, r.address), d);
  });
  await new Promise<void>((res) => sock.bind(0, "127.0.0.1", () => res()));
  return { port: sock.address().port, seen, close: () => new Promise<void>((res) => sock.close(() => res())) };
}

/** Query payload: 12-byte header with a marker in QDCOUNT/ANCOUNT bytes (the mux writes the ID). */
function payload(marker: number): Uint8Array {
  const b = new Uint8Array(12);
  b[4] = marker >> 8;
  b[5] = marker & 0xff;
  return b;
}

/** Accepts only the echo of this query: same ID as sent and same marker. */
function judge(sent: Uint8Array): (f: Uint8Array) => FrameVerdict {
  return (f) =>
    f[0] === sent[0] && f[1] === sent[1] && f[4] === sent[4] && f[5] === sent[5] && f[2] & 0x80 ? "accept" : "ignore";
}

let mux: UdpMux | null = null;
let server: Echo | null = null;
afterEach(async () => {
  mux?.close();
  mux = null;
  await server?.close();
  server = null;
});

describe("UdpMux", () => {
  it("matches 200 concurrent answers arriving out of order, over at most 4 sockets", async () => {
    server = await echoServer(undefined, 50);
    mux = new UdpMux();
    const results = await Promise.all(
      Array.from({ length: 200 }, (_, i) => {
        const p = payload(i);
        return mux!.exchange({ address: "127.0.0.1", port: server!.port, payload: p, timeoutMs: 5000 }, judge(p));
      }),
    );
    expect(results.every((r) => r.ok && r.mismatches === 0)).toBe(true);
    expect(results.map((r) => (r.frames[0][4] << 8) | r.frames[0][5])).toEqual(
      Array.from({ length: 200 }, (_, i) => i),
    );
    expect(new Set(server.seen.map((s) => s.port)).size).toBeLessThanOrEqual(4);
    expect(mux.openSockets).toBeLessThanOrEqual(4);
    // IDs never repeat on one socket
    const perPort = new Map<number, Set<number>>();
    for (const s of server.seen) perPort.set(s.port, (perPort.get(s.port) ?? new Set()).add(s.id));
    expect([...perPort.values()].reduce((a, s) => a + s.size, 0)).toBe(200);
  });

  it("drops a late answer to a timed-out query without charging it to the next one", async () => {
    // 1st answer comes at 250 ms (after its 100 ms timeout), 2nd at ~400 ms: the late one lands mid-flight
    server = await echoServer((_, n) => (n === 1 ? 250 : 300));
    mux = new UdpMux(null, { socketsPerServer: 1, tickMs: 5 });
    const first = payload(1);
    const r1 = await mux.exchange(
      { address: "127.0.0.1", port: server.port, payload: first, timeoutMs: 100 },
      judge(first),
    );
    expect(r1).toMatchObject({ ok: false, error: { kind: "timeout" } });
    const second = payload(2);
    const r2 = await mux.exchange(
      { address: "127.0.0.1", port: server.port, payload: second, timeoutMs: 2000 },
      judge(second),
    );
    expect(new Set(server.seen.map((s) => s.port)).size).toBe(1); // same socket for both
    expect(r2.ok).toBe(true);
    expect(r2.mismatches).toBe(0);
    expect(mux.strays).toBe(0);
  });

  it("moves to fresh source ports after maxUsesPerSocket queries", async () => {
    server = await echoServer();
    mux = new UdpMux(null, { socketsPerServer: 1, maxUsesPerSocket: 4 });
    for (let i = 0; i < 12; i++) {
      const p = payload(i);
      const r = await mux.exchange({ address: "127.0.0.1", port: server.port, payload: p, timeoutMs: 2000 }, judge(p));
      expect(r.ok).toBe(true);
    }
    const ports = server.seen.map((s) => s.port);
    expect(new Set(ports).size).toBe(3);
    expect(mux.openSockets).toBe(1);
  });

  it("reports a closed port as a network error long before the timeout", async () => {
    const probe = dgram.createSocket("udp4");
    const port = await new Promise<number>((res) => probe.bind(0, "127.0.0.1", () => res(probe.address().port)));
    await new Promise<void>((res) => probe.close(() => res()));
    mux = new UdpMux();
    const t0 = performance.now();
    const p = payload(1);
    const r = await mux.exchange({ address: "127.0.0.1", port, payload: p, timeoutMs: 3000 }, judge(p));
    expect(r).toMatchObject({ ok: false, error: { kind: "network" } });
    expect(performance.now() - t0).toBeLessThan(1500);
  });

  it("ends every pending exchange promptly when its session's signal aborts or the mux closes", async () => {
    server = await echoServer(() => null);
    const ac = new AbortController();
    mux = new UdpMux(ac.signal);
    const pending = [1, 2, 3].map((i) => {
      const p = payload(i);
      return mux!.exchange(
        { address: "127.0.0.1", port: server!.port, payload: p, timeoutMs: 10_000, signal: ac.signal },
        judge(p),
      );
    });
    setTimeout(() => ac.abort({ kind: "cancelled" }), 50);
    const t0 = performance.now();
    const rs = await Promise.all(pending);
    expect(rs.map((r) => !r.ok && r.error.kind)).toEqual(["cancelled", "cancelled", "cancelled"]);
    expect(performance.now() - t0).toBeLessThan(1000);

    const other = new UdpMux();
    const p = payload(9);
    const late = other.exchange({ address: "127.0.0.1", port: server.port, payload: p, timeoutMs: 10_000 }, judge(p));
    other.close();
    expect(await late).toMatchObject({ ok: false, error: { kind: "cancelled" } });
    expect(other.openSockets).toBe(0);
  });
});

describe("UdpMux after a busy spell", () => {
  it("reads an answer already received before it judges the deadline", async () => {
    // The server must answer while this thread is blocked, so it runs in a worker thread.
    const worker = new Worker(
      `const dgram = require("node:dgram");
       const { parentPort } = require("node:worker_threads");
       const sock = dgram.createSocket("udp4");
       sock.on("message", (q, r) => {
         const a = Buffer.from(q);
         a[2] |= 0x80;
         setTimeout(() => sock.send(a, r.port, r.address), 30);
       });
       sock.bind(0, "127.0.0.1", () => parentPort.postMessage(sock.address().port));
       parentPort.on("message", () => sock.close(() => process.exit(0)));`,
      { eval: true },
    );
    try {
      const port = await new Promise<number>((res) => worker.once("message", res));
      mux = new UdpMux();
      const p = payload(7);
      const answer = mux.exchange({ address: "127.0.0.1", port, payload: p, timeoutMs: 100 }, judge(p));
      // Let a few ticks stamp the query, then block the event loop well past its timeout; the answer arrives
      // (30 ms after the send) into the socket's buffer meanwhile.
      await busySpell(25, 250);
      const r = await answer;
      expect(r.ok).toBe(true);
    } finally {
      await worker.terminate();
    }
  });
});
