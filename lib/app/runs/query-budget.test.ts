/**
 * The per-run query cap: CUTOVER_MAX_QUERIES_PER_RUN reaches the
 * lib/dns session cap through executeRun; a run over it ends "failed" with a
 * clear error, and the server sees no packet beyond the cap.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import dnsPacket from "dns-packet";
import { afterAll, afterEach, beforeAll, describe, expect, test } from "vitest";
import { listRunSnapshots } from "../../db/run-evidence";
import { getRun } from "../../db/runs";
import { createTestDb, type TestDb } from "../../db/test-db";
import { startFakeServer, type FakeServer } from "../../dns/testing/fake-server";
import type { ProgressEvent } from "../../dns/types";
import { abuseLimits } from "../../config/abuse-limits";
import { createTransfer } from "../transfers/create-transfer";
import { seedStaff } from "../testing/staff";

import { seedSource } from "../testing/seed";
import type { StaffActor } from "../../auth/actor";
import { queryBudget } from "../../dns/query-budget";
import { startRun } from "./start-run";

const here = new URL(".", import.meta.url).pathname;
const EXPORT = readFileSync(join(here, "../../lab/zones/project.test.export-incomplete.zone"));

/** A tiny authoritative server for project.test.: SOA and NS at the apex, NODATA elsewhere, AXFR refused. */
function authoritative(q: Uint8Array) {
  const query = dnsPacket.decode(Buffer.from(q));
  const question = query.questions?.[0];
  const soa = {
    name: "project.test",
    type: "SOA" as const,
    ttl: 300,
    data: {
      mname: "ns1.old.test",
      rname: "h.project.test",
      serial: 1,
      refresh: 7200,
      retry: 3600,
      expire: 1209600,
      minimum: 300,
    },
  };
  const answers =
    question?.name.toLowerCase() === "project.test" && question.type === "SOA"
      ? [soa]
      : question?.name.toLowerCase() === "project.test" && question.type === "NS"
        ? [{ name: "project.test", type: "NS" as const, ttl: 300, data: "ns1.old.test" }]
        : [];
  const reply = dnsPacket.encode({
    id: query.id,
    type: "response",
    flags: dnsPacket.AUTHORITATIVE_ANSWER | (question?.type === "AXFR" ? 5 : 0),
    questions: query.questions,
    answers,
    authorities: answers.length ? [] : [soa],
  });
  return { kind: "send" as const, packets: [Uint8Array.from(reply)] };
}

const sent = (n: number): ProgressEvent => ({
  type: "planned",
  count: 0,
  totals: { planned: 0, sent: n, answered: 0, failed: 0 },
});

describe("queryBudget", () => {
  test("later sessions get what earlier ones left; the cap is reached across phases", () => {
    const b = queryBudget(10);
    expect({ ...b.limits }).toEqual({ maxQueries: 10 });
    expect(b.note("old", sent(4))).toBe(false);
    expect({ ...b.limits }).toEqual({ maxQueries: 6 });
    expect(b.note("new", sent(5))).toBe(false);
    expect(b.used).toBe(9);
    expect(b.note("new", sent(6))).toBe(true);
    expect(b.exhausted).toBe(true);
    expect({ ...b.limits }).toEqual({ maxQueries: 0 });
    expect(b.message).toBe(
      "stopped at the query cap: this run may send 10 DNS queries (CUTOVER_MAX_QUERIES_PER_RUN) and sent 10; no further queries were sent and no verdict was reached",
    );
  });

  test("a query refused by the session cap counts as reaching it", () => {
    const b = queryBudget(100);
    const failed: ProgressEvent = {
      type: "failed",
      totals: { planned: 3, sent: 3, answered: 0, failed: 1 },
      answer: { error: { kind: "query-cap", message: "query cap of 3 reached" } } as never,
    };
    expect(b.note("old", failed)).toBe(true);
  });

  test("configuration: default 50,000, else CUTOVER_MAX_QUERIES_PER_RUN", () => {
    expect(abuseLimits({}).maxQueriesPerRun).toBe(50_000);
    expect(abuseLimits({ CUTOVER_MAX_QUERIES_PER_RUN: "12" }).maxQueriesPerRun).toBe(12);
    expect(abuseLimits({ CUTOVER_MAX_QUERIES_PER_RUN: "-1" }).maxQueriesPerRun).toBe(50_000);
  });
});

