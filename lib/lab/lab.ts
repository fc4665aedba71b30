/**
 * Start and stop the DNS lab: real BIND 9, NSD and Knot processes,
 * unprivileged on high ports on 127.0.0.0/8, config and zones in a temp dir.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import dgram from "node:dgram";
import { mkdtempSync, mkdirSync, readFileSync, rmSync, writeFileSync, existsSync } from "node:fs";
import net from "node:net";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { name as wireName } from "../zone/name";
import { queryServer } from "../dns/query-server";
import { QuerySession } from "../dns/session";
import {
  LAB_SERVERS,
  LAB_TSIG,
  labRootHints,
  scenario as findScenario,
  type LabServer,
  type Role,
  type Scenario,
} from "./scenarios";

export interface RunningServer extends LabServer {
  port: number;
  zones: string[];
  pid: number;
}

/** One nameserver process to start: a lab role or any ad-hoc server (benchmarks). */
export interface ServerSpec extends LabServer {
  /** Zone name → master-file text. */
  zones: Record<string, string>;
  /** Who may AXFR: the lab TSIG key (BIND) / loopback without key (NSD, Knot) by default, anyone, or nobody. */
  transfer?: "default" | "any" | "none";
}

export interface Nameservers {
  port: number;
  dir: string;
  servers: RunningServer[];
  queryCounts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface StartServersOptions {
  port?: number;
  keepDir?: boolean;
  /** Readiness limit per server (default 20 s; large zones load slower). */
  readyMs?: number;
}

export interface Lab {
  scenario: Scenario;
  port: number;
  dir: string;
  servers: RunningServer[];
  rootHints: string;
  server(role: Role): RunningServer | undefined;
  /** Queries each server has received so far, per address (from the servers' own statistics). */
  queryCounts(): Promise<Record<string, number>>;
  stop(): Promise<void>;
}

export interface StartLabOptions {
  scenario?: string;
  /** Fixed port; default: a free random high port. */
  port?: number;
  /** Keep the temp dir after stop (debugging). */
  keepDir?: boolean;
}

const BIN = {
  named: "/usr/sbin/named",
  nsd: "/usr/sbin/nsd",
  knotd: "/usr/sbin/knotd",
  nsdControl: "/usr/sbin/nsd-control",
  knotc: "/usr/sbin/knotc",
};

/** Every address a server listens on (IPv4 first, then any IPv6). */
export function addressesOf(s: LabServer): string[] {
  return [s.address, ...(s.v6 ?? [])];
}

async function portFree(address: string, port: number): Promise<boolean> {
  const tcpOk = await new Promise<boolean>((resolve) => {
    const s = net.createServer();
    s.once("error", () => resolve(false));
    s.listen(port, address, () => s.close(() => resolve(true)));
  });
  if (!tcpOk) return false;
  return new Promise<boolean>((resolve) => {
    const u = dgram.createSocket(net.isIP(address) === 6 ? "udp6" : "udp4");
    u.once("error", () => resolve(false));
    u.bind(port, address, () => u.close(() => resolve(true)));
  });
}

async function pickPort(addresses: string[]): Promise<number> {
  for (let i = 0; i < 50; i++) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    let ok = true;
    for (const a of addresses) if (!(await portFree(a, port))) ok = false;
    // a statistics/control port next to it for named
    if (ok && (await portFree("127.0.0.1", port + 1))) return port;
  }
  throw new Error("no free port for the lab");
}

const fileOf = (zone: string) => (zone === "." ? "root" : zone.replace(/\.$/, "")) + ".zone";

function namedConf(dir: string, s: ServerSpec, port: number, zones: string[]): string {
  const v6 = s.v6 ?? [];
  const xfr = s.transfer === "any" ? "any;" : s.transfer === "none" ? "none;" : `key "${LAB_TSIG.name}";`;
  return `options {
  directory "${dir}";
  listen-on port ${port} { ${s.address}; };
  listen-on-v6 ${v6.length ? `port ${port} { ${v6.map((a) => a + ";").join(" ")} }` : "{ none; }"};
  pid-file "${dir}/named.pid";
  session-keyfile "${dir}/session.key";
  managed-keys-directory "${dir}";
  recursion no;
  dnssec-validation no;
  notify no;
  allow-transfer { ${xfr} };
};
controls { };
statistics-channels { inet 127.0.0.1 port ${port + 1} allow { 127.0.0.1; }; };
key "${LAB_TSIG.name}" { algorithm ${LAB_TSIG.algorithm}; secret "${LAB_TSIG.secret}"; };
${zones.map((z) => `zone "${z}" { type primary; file "${fileOf(z)}"; };`).join("\n")}
`;
}

