/**
 * Live checks as jobs on PostgreSQL, end to end against the real lab: a
 * portfolio of many tiny zones on BIND, NSD and Knot, each behind a counting
 * proxy, created and checked through the portfolio use cases the browser
 * calls, executed by two `cutover worker` processes. Every run ends exactly once (no run lost,
 * none executed to the end twice), no server receives more than its rate in
 * any second from both workers together, and a worker SIGKILLed midway
 * leaves its runs to the other one. Runs only with CUTOVER_TEST_PG_URL.
 */
import { spawn, type ChildProcess } from "node:child_process";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import pg from "pg";
import { createDb, type Db } from "../../db/client";
import { migrate } from "../../db/migrate";
import { createPgDatabase, testDialects } from "../../db/test-db";
import { startCountingProxy, type CountingProxy } from "../../lab/counting-proxy";
import { startNameservers, type Nameservers, type ServerSpec } from "../../lab/lab";
import { checkMembers } from "../portfolios/check-members";
import { createPortfolio } from "../portfolios/create";
import { startRun } from "../runs/start-run";
import { seedStaff } from "../testing/staff";
import { closeQueues, RUN_QUEUE } from "./boss";

const DOMAINS = Number(process.env.CUTOVER_QUEUE_TEST_DOMAINS) || 200;
/** Queries per second per server address, for both workers together. */
const RATE = 40;
const WORKERS = 2;
const CONCURRENCY = 4;
/** Member checks a portfolio keeps started per DNS operator (the most CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR allows). */
const PER_OPERATOR = 100;

const name = (i: number) => `q${String(i).padStart(3, "0")}.test.`;
const SOA = (zone: string, mname: string) =>
  `${zone} 3600 IN SOA ${mname} hostmaster.${zone === "." ? "" : zone} 1 7200 900 1209600 300\n`;

// Who serves what: the root, the TLD, two old operators (BIND for the first half, NSD for the second)
// and one new operator (Knot) for every domain. BIND binds only addresses configured on an interface (127.0.0.1);
// NSD and Knot take any loopback address.
const SERVERS = {
  oldA: { address: "127.0.0.1", ns: "ns1.olda.test.", impl: "bind" as const },
  root: { address: "127.0.44.2", ns: "a.root.test.", impl: "knot" as const },
  tld: { address: "127.0.44.3", ns: "ns.tld.test.", impl: "nsd" as const },
  oldB: { address: "127.0.44.4", ns: "ns1.oldb.test.", impl: "nsd" as const },
  neu: { address: "127.0.44.5", ns: "ns1.newop.test.", impl: "knot" as const },
};

function tinyZone(zone: string, ns: string, a: string): string {
  return `$TTL 300\n${SOA(zone, ns)}${zone} 300 IN NS ${ns}\n${zone} 300 IN A ${a}\nwww.${zone} 300 IN A ${a}\n${zone} 300 IN MX 10 mail.${zone}\nmail.${zone} 300 IN A ${a}\n`;
}

function specs(): ServerSpec[] {
  const domains = Array.from({ length: DOMAINS }, (_, i) => name(i + 1));
  const oldOf = (i: number) => (i < DOMAINS / 2 ? SERVERS.oldA : SERVERS.oldB);
  const glue = Object.values(SERVERS)
    .filter((s) => s !== SERVERS.root)
    .map((s) => `${s.ns} 172800 IN A ${s.address}\n`)
    .join("");
  const root = `$TTL 86400\n${SOA(".", SERVERS.root.ns)}. 518400 IN NS ${SERVERS.root.ns}\ntest. 172800 IN NS ${SERVERS.tld.ns}\n${SERVERS.root.ns} 172800 IN A ${SERVERS.root.address}\n${SERVERS.tld.ns} 172800 IN A ${SERVERS.tld.address}\n`;
  const tld = `$TTL 86400\n${SOA("test.", SERVERS.tld.ns)}test. 172800 IN NS ${SERVERS.tld.ns}\n${glue}${domains.map((d, i) => `${d} 86400 IN NS ${oldOf(i).ns}\n`).join("")}`;
  const zonesOf = (pick: (i: number) => boolean, ns: (i: number) => string, a: string) =>
    Object.fromEntries(domains.flatMap((d, i) => (pick(i) ? [[d, tinyZone(d, ns(i), a)]] : [])));
  const server = (
    s: (typeof SERVERS)[keyof typeof SERVERS],
    role: string,
    zones: Record<string, string>,
  ): ServerSpec => ({ role, impl: s.impl, names: [s.ns], address: s.address, zones, transfer: "any" });
  return [
    server(SERVERS.root, "root", { ".": root }),
    server(SERVERS.tld, "tld", { "test.": tld }),
    server(
      SERVERS.oldA,
      "old-a",
      zonesOf(
        (i) => i < DOMAINS / 2,
        () => SERVERS.oldA.ns,
        "192.0.2.10",
      ),
    ),
    server(
      SERVERS.oldB,
      "old-b",
      zonesOf(
        (i) => i >= DOMAINS / 2,
        () => SERVERS.oldB.ns,
        "192.0.2.10",
      ),
    ),
    server(
      SERVERS.neu,
      "new",
      zonesOf(
        () => true,
        () => SERVERS.neu.ns,
        "192.0.2.10",
      ),
    ),
  ];
}