describe("a live run over the per-run query cap", () => {
  let t: TestDb;
  let server: FakeServer;
  let transferId: string;
  let staff: StaffActor;
  const saved = process.env.CUTOVER_MAX_QUERIES_PER_RUN;

  beforeAll(async () => {
    t = await createTestDb();
    server = await startFakeServer(authoritative);
    staff = await seedStaff({ email: "budget-" + crypto.randomUUID() + "@example.net", db: t.db });
    const tr = await createTransfer(
      staff,
      {
        domain: "project.test",
        losingRegistrar: "a",
        gainingRegistrar: "b",
        currentDnsOperator: "c",
        futureDnsOperator: "d",
        dnsHostingMoves: "yes",
      },
      { db: t.db },
    );
    transferId = tr.id;
    await seedSource({
      actor: staff,
      transferId,
      label: "registrar export",
      files: [{ name: "export.zone", bytes: EXPORT }],
      db: t.db,
    });
  });
  afterEach(() => {
    if (saved === undefined) delete process.env.CUTOVER_MAX_QUERIES_PER_RUN;
    else process.env.CUTOVER_MAX_QUERIES_PER_RUN = saved;
  });
  afterAll(async () => {
    await server?.close();
    await t?.dispose();
  });

  test("ends failed with the cap in its error, and the server received no packet beyond the cap", async () => {
    process.env.CUTOVER_MAX_QUERIES_PER_RUN = "7";
    // The phases the run row goes through: "stopping" (no ETA) once the cap stopped it, before "failed".
    const phases: string[] = [];
    const run_ = new Proxy(t.db.run, {
      get(target, p) {
        const v = Reflect.get(target, p) as unknown;
        if (p === "update" && typeof v === "function")
          return (a: { data: { phase?: string } }) => {
            if (a.data.phase && phases.at(-1) !== a.data.phase) phases.push(a.data.phase);
            return (v as (x: unknown) => unknown).call(target, a);
          };
        return typeof v === "function" ? v.bind(target) : v;
      },
    });
    const db = new Proxy(t.db, { get: (target, p) => (p === "run" ? run_ : Reflect.get(target, p)) }) as typeof t.db;
    const r = await startRun(
      staff,
      {
        transferId,
        input: {
          oldServers: `ns1.old.test=${server.address}`,
          newServers: `ns1.new.test=${server.address}`,
          allowPrivate: true,
          port: server.port,
        },
      },
      { db },
    );
    await r.done;
    expect(phases.slice(-2)).toEqual(["stopping", "failed"]);
    const run = (await getRun(r.runId, t.db))!;
    expect(run.status).toBe("failed");
    expect(run.verdict).toBeNull();
    expect(run.error).toBe(
      "stopped at the query cap: this run may send 7 DNS queries (CUTOVER_MAX_QUERIES_PER_RUN) and sent 7; no further queries were sent and no verdict was reached",
    );
    expect(run.sent).toBe(7);
    // The old snapshot, stored as it stopped, names the cap as its cause (not a cancel).
    const old = (await listRunSnapshots(r.runId, t.db)).find((x) => x.side === "old")!;
    expect((JSON.parse(old.summaryJson) as { plan: { stopCause: string } }).plan.stopCause).toBe("cap");
    // Wait a little: nothing more arrives after the run ended. (Packets the run counted as sent
    // while the abort closed its sockets may never arrive, so "at most" the cap.)
    const arrived = server.received.udp + server.received.tcp;
    await new Promise((res) => setTimeout(res, 500));
    expect(server.received.udp + server.received.tcp).toBe(arrived);
    expect(arrived).toBeGreaterThan(0);
    expect(arrived).toBeLessThanOrEqual(7);
    expect(await t.db.finding.count({ where: { runId: r.runId } })).toBe(0);
  }, 60_000);
});