function nsdConf(dir: string, s: ServerSpec, port: number, zones: string[]): string {
  const v6 = s.v6 ?? [];
  const xfrFrom = s.transfer === "any" ? ["0.0.0.0/0", "::0/0"] : s.transfer === "none" ? [] : ["127.0.0.0/8", "::1"];
  return `server:
${addressesOf(s)
  .map((a) => `  ip-address: ${a}@${port}\n`)
  .join("")}  do-ip6: ${v6.length ? "yes" : "no"}
  username: ""
  chroot: ""
  zonesdir: "${dir}"
  database: ""
  pidfile: "${dir}/nsd.pid"
  xfrdfile: "${dir}/xfrd.state"
  xfrdir: "${dir}"
  zonelistfile: "${dir}/zone.list"
  logfile: "${dir}/nsd.log"
  server-count: 1
  verbosity: 1
  # NSD's response rate limiting (on by default) drops or truncates bursts of
  # similar answers to one client; lab clients are the engine under test.
  rrl-ratelimit: 0
remote-control:
  control-enable: yes
  control-interface: "${dir}/nsd.sock"
${zones.map((z) => `zone:\n  name: "${z}"\n  zonefile: "${fileOf(z)}"\n${xfrFrom.map((a) => `  provide-xfr: ${a} NOKEY\n`).join("")}`).join("")}`;
}

function knotConf(dir: string, s: ServerSpec, port: number, zones: string[]): string {
  return `server:
  rundir: "${dir}"
  pidfile: "${dir}/knot.pid"
  listen: [ ${addressesOf(s)
    .map((a) => `"${a}@${port}"`)
    .join(", ")} ]
log:
  - target: stderr
    any: warning
database:
  storage: "${dir}/db"
control:
  listen: "${dir}/knot.sock"
acl:
  - id: xfr
    address: ${s.transfer === "any" ? "[ 0.0.0.0/0, ::/0 ]" : s.transfer === "none" ? "[ 192.0.2.255/32 ]" : "[ 127.0.0.0/8, ::1 ]"}
    action: transfer
mod-stats:
  - id: counts
    request-protocol: on
template:
  - id: default
    storage: "${dir}"
    zonefile-sync: -1
    zonefile-load: whole
    journal-content: none
    semantic-checks: off
    global-module: mod-stats/counts
zone:
${zones.map((z) => `  - domain: "${z}"\n    file: "${fileOf(z)}"\n    acl: xfr\n`).join("")}`;
}

interface Spawned {
  server: RunningServer;
  child: ChildProcess;
  dir: string;
  conf: string;
}

function startOne(root: string, s: ServerSpec, port: number): Spawned {
  const zones = s.zones;
  const dir = join(root, s.role);
  mkdirSync(dir, { recursive: true });
  for (const [z, text] of Object.entries(zones)) writeFileSync(join(dir, fileOf(z)), text, "latin1");
  const names = Object.keys(zones);
  let conf: string;
  let args: string[];
  let bin: string;
  if (s.impl === "bind") {
    conf = join(dir, "named.conf");
    writeFileSync(conf, namedConf(dir, s, port, names));
    bin = BIN.named;
    args = ["-g", "-n", "1", "-c", conf];
  } else if (s.impl === "nsd") {
    conf = join(dir, "nsd.conf");
    writeFileSync(conf, nsdConf(dir, s, port, names));
    bin = BIN.nsd;
    args = ["-d", "-c", conf];
  } else {
    conf = join(dir, "knot.conf");
    mkdirSync(join(dir, "db"), { recursive: true });
    writeFileSync(conf, knotConf(dir, s, port, names));
    bin = BIN.knotd;
    args = ["-c", conf];
  }
  const log = join(dir, "stderr.log");
  const child = spawn(bin, args, { stdio: ["ignore", "ignore", "pipe"], detached: false });
  child.stderr?.on("data", (d: Buffer) => writeFileSync(log, d, { flag: "a" }));
  child.on("error", () => undefined);
  const { zones: _z, transfer: _t, ...plain } = s;
  return { server: { ...plain, port, zones: names, pid: child.pid ?? -1 }, child, dir, conf };
}

async function waitReady(sp: Spawned, timeoutMs: number): Promise<void> {
  const session = new QuerySession({
    allowPrivate: true,
    port: sp.server.port,
    timeoutMs: 300,
    retries: 0,
    deadlineMs: timeoutMs + 1000,
  });
  const zone = sp.server.zones[0];
  const t0 = Date.now();
  try {
    while (Date.now() - t0 < timeoutMs) {
      if (sp.child.exitCode !== null) break;
      const a = await queryServer(
        session,
        { name: sp.server.names[0], address: sp.server.address, port: sp.server.port },
        { name: wireName(zone), type: 6, class: 1 },
      );
      if (a.rcode === 0 && a.flags?.aa) return;
      await new Promise((r) => setTimeout(r, 100));
    }
  } finally {
    session.close();
  }
  const log = existsSync(join(sp.dir, "stderr.log"))
    ? readFileSync(join(sp.dir, "stderr.log"), "utf8").slice(-2000)
    : "";
  const nsdLog = existsSync(join(sp.dir, "nsd.log")) ? readFileSync(join(sp.dir, "nsd.log"), "utf8").slice(-2000) : "";
  throw new Error(
    `${sp.server.impl} (${sp.server.role}) on ${sp.server.address}:${sp.server.port} did not become ready\n${log}${nsdLog}`,
  );
}

