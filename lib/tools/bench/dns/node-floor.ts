/**
 * Benchmark reference, not the engine: the cheapest query loop Node's dgram
 * allows — prebuilt packets, 4 connected sockets, one promise per query, a
 * Map from ID to waiter, no decoding, no evidence, no timeouts. It shows how
 * much of the gap to dnsperf (C, batched syscalls, two threads) is Node's
 * per-datagram cost rather than the engine's work.
 *
 * WARMUP: as in engine-worker.ts, questions asked once before the timed run.
 *
 *   tsx lib/tools/bench/dns/node-floor.ts ADDRESS PORT DATAFILE CONCURRENCY [WARMUP]
 */
import dgram from "node:dgram";
import { readFileSync } from "node:fs";
import { parseName } from "../../../zone/name";
import { typeFromText } from "../../../zone/rrtype";
import { encodeQuery } from "../../../dns/encode-query";
import { threadCpu } from "./thread-cpu";

async function main(): Promise<void> {
  const [address, portText, file, concText, warmupText] = process.argv.slice(2);
  const port = Number(portText);
  const conc = Number(concText);
  const packets: Uint8Array[] = [];
  for (const line of readFileSync(file, "utf8").split("\n")) {
    if (!line) continue;
    const [n, t] = line.split(" ");
    const w = parseName(n, null);
    if (!w.ok) throw new Error(`bad name ${n}`);
    packets.push(encodeQuery({ id: 0, name: w.wire, type: typeFromText(t) ?? 1 }));
  }
  const socks = await Promise.all(
    [0, 1, 2, 3].map(
      () =>
        new Promise<dgram.Socket>((res) => {
          const s = dgram.createSocket("udp4");
          s.connect(port, address, () => res(s));
        }),
    ),
  );
  const waiting = new Map<number, () => void>();
  for (const s of socks) {
    s.on("message", (m) => {
      const id = (m[0] << 8) | m[1];
      const w = waiting.get(id);
      if (w) {
        waiting.delete(id);
        w();
      }
    });
  }
  const ask = (i: number, p: Uint8Array) =>
    new Promise<void>((res) => {
      p[0] = (i >> 8) & 0xff;
      p[1] = i & 0xff;
      waiting.set(i & 0xffff, res);
      socks[i & 3].send(p);
    });
  const warmup = Math.min(Number(warmupText ?? 0), packets.length);
  let w = 0;
  await Promise.all(
    Array.from({ length: conc }, async () => {
      while (w < warmup) {
        const i = w++;
        await ask(i, packets[i]);
      }
    }),
  );
  let next = 0;
  const t0 = performance.now();
  const c0 = process.cpuUsage();
  const threads = threadCpu();
  const worker = async () => {
    while (next < packets.length) {
      const i = next++;
      await ask(i, packets[i]);
    }
  };
  await Promise.all(Array.from({ length: conc }, worker));
  const seconds = (performance.now() - t0) / 1000;
  const cpu = process.cpuUsage(c0);
  const t = threads();
  for (const s of socks) s.close();
  process.stdout.write(
    JSON.stringify({
      sent: packets.length,
      answered: packets.length,
      lost: 0,
      seconds,
      qps: packets.length / seconds,
      cpuRunUs: cpu.user + cpu.system,
      cpuUserUs: cpu.user,
      cpuSysUs: cpu.system,
      threads: t,
    }) + "\n",
  );
}

main().catch((e) => {
  process.stderr.write(`node-floor: ${(e as Error).stack}\n`);
  process.exit(1);
});