async function freePort(addresses: string[]): Promise<number> {
  const { createServer } = await import("node:net");
  const dgram = await import("node:dgram");
  for (;;) {
    const port = 20000 + Math.floor(Math.random() * 30000);
    let ok = true;
    for (const a of addresses) {
      ok &&= await new Promise<boolean>((r) => {
        const s = createServer()
          .once("error", () => r(false))
          .listen(port, a, () => s.close(() => r(true)));
      });
      ok &&= await new Promise<boolean>((r) => {
        const u = dgram.createSocket("udp4").once("error", () => r(false));
        u.bind(port, a, () => u.close(() => r(true)));
      });
    }
    if (ok) return port;
  }
}

interface Worker {
  child: ChildProcess;
  lines: string[];
}

function startWorker(url: string): Worker {
  const child = spawn(process.execPath, ["lib/cli/bin.mjs", "worker", "--concurrency", String(CONCURRENCY)], {
    stdio: ["ignore", "pipe", "inherit"],
    env: {
      ...process.env,
      DATABASE_URL: url,
      CUTOVER_ALLOW_PRIVATE: "loopback",
      // Fast failure detection for the test: pg-boss looks for silent workers every 2 s.
      CUTOVER_QUEUE_MONITOR_SECONDS: "2",
      CUTOVER_QUEUE_HEARTBEAT_SECONDS: "10",
      CUTOVER_RUN_HEARTBEAT_MS: "500",
    },
  });
  const w: Worker = { child, lines: [] };
  let rest = "";
  child.stdout!.on("data", (d: Buffer) => {
    const parts = (rest + d.toString()).split("\n");
    rest = parts.pop() ?? "";
    w.lines.push(...parts);
  });
  return w;
}

async function waitFor<T>(what: string, f: () => Promise<T | null | undefined | false>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f();
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 500));
  }
}

