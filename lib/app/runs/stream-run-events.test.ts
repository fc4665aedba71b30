import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { Db } from "../../db/client";
import { createRun, requestRunCancel, updateRun } from "../../db/runs";
import { saveRunSnapshot } from "../../db/run-evidence";
import { createTestDb, type TestDb } from "../../db/test-db";
import { isAppError } from "../../errors/app-error";
import { seedTransfer } from "../testing/seed";
import { streamRunEvents } from "./stream-run-events";

const staff = {
  kind: "staff" as const,
  userId: "u-1",
  name: "Ann",
  email: "ann@registrar-a.test",
  organisationId: "default-org",
};
const stranger = { ...staff, userId: "u-2", organisationId: "another-org" };

let t: TestDb;
let transferId = "";

/** The database with its run polls counted (what the stream reads every poll interval). */
function counting(db: Db): { db: Db; polls: () => number } {
  let n = 0;
  const run = new Proxy(db.run, {
    get(target, p) {
      const v = Reflect.get(target, p) as unknown;
      if (p === "findUnique") n++;
      return typeof v === "function" ? v.bind(target) : v;
    },
  });
  return {
    db: new Proxy(db, { get: (target, p) => (p === "run" ? run : Reflect.get(target, p)) }) as Db,
    polls: () => n,
  };
}

async function newRun(): Promise<string> {
  const r = await createRun({ transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, t.db);
  await updateRun(r.id, { status: "running", startedAt: new Date(), phase: "querying" }, t.db);
  return r.id;
}

const decoder = new TextDecoder();
async function next(reader: ReadableStreamDefaultReader<Uint8Array>): Promise<string | null> {
  const { value, done } = await reader.read();
  return done ? null : decoder.decode(value);
}

beforeAll(async () => {
  t = await createTestDb();
  transferId = await seedTransfer({ domain: "project.test", db: t.db });
});
afterAll(async () => {
  await t.dispose();
});

describe("streamRunEvents", () => {
  it("refuses another organisation's run before the stream opens (NOT_FOUND → 404)", async () => {
    const runId = await newRun();
    const e = await streamRunEvents(
      stranger,
      { transferId, runId },
      { signal: new AbortController().signal, db: t.db },
    ).catch((x: unknown) => x);
    expect(isAppError(e) && e.code).toBe("NOT_FOUND");
    const missing = await streamRunEvents(
      staff,
      { transferId, runId: "no-such-run" },
      { signal: new AbortController().signal, db: t.db },
    ).catch((x: unknown) => x);
    expect(isAppError(missing) && missing.code).toBe("NOT_FOUND");
  });

  it("sends the counters when they change and ends with the run", async () => {
    const runId = await newRun();
    const reader = (
      await streamRunEvents(
        staff,
        { transferId, runId },
        { signal: new AbortController().signal, pollMs: 10, db: t.db },
      )
    ).getReader();
    const first = await next(reader);
    expect(first).toMatch(/^data: /);
    expect(JSON.parse(first!.slice(6))).toMatchObject({ status: "running", phase: "querying" });
    await updateRun(runId, { status: "done", phase: "done", finishedAt: new Date(), verdict: "go" }, t.db);
    const last = await next(reader);
    expect(JSON.parse(last!.slice(6))).toMatchObject({ status: "done", verdict: "go", etaSeconds: null });
    expect(await next(reader)).toBeNull();
  });

  it("sends an ETA while the run asks its questions, and none once a cancel is requested", async () => {
    const runId = await newRun();
    const startedAt = new Date(Date.now() - 10_000);
    await updateRun(runId, { startedAt, phase: "old", planned: 1_000, answered: 500 }, t.db);
    const reader = (
      await streamRunEvents(
        staff,
        { transferId, runId },
        { signal: new AbortController().signal, pollMs: 10, db: t.db },
      )
    ).getReader();
    const first = JSON.parse((await next(reader))!.slice(6)) as { etaSeconds: number | null };
    expect(first.etaSeconds).toBeGreaterThan(0);
    expect(await requestRunCancel(transferId, runId, new Date(), t.db)).toBe(true);
    let last = first;
    // Events go out as the ETA ticks; the first after the request carries none.
    while (last.etaSeconds !== null) last = JSON.parse((await next(reader))!.slice(6)) as typeof first;
    expect(last).toMatchObject({ status: "running", phase: "old", etaSeconds: null });
    await reader.cancel();
  });

  it("sends no ETA while the new snapshot runs once the old one stopped early at its deadline", async () => {
    const etaWith = async (incomplete: string | null) => {
      const runId = await newRun();
      await updateRun(
        runId,
        { startedAt: new Date(Date.now() - 10_000), phase: "new", planned: 1_000, answered: 500 },
        t.db,
      );
      const summaryJson = JSON.stringify({ zone: "project.test.", incomplete });
      await saveRunSnapshot(runId, { side: "old", summaryJson, answers: 0, answersSha256: "" }, t.db);
      const reader = (
        await streamRunEvents(
          staff,
          { transferId, runId },
          { signal: new AbortController().signal, pollMs: 10, db: t.db },
        )
      ).getReader();
      const first = JSON.parse((await next(reader))!.slice(6)) as { etaSeconds: number | null };
      await reader.cancel();
      return first.etaSeconds;
    };
    expect(await etaWith(null)).toBeGreaterThan(0);
    expect(await etaWith("the run's deadline passed")).toBeNull();
  });

  it("stops polling when the client cancels the stream", async () => {
    const runId = await newRun();
    const c = counting(t.db);
    const reader = (
      await streamRunEvents(staff, { transferId, runId }, { signal: new AbortController().signal, pollMs: 5, db: c.db })
    ).getReader();
    expect(await next(reader)).toMatch(/^data: /);
    await reader.cancel();
    const atCancel = c.polls();
    await new Promise((r) => setTimeout(r, 60));
    // At most the poll that was already in flight.
    expect(c.polls() - atCancel).toBeLessThanOrEqual(1);
  });

  it("stops polling when the request is aborted", async () => {
    const runId = await newRun();
    const c = counting(t.db);
    const abort = new AbortController();
    const reader = (
      await streamRunEvents(staff, { transferId, runId }, { signal: abort.signal, pollMs: 5, db: c.db })
    ).getReader();
    expect(await next(reader)).toMatch(/^data: /);
    abort.abort();
    expect(await next(reader)).toBeNull();
    const atAbort = c.polls();
    await new Promise((r) => setTimeout(r, 60));
    expect(c.polls() - atAbort).toBeLessThanOrEqual(1);
  });
});
