/** Portfolios end to end on a real (SQLite) database: create, facts, dropped exports, bounded checks, exports. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../../auth/actor";
import { createStaffUser } from "../accounts/staff-users";
import { createTestDb, type TestDb } from "../../db/test-db";
import { createRun, updateRun } from "../../db/runs";
import { listSources } from "../../db/list-sources";
import { verifyAuditLog } from "../../audit/record-audit";
import { uploadLimits } from "../../config/upload-limits";
import { checkMembers, pumpPortfolioRuns, type StartMemberRun } from "./check-members";
import { createPortfolio } from "./create";
import { exportPortfolioSummary } from "./export-summary";
import { getPortfolio } from "./get";
import { importDroppedFiles, matchDroppedFiles } from "./import-files";
import { updateSharedFacts } from "./update-facts";

let t: TestDb;
let ann: StaffActor;
let bob: StaffActor;
const facts = {
  losingRegistrar: "Old Reg",
  gainingRegistrar: "New Reg",
  currentDnsOperator: "Old DNS",
  futureDnsOperator: "New DNS",
  dnsHostingMoves: "yes",
  newNameServers: "ns1.newhost.test=192.0.2.53",
};
const key = (n: number) => `create-key-${n}-0123456789abcdef`;
const limits = uploadLimits({});
const zone = (origin: string) => ({
  name: `${origin}.zone`,
  bytes: new TextEncoder().encode(
    `$ORIGIN ${origin}.\n$TTL 300\n@ IN SOA ns1 h 1 2 3 4 5\n@ IN NS ns1\nns1 IN A 192.0.2.1\n`,
  ),
});

beforeAll(async () => {
  t = await createTestDb();
  const a = await createStaffUser(
    { email: "ann@registrar-a.test", name: "Ann", password: "long enough password A", organisation: "Registrar A" },
    { db: t.db },
  );
  const b = await createStaffUser(
    { email: "bob@registrar-b.test", name: "Bob", password: "long enough password B", organisation: "Registrar B" },
    { db: t.db },
  );
  ann = { kind: "staff", userId: a.id, name: a.name, email: a.email, organisationId: a.organisationId };
  bob = { kind: "staff", userId: b.id, name: b.name, email: b.email, organisationId: b.organisationId };
}, 60_000);
afterAll(() => t.dispose());

describe("create", () => {
  test("rows with errors: nothing is created until the valid rows are confirmed; then exactly those, once", async () => {
    const input = { name: "ACME", createKey: key(1), members: "one.test\nnot valid!\ntwo.test\n", ...facts };
    await expect(createPortfolio(ann, input, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
      details: {
        validRows: 2,
        rowErrors: [
          { row: 2, text: "not" },
          { row: 2, text: "valid!" },
        ],
      },
    });
    expect(await t.db.transfer.count()).toBe(0);
    expect(await t.db.portfolio.count()).toBe(0);

    const made = await createPortfolio(ann, { ...input, confirmPartial: "yes" }, { db: t.db });
    expect(made).toMatchObject({ created: true, members: 2 });
    const transfers = await t.db.transfer.findMany({ orderBy: { domainAscii: "asc" } });
    expect(transfers.map((x) => [x.domainAscii, x.organisationId, x.dnsHostingMoves, x.currentDnsOperator])).toEqual([
      ["one.test", ann.organisationId, true, "Old DNS"],
      ["two.test", ann.organisationId, true, "Old DNS"],
    ]);
    // The same form submitted again (a double click): the same portfolio, no new transfers.
    const again = await createPortfolio(ann, { ...input, confirmPartial: "yes" }, { db: t.db });
    expect(again).toMatchObject({ created: false });
    expect(again.portfolio.id).toBe(made.portfolio.id);
    expect(await t.db.transfer.count()).toBe(2);
  });

  test("another organisation's portfolio does not exist for its staff; no session is refused", async () => {
    const p = await t.db.portfolio.findFirstOrThrow();
    await expect(getPortfolio(bob, { portfolioId: p.id }, { db: t.db })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(getPortfolio(null, { portfolioId: p.id }, { db: t.db })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(
      createPortfolio(null, { name: "x", createKey: key(9), members: "x.test", ...facts }, { db: t.db }),
    ).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});

describe("shared facts", () => {
  test("edited once: every member changes, each member's audit log names the portfolio and the old and new values; saving again logs nothing", async () => {
    const p = await t.db.portfolio.findFirstOrThrow();
    const r = await updateSharedFacts(
      ann,
      { portfolioId: p.id, facts: { futureDnsOperator: "Cloud DNS", dnsHostingMoves: "no" } },
      { db: t.db },
    );
    expect(r.changedTransfers).toBe(2);
    for (const tr of await t.db.transfer.findMany()) {
      expect([tr.futureDnsOperator, tr.dnsHostingMoves, tr.losingRegistrar]).toEqual(["Cloud DNS", false, "Old Reg"]);
      const log = await verifyAuditLog(tr.id, t.db);
      expect(log.valid).toBe(true);
      expect(log.entries.map((e) => e.event)).toEqual([
        expect.objectContaining({
          type: "transfer.facts-changed",
          portfolioId: p.id,
          actor: expect.objectContaining({ userId: ann.userId }),
          changes: {
            futureDnsOperator: { from: "New DNS", to: "Cloud DNS" },
            dnsHostingMoves: { from: true, to: false },
          },
        }),
      ]);
    }
    expect(
      (
        await updateSharedFacts(
          ann,
          { portfolioId: p.id, facts: { futureDnsOperator: "Cloud DNS", dnsHostingMoves: "no" } },
          { db: t.db },
        )
      ).changedTransfers,
    ).toBe(0);
    await expect(updateSharedFacts(bob, { portfolioId: p.id, facts: {} }, { db: t.db })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    await expect(
      updateSharedFacts(ann, { portfolioId: p.id, facts: { newNameServers: "ns1.x.test" } }, { db: t.db }),
    ).rejects.toMatchObject({ code: "INVALID" });
  });
});

describe("dropped exports", () => {
  test("matched, imported as assigned; the unassigned file is listed as not imported; a repeat imports nothing twice", async () => {
    const p = await t.db.portfolio.findFirstOrThrow();
    const files = [zone("one.test"), zone("two.test"), zone("elsewhere.test")];
    const m = await matchDroppedFiles(ann, { portfolioId: p.id, files, limits }, { db: t.db });
    expect(
      m.files.map((f) => [
        f.name,
        f.status,
        f.transferId === null ? null : m.members.find((x) => x.transferId === f.transferId)!.domain,
      ]),
    ).toEqual([
      ["one.test.zone", "matched", "one.test"],
      ["two.test.zone", "matched", "two.test"],
      ["elsewhere.test.zone", "unmatched", null],
    ]);
    const assignments = m.files.map((f) => ({ transferId: f.transferId, label: f.label }));
    const r = await importDroppedFiles(ann, { portfolioId: p.id, files, assignments, limits }, { db: t.db });
    expect(r.map((x) => x.status)).toEqual(["imported", "imported", "not-imported"]);
    expect(r[2]).toMatchObject({ reason: "no member chosen" });
    const again = await importDroppedFiles(ann, { portfolioId: p.id, files, assignments, limits }, { db: t.db });
    expect(again.map((x) => (x.status === "imported" ? x.sourceId : null))).toEqual(
      r.map((x) => (x.status === "imported" ? x.sourceId : null)),
    );
    expect((await listSources(m.files[0]!.transferId!, t.db)).length).toBe(1);
    // Assigning a file to a transfer outside the portfolio is refused.
    const foreign = await t.db.transfer.create({
      data: {
        domainAscii: "b.test",
        domainUnicode: "b.test",
        losingRegistrar: "x",
        gainingRegistrar: "y",
        currentDnsOperator: "x",
        futureDnsOperator: "y",
        dnsHostingMoves: false,
        organisationId: bob.organisationId,
      },
    });
    await expect(
      importDroppedFiles(
        ann,
        { portfolioId: p.id, files: [files[0]!], assignments: [{ transferId: foreign.id, label: "x" }], limits },
        { db: t.db },
      ),
    ).rejects.toMatchObject({ code: "NOT_FOUND" });
  });
});

describe("bounded checks", () => {
  test("at most N runs per operator at once; the next starts when one finishes; the table shows queued, checking, verdicts", async () => {
    const made = await createPortfolio(
      ann,
      {
        name: "Big",
        createKey: key(2),
        members: ["a", "b", "c", "d", "e"].map((x) => `${x}.big.test`).join("\n"),
        ...facts,
      },
      { db: t.db },
    );
    const pid = made.portfolio.id;
    const finish: Record<string, () => Promise<void>> = {};
    let active = 0;
    let peak = 0;
    const start: StartMemberRun = async (_actor, o) => {
      const run = await createRun(
        {
          transferId: o.transferId,
          oldServersJson: "[]",
          newServersJson: JSON.stringify((o.input as { newServers: string }).newServers),
          optionsJson: "{}",
        },
        t.db,
      );
      await updateRun(run.id, { status: "running" }, t.db);
      active++;
      peak = Math.max(peak, active);
      let resolve!: () => void;
      const done = new Promise<void>((r) => (resolve = r));
      finish[o.transferId] = async () => {
        await updateRun(run.id, { status: "done", verdict: "go", blockers: 0 }, t.db);
        active--;
        resolve();
      };
      return { runId: run.id, done };
    };
    const env = { CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR: "2" };
    const r = await checkMembers(ann, { portfolioId: pid, body: { allowPrivate: false } }, { db: t.db, env, start });
    expect(r).toEqual({ queued: 5, alreadyQueued: 0 });
    // checkMembers pumps with the real starter unless told otherwise; pump with the fake one.
    await pumpPortfolioRuns(pid, { actor: ann, db: t.db, env, start });
    const stages = async () => (await getPortfolio(ann, { portfolioId: pid }, { db: t.db })).all.map((m) => m.stage);
    expect(Object.keys(finish)).toHaveLength(2);
    expect(await stages()).toEqual(["checking", "checking", "queued", "queued", "queued"]);
    // A second request while they wait queues nothing twice.
    expect(await checkMembers(ann, { portfolioId: pid, body: {} }, { db: t.db, env, start })).toEqual({
      queued: 0,
      alreadyQueued: 5,
    });
    for (let i = 0; i < 5; i++) {
      const [id, end] = Object.entries(finish)[0]!;
      delete finish[id];
      await end();
      await pumpPortfolioRuns(pid, { actor: ann, db: t.db, env, start });
      expect(active).toBeLessThanOrEqual(2);
      expect(Object.keys(finish)).toHaveLength(Math.min(2, 4 - i));
    }
    expect(peak).toBe(2);
    expect(await stages()).toEqual(["checked", "checked", "checked", "checked", "checked"]);
    const csv = await exportPortfolioSummary(ann, { portfolioId: pid, format: "csv" }, { db: t.db });
    expect(csv.body.split("\r\n")[0]).toBe(
      "domain,stage,verdict,blockers,warnings,run status,window start,window end,time zone,current operator,future operator,error,transfer id",
    );
    expect(csv.body.split("\r\n").filter((l) => l.startsWith("a.big.test,checked,go,0,"))).toHaveLength(1);
    const json = JSON.parse(
      (await exportPortfolioSummary(ann, { portfolioId: pid, format: "json" }, { db: t.db })).body,
    );
    expect(json.members.map((m: { domain: string; verdict: string }) => [m.domain, m.verdict])).toEqual(
      ["a", "b", "c", "d", "e"].map((x) => [`${x}.big.test`, "go"]),
    );
  });

  test("a member whose new servers are not name=address is reported by domain, and nothing is queued", async () => {
    const made = await createPortfolio(
      ann,
      { name: "Bad NS", createKey: key(3), members: "x.bad.test", ...facts, newNameServers: "" },
      { db: t.db },
    );
    await t.db.portfolio.update({ where: { id: made.portfolio.id }, data: { newNameServers: "ns1.only-a-name.test" } });
    await expect(checkMembers(ann, { portfolioId: made.portfolio.id, body: {} }, { db: t.db })).rejects.toMatchObject({
      code: "INVALID",
      details: { issues: [{ path: "x.bad.test", message: expect.stringMatching(/expected name=address/) }] },
    });
    expect(await t.db.portfolioRun.count({ where: { portfolioId: made.portfolio.id } })).toBe(0);
  });
});