async function stopOne(sp: Spawned): Promise<void> {
  if (sp.child.exitCode !== null || sp.child.signalCode !== null) return;
  const exited = new Promise<void>((r) => sp.child.once("exit", () => r()));
  sp.child.kill("SIGTERM");
  const t = setTimeout(() => sp.child.kill("SIGKILL"), 5000);
  await exited;
  clearTimeout(t);
}

async function countFor(sp: Spawned): Promise<number> {
  try {
    if (sp.server.impl === "bind") {
      const res = await fetch(`http://127.0.0.1:${sp.server.port + 1}/json/v1/server`);
      const j = (await res.json()) as { opcodes?: Record<string, number> };
      return j.opcodes?.QUERY ?? 0;
    }
    if (sp.server.impl === "nsd") {
      const r = spawnSync(BIN.nsdControl, ["-c", sp.conf, "stats_noreset"], { encoding: "utf8", timeout: 5000 });
      const m = /^num\.queries=(\d+)/m.exec(r.stdout);
      return m ? Number(m[1]) : -1;
    }
    const r = spawnSync(BIN.knotc, ["-c", sp.conf, "stats", "mod-stats"], { encoding: "utf8", timeout: 5000 });
    let n = 0;
    for (const m of r.stdout.matchAll(/request-protocol\[[^\]]+\]\s*=\s*(\d+)/g)) n += Number(m[1]);
    return n;
  } catch {
    return -1;
  }
}

/** Start real nameservers (one process per spec) on one shared port; stops them all if one fails to come up. */
export async function startNameservers(specs: ServerSpec[], opts: StartServersOptions = {}): Promise<Nameservers> {
  const port = opts.port ?? (await pickPort(specs.flatMap(addressesOf)));
  const dir = mkdtempSync(join(tmpdir(), "cutover-lab-"));
  const spawned: Spawned[] = [];
  const stop = async () => {
    await Promise.all(spawned.map(stopOne));
    if (!opts.keepDir) rmSync(dir, { recursive: true, force: true });
  };
  try {
    for (const s of specs) spawned.push(startOne(dir, s, port));
    await Promise.all(spawned.map((sp) => waitReady(sp, opts.readyMs ?? 20_000)));
  } catch (e) {
    await stop();
    throw e;
  }
  return {
    port,
    dir,
    servers: spawned.map((s) => s.server),
    queryCounts: async () => {
      const out: Record<string, number> = {};
      for (const sp of spawned) out[sp.server.address] = await countFor(sp);
      return out;
    },
    stop,
  };
}

/** Lab-only DNSSEC keys (lib/lab/keys), one KSK per signed lab zone: the parents' DS are fixed in scenarios.ts. */
const KEYS_DIR = join(dirname(fileURLToPath(import.meta.url)), "keys");

/**
 * Sign a zone text with its lab key (dnssec-signzone, smart signing, the one
 * key signs everything), valid from an hour ago for 30 days. Signed at start,
 * so signatures are always fresh.
 */
export function signZone(zone: string, text: string): string {
  const dir = mkdtempSync(join(tmpdir(), "cutover-sign-"));
  try {
    const input = join(dir, "in.zone");
    const output = join(dir, "out.zone");
    writeFileSync(input, text, "latin1");
    const r = spawnSync(
      "/usr/bin/dnssec-signzone",
      [
        "-S",
        "-K",
        KEYS_DIR,
        "-d",
        dir,
        "-z",
        "-N",
        "keep",
        "-s",
        "now-3600",
        "-e",
        "now+2592000",
        "-o",
        zone,
        "-f",
        output,
        input,
      ],
      { encoding: "utf8", timeout: 30_000 },
    );
    if (r.status !== 0) throw new Error(`dnssec-signzone ${zone} failed: ${r.stderr || r.error?.message}`);
    return readFileSync(output, "latin1");
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

export async function startLab(opts: StartLabOptions = {}): Promise<Lab> {
  const sc = findScenario(opts.scenario ?? "clean-move");
  // One signature run per distinct (zone, text): servers meant to serve the same signed zone serve the same bytes.
  const signed = new Map<string, string>();
  const sign = (zone: string, text: string) => {
    if (!sc.sign?.includes(zone)) return text;
    const k = zone + "\u0000" + text;
    if (!signed.has(k)) signed.set(k, signZone(zone, text));
    return signed.get(k)!;
  };
  const specs: ServerSpec[] = LAB_SERVERS.filter((s) => sc.zones[s.role]).map((s) => ({
    ...s,
    zones: Object.fromEntries(Object.entries(sc.zones[s.role]!).map(([z, text]) => [z, sign(z, text)])),
    transfer: sc.transfer?.[s.role],
  }));
  // The port must be free on every lab address, started or not, so scenarios can share one layout.
  const port = opts.port ?? (await pickPort(LAB_SERVERS.flatMap(addressesOf)));
  const ns = await startNameservers(specs, { port, keepDir: opts.keepDir });
  return {
    scenario: sc,
    port,
    dir: ns.dir,
    servers: ns.servers,
    rootHints: labRootHints(),
    server: (role) => ns.servers.find((s) => s.role === role),
    queryCounts: ns.queryCounts,
    stop: ns.stop,
  };
}