describe.each(testDialects().filter((d) => d === "postgres"))("live checks on two workers over %s", () => {
  let ns: Nameservers;
  const proxies: CountingProxy[] = [];
  let db: Db;
  let url: string;
  let drop: () => Promise<void>;
  const workers: Worker[] = [];
  let proxyPort = 0;

  beforeAll(async () => {
    const database = await createPgDatabase();
    url = database.url;
    drop = database.drop;
    await migrate({ url });
    db = createDb(url);
    const addresses = Object.values(SERVERS).map((s) => s.address);
    ns = await startNameservers(specs(), { readyMs: 60_000 });
    proxyPort = await freePort(addresses);
    for (const a of addresses)
      proxies.push(await startCountingProxy({ address: a, port: proxyPort, upstreamPort: ns.port }));
  }, 180_000);

  afterAll(async () => {
    for (const w of workers) if (w.child.exitCode === null && w.child.signalCode === null) w.child.kill("SIGKILL");
    await closeQueues({ graceful: false, timeoutMs: 2_000 });
    await db?.$disconnect();
    await Promise.all(proxies.map((p) => p.close()));
    await ns?.stop();
    await drop?.();
  }, 60_000);

  it(`checks ${DOMAINS} domains exactly once each, within every server's rate, surviving a killed worker`, async () => {
    const env = {
      ...process.env,
      CUTOVER_ALLOW_PRIVATE: "loopback",
      CUTOVER_WORKER: "off",
      CUTOVER_QUEUE_MONITOR_SECONDS: "2",
      CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR: String(PER_OPERATOR),
    };
    const rootHints = `. 518400 IN NS ${SERVERS.root.ns}\n${SERVERS.root.ns} 518400 IN A ${SERVERS.root.address}\n`;
    const staff = await seedStaff({ email: "queue@example.net", db });
    // The portfolio as the browser makes it: a CSV through the create use case, then "check all" through the
    // check-members use case, which starts at most PER_OPERATOR member runs per DNS operator at a time and the
    // next one whenever one ends. Every member queries the new operator, so that bound holds the rest back.
    const csv = [
      "domain,losing registrar,gaining registrar,current operator,future operator,hosting moves",
      ...Array.from(
        { length: DOMAINS },
        (_, i) => `${name(i + 1).slice(0, -1)},Old Reg,New Reg,${i < DOMAINS / 2 ? "Old A" : "Old B"},New Op,yes`,
      ),
    ].join("\n");
    const made = await createPortfolio(
      staff,
      {
        name: "queue test book",
        createKey: "queue-integration-test-key",
        members: csv,
        newNameServers: `${SERVERS.neu.ns}=${SERVERS.neu.address}`,
      },
      { db },
    );
    expect(made.members).toBe(DOMAINS);
    const portfolioId = made.portfolio.id;
    const checked = await checkMembers(
      staff,
      { portfolioId, body: { allowPrivate: true, port: proxyPort, rootHints, ratePerServer: RATE } },
      {
        db,
        env,
        // The browser's start (the guarded run start); this test's own database client runs in process by
        // default, so it asks for the queue, as the app's own database does on PostgreSQL.
        start: (actor, o, deps) => startRun(actor, o, { ...deps, execution: "queue" }),
      },
    );
    expect(checked).toEqual({ queued: DOMAINS, alreadyQueued: 0 });
    const waiting = Math.min(DOMAINS, PER_OPERATOR);
    // Nothing runs before a worker exists: the web side only enqueues, and no more than the operator bound.
    expect(await db.run.count({ where: { status: "queued" } })).toBe(waiting);
    expect(await db.portfolioRun.count({ where: { portfolioId, status: "queued" } })).toBe(DOMAINS - waiting);
    const started = Date.now();
    for (let i = 0; i < WORKERS; i++) workers.push(startWorker(url));
    const finals = () => db.run.count({ where: { status: { in: ["done", "failed", "cancelled"] } } });
    // Midway, one worker dies without a chance to clean up.
    await waitFor("a quarter of the runs", async () => (await finals()) >= DOMAINS / 4, 600_000);
    const victim = workers[0]!;
    const inHand = (
      await db.runJob.findMany({ where: { run: { status: "running" } }, select: { runId: true, workerId: true } })
    ).length;
    victim.child.kill("SIGKILL");
    await waitFor("every run to end", async () => (await finals()) === DOMAINS, 900_000);
    const elapsed = (Date.now() - started) / 1000;

    // Every run ended, each exactly once.
    const runs = await db.run.findMany({ select: { id: true, transferId: true, status: true, error: true } });
    expect(runs).toHaveLength(DOMAINS);
    // Every member's check was started once, and its one run is the member's only run.
    const entries = await db.portfolioRun.findMany({ where: { portfolioId } });
    expect(entries.filter((e) => e.status !== "started")).toEqual([]);
    expect(new Set(runs.map((r) => r.transferId)).size).toBe(DOMAINS);
    const runIds = entries.map((e) => e.runId!);
    expect(new Set(runIds)).toEqual(new Set(runs.map((r) => r.id)));
    expect(runs.filter((r) => r.status !== "done").slice(0, 5)).toEqual([]);
    // One pg-boss job per run, completed: none lost, none duplicated.
    const client = new pg.Client({ connectionString: url });
    await client.connect();
    const jobs = (
      await client.query(`SELECT singleton_key AS key, state, retry_count AS retries FROM pgboss.job WHERE name = $1`, [
        RUN_QUEUE,
      ])
    ).rows as { key: string; state: string; retries: number }[];
    await client.end();
    expect(jobs).toHaveLength(DOMAINS);
    expect(new Set(jobs.map((j) => j.key))).toEqual(new Set(runIds));
    expect(jobs.every((j) => j.state === "completed")).toBe(true);
    // Each run was executed to its end by exactly one attempt (the workers print one line per job).
    const finished = new Map<string, string[]>();
    for (const w of workers)
      for (const line of w.lines) {
        const m = /^run (\S+) attempt (\d+): (done|failed|cancelled)$/.exec(line);
        if (m) finished.set(m[1]!, [...(finished.get(m[1]!) ?? []), `${m[2]}:${m[3]}`]);
      }
    expect([...finished.entries()].filter(([, v]) => v.length !== 1)).toEqual([]);
    // A run the killed worker finished just before SIGKILL may lack its line (stdout still in the dead process's
    // buffer); the database then shows it ended once, on its first attempt, and it was one of the runs in hand.
    const unprinted = runIds.filter((id) => !finished.has(id));
    expect(unprinted.length).toBeLessThanOrEqual(CONCURRENCY);
    for (const id of unprinted)
      expect(
        jobs.find((j) => j.key === id),
        id,
      ).toMatchObject({ state: "completed", retries: 0 });
    // The killed worker's runs in hand were retried by pg-boss and finished by the survivor.
    const retried = jobs.filter((j) => j.retries > 0).length;
    expect(retried).toBeGreaterThan(0);
    expect(retried).toBeLessThanOrEqual(CONCURRENCY);

    // No server above its rate in any second, counted where the queries arrive.
    const peaks: Record<string, number> = {};
    for (const p of proxies) {
      const counts = [...p.perSecond().values()];
      peaks[p.address] = Math.max(0, ...counts);
    }
    for (const [address, peak] of Object.entries(peaks))
      expect(peak, `${address} peak ${peak}/s`).toBeLessThanOrEqual(RATE);
    // The limit was what paced the busiest server (the new operator answers for every domain).
    expect(peaks[SERVERS.neu.address]).toBeGreaterThanOrEqual(RATE * 0.75);
    process.stdout.write(
      `[queue] ${DOMAINS} runs on ${WORKERS} workers × ${CONCURRENCY} in ${elapsed.toFixed(0)} s; ${inHand} running when one worker was killed, ${retried} retried; ` +
        `queries per server ${proxies.map((p) => `${p.address}=${p.total()}`).join(" ")}; peak per second ${JSON.stringify(peaks)} (limit ${RATE})\n`,
    );
  }, 1_200_000);
});
