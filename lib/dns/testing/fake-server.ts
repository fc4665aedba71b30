/**
 * In-process UDP+TCP server for hostile-response unit tests only (malformed
 * packets, pointer loops, wrong IDs, TC loops, silence, slow drip). Real
 * behaviour is tested against the lab's real nameservers.
 */
import dgram from "node:dgram";
import net from "node:net";

export type FakeReply =
  | { kind: "send"; packets: Uint8Array[] }
  | { kind: "silence" }
  /** TCP only: write the framed packets one byte every intervalMs. */
  | { kind: "drip"; packets: Uint8Array[]; intervalMs: number }
  /** TCP only: close the connection after writing these raw bytes. */
  | { kind: "raw-close"; bytes: Uint8Array };

export type FakeHandler = (query: Uint8Array, transport: "udp" | "tcp") => FakeReply;

export interface FakeServer {
  address: string;
  port: number;
  received: { udp: number; tcp: number };
  close(): Promise<void>;
}

/** `fixedPort`: bind exactly this port (several fake servers on 127.0.0.x sharing one port, like the lab). */
export async function startFakeServer(handler: FakeHandler, address = "127.0.0.1", fixedPort = 0): Promise<FakeServer> {
  for (let attempt = 0; attempt < 20; attempt++) {
    const udp = dgram.createSocket("udp4");
    const port = await new Promise<number>((resolve, reject) => {
      udp.once("error", reject);
      udp.bind(fixedPort, address, () => resolve(udp.address().port));
    });
    const timers = new Set<ReturnType<typeof setInterval>>();
    const sockets = new Set<net.Socket>();
    const received = { udp: 0, tcp: 0 };
    const tcp = net.createServer((s) => {
      sockets.add(s);
      s.on("close", () => sockets.delete(s));
      s.on("error", () => undefined);
      let buf = Buffer.alloc(0);
      s.on("data", (chunk) => {
        buf = Buffer.concat([buf, chunk]);
        while (buf.length >= 2 && buf.length >= 2 + buf.readUInt16BE(0)) {
          const len = buf.readUInt16BE(0);
          const q = Uint8Array.from(buf.subarray(2, 2 + len));
          buf = buf.subarray(2 + len);
          received.tcp++;
          const r = handler(q, "tcp");
          if (r.kind === "send") for (const p of r.packets) s.write(frame(p));
          else if (r.kind === "raw-close") s.end(Buffer.from(r.bytes));
          else if (r.kind === "drip") {
            const all = Buffer.concat(r.packets.map(frame));
            let i = 0;
            const t = setInterval(() => {
              if (i >= all.length || s.destroyed) {
                clearInterval(t);
                timers.delete(t);
                return;
              }
              s.write(all.subarray(i, i + 1));
              i++;
            }, r.intervalMs);
            timers.add(t);
          }
        }
      });
    });
    const ok = await new Promise<boolean>((resolve) => {
      tcp.once("error", () => resolve(false));
      tcp.listen(port, address, () => resolve(true));
    });
    if (!ok) {
      udp.close();
      if (fixedPort) throw new Error(`could not bind TCP ${address}:${fixedPort}`);
      continue;
    }
    udp.on("message", (msg, rinfo) => {
      received.udp++;
      const r = handler(Uint8Array.from(msg), "udp");
      if (r.kind === "send") for (const p of r.packets) udp.send(p, rinfo.port, rinfo.address);
    });
    return {
      address,
      port,
      received,
      close: async () => {
        for (const t of timers) clearInterval(t);
        for (const s of sockets) s.destroy();
        await new Promise<void>((r) => tcp.close(() => r()));
        await new Promise<void>((r) => udp.close(() => r()));
      },
    };
  }
  throw new Error("could not bind a fake server port");
}

function frame(p: Uint8Array): Buffer {
  const b = Buffer.alloc(p.length + 2);
  b.writeUInt16BE(p.length, 0);
  b.set(p, 2);
  return b;
}
