/**
 * A counting DNS proxy for the lab (test support): listens on an address and
 * port, forwards UDP datagrams and TCP connections to the real nameserver
 * behind it, and counts what arrives per wall-clock second — the server-side
 * view of how hard the engine queries it. A TCP connection counts as one
 * query, as the engine's limiter counts it (one token per connection).
 */
import dgram from "node:dgram";
import net from "node:net";

export interface CountingProxy {
  address: string;
  port: number;
  /** Queries (UDP datagrams + TCP connections) received per second, keyed by epoch second. */
  perSecond(): Map<number, number>;
  total(): number;
  close(): Promise<void>;
}

export async function startCountingProxy(opts: {
  address: string;
  port: number;
  upstreamPort: number;
  upstreamAddress?: string;
}): Promise<CountingProxy> {
  const upstream = opts.upstreamAddress ?? opts.address;
  const counts = new Map<number, number>();
  let total = 0;
  const note = () => {
    const s = Math.floor(Date.now() / 1000);
    counts.set(s, (counts.get(s) ?? 0) + 1);
    total++;
  };
  const family = net.isIP(opts.address) === 6 ? "udp6" : "udp4";
  const front = dgram.createSocket(family);
  // One upstream socket per client address:port, so answers find their way back.
  const clients = new Map<string, { sock: dgram.Socket; timer: ReturnType<typeof setTimeout> }>();
  front.on("message", (msg, rinfo) => {
    note();
    const key = `${rinfo.address}:${rinfo.port}`;
    let c = clients.get(key);
    if (!c) {
      const sock = dgram.createSocket(family);
      sock.on("message", (answer) => front.send(answer, rinfo.port, rinfo.address));
      sock.on("error", () => undefined);
      c = { sock, timer: setTimeout(() => undefined, 0) };
      clients.set(key, c);
    }
    clearTimeout(c.timer);
    const held = c;
    c.timer = setTimeout(() => {
      clients.delete(key);
      held.sock.close();
    }, 15_000);
    c.timer.unref();
    c.sock.send(msg, opts.upstreamPort, upstream);
  });
  await new Promise<void>((resolve, reject) => {
    front.once("error", reject);
    front.bind(opts.port, opts.address, () => resolve());
  });
  const sockets = new Set<net.Socket>();
  const tcp = net.createServer((conn) => {
    note();
    const up = net.connect(opts.upstreamPort, upstream);
    sockets.add(conn).add(up);
    const end = () => {
      conn.destroy();
      up.destroy();
      sockets.delete(conn);
      sockets.delete(up);
    };
    conn.on("error", end).on("close", end);
    up.on("error", end).on("close", end);
    conn.pipe(up).pipe(conn);
  });
  await new Promise<void>((resolve, reject) => {
    tcp.once("error", reject);
    tcp.listen(opts.port, opts.address, () => resolve());
  });
  return {
    address: opts.address,
    port: opts.port,
    perSecond: () => new Map(counts),
    total: () => total,
    async close() {
      for (const c of clients.values()) {
        clearTimeout(c.timer);
        c.sock.close();
      }
      clients.clear();
      for (const s of sockets) s.destroy();
      await new Promise<void>((r) => front.close(() => r()));
      await new Promise<void>((r) => tcp.close(() => r()));
    },
  };
}
