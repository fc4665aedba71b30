/**
 * A browser run judges the transfer's stored facts (window, parties and
 * contacts, operations plan), not a bare "does hosting move" answer: the
 * clean-move lab scenario with complete facts has no OPS warning; with the
 * contacts missing it has OPS-CONTACTS naming the parties. The run stores
 * its timing for the schedule.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../../lab/lab";
import { parseStoredTiming } from "../../checks/timing";
import { getRun } from "../../db/runs";
import { createTestDb, type TestDb } from "../../db/test-db";
import { PARTY_ROLES } from "../../schedule/parties";
import { saveOperationsPlan } from "../schedule/operations-plan";
import { saveParty } from "../parties/save-party";
import { saveSchedule } from "../schedule/save-schedule";
import { createTransfer } from "../transfers/create-transfer";
import { seedStaff } from "../testing/staff";

import { seedSource } from "../testing/seed";
import { staffOfTransfer } from "../testing/staff";
import { getRunView, type RunView } from "./get-run-view";
import { startRun } from "./start-run";

const here = new URL(".", import.meta.url).pathname;
const LIVE = readFileSync(join(here, "../../lab/zones/project.test.live.zone"));

let lab: Lab;
let t: TestDb;

beforeAll(async () => {
  [lab, t] = await Promise.all([startLab({ scenario: "clean-move" }), createTestDb()]);
}, 90_000);
afterAll(async () => {
  await lab?.stop();
  await t?.dispose();
}, 30_000);

async function transferWithFacts(withParties: boolean): Promise<string> {
  const staff = await seedStaff({ email: "facts-" + crypto.randomUUID() + "@example.net", db: t.db });
  const tr = await createTransfer(
    staff,
    {
      domain: "project.test",
      losingRegistrar: "Old Reg",
      gainingRegistrar: "New Reg",
      currentDnsOperator: "Old Host",
      futureDnsOperator: "New Host",
      dnsHostingMoves: "yes",
    },
    { db: t.db },
  );
  const id = tr.id;
  await seedSource({
    actor: staff,
    transferId: id,
    label: "live copy",
    files: [{ name: "live.zone", bytes: LIVE }],
    db: t.db,
  });
  // Tuesday to Thursday, longer than the 49 h the lab's TTLs need.
  await saveSchedule(
    staff,
    {
      transferId: id,
      input: {
        start: "2026-12-01T08:00:00Z",
        end: "2026-12-03T20:00:00Z",
        timeZone: "Europe/Berlin",
        holidayRegion: "",
        ttlLoweringAt: "2026-11-28T08:00:00Z",
      },
    },
    { db: t.db },
  );
  const plan = await saveOperationsPlan(
    staff,
    {
      transferId: id,
      input: {
        monitoringPlan: "resolution from three networks every minute; mail flow",
        monitoringBy: "Nia",
        rollbackSteps: "restore ns1/ns2.oldhost.test at the registrar",
        rollbackAssumedHours: "49",
        oldZoneKeptUntil: "2026-12-31T00:00:00Z",
        dnssecPlan: "unsigned",
      },
    },
    { db: t.db },
  );
  expect(plan.dnssecPlan).toBe("unsigned");
  if (withParties) {
    for (const role of PARTY_ROLES) {
      await saveParty(
        staff,
        {
          transferId: id,
          input: {
            role,
            organisation: `${role} org`,
            contacts: [{ name: `Kim ${role}`, phone: "+49 30 1234567" }],
            escalation: { channel: "phone", target: "+49 30 7654321" },
            onCallConfirmed: true,
            onCallBy: `Kim ${role}`,
          },
        },
        { db: t.db },
      );
    }
  }
  return id;
}

async function run(transferId: string): Promise<RunView> {
  const staff = await staffOfTransfer(transferId, t.db);
  const r = await startRun(
    staff,
    {
      transferId,
      input: { newServers: "ns1.newhost.test=127.0.0.5", allowPrivate: true, port: lab.port, rootHints: lab.rootHints },
    },
    { db: t.db },
  );
  await r.done;
  const v = await getRunView(staff, { transferId, runId: r.runId }, { db: t.db });
  expect(v.run.error).toBeNull();
  expect(v.run.status).toBe("done");
  return v;
}

const ops = (v: RunView) => v.findings.filter((f) => f.family === "OPS" && f.severity !== "info").map((f) => f.id);

describe("browser runs judge the stored facts", () => {
  it("complete facts: no OPS warning, no timing blocker, GO; the run stores its timing", async () => {
    const id = await transferWithFacts(true);
    const v = await run(id);
    expect(ops(v)).toEqual([]);
    expect(v.findings.filter((f) => f.id.startsWith("TIM-") && f.severity === "blocker")).toEqual([]);
    expect(v.verdict).toBe("go");
    const timing = parseStoredTiming((await getRun(v.run.id, t.db))!.timingJson);
    expect(timing).toMatchObject({
      inputs: { parentNsTtl: 172800, dnssecChange: false, marginSeconds: 3600 },
      minOverlapSeconds: 176400,
      rollbackSeconds: 176400,
    });
  }, 90_000);

  it("contacts missing: OPS-CONTACTS names every party; the rest of the plan still counts", async () => {
    const id = await transferWithFacts(false);
    const v = await run(id);
    expect(ops(v)).toEqual(["OPS-CONTACTS"]);
    const c = v.findings.find((f) => f.id === "OPS-CONTACTS")!;
    expect(c.severity).toBe("warning");
    expect(c.message).toBe(
      "No named contact and escalation channel for: Losing registrar, Gaining registrar, Old DNS operator, New DNS operator, Domain owner.",
    );
  }, 90_000);
});
