/**
 * Two app instances on one PostgreSQL database: each is
 * `node lib/cli/start.mjs` on its own port (3171/3172) with the same
 * DATABASE_URL, from one build in .next-pg (built here when missing or stale).
 * Shows: both migrate the empty database at once; a transfer created on one
 * is visible on the other; concurrent acknowledgements from both land once;
 * concurrent submits of the public sign page's form from both land once per
 * link and revision (the rest are told "already signed"), the audit chain
 * stays valid and both instances report the same finality;
 * a run started on one shows progress and is cancelled from the other; a
 * run whose worker instance is killed (the other one only enqueues,
 * CUTOVER_WORKER=off) is failed by the survivor's heartbeat sweep.
 * Runs only with CUTOVER_TEST_PG_URL (always set in CI, see test-db.ts).
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createSocket, type Socket } from "node:dgram";
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createDb, type Db } from "./client";
import { finishRun } from "./finish-run";
import { createRun, getRun } from "./runs";
import { createPgDatabase, testDialects } from "./test-db";
import { verifyChain } from "../audit/chain";
import { verifyBundle } from "../checklist/bundle";
import { loadOrCreateSigningKey } from "../checklist/signing-key";
import { PARTY_ROLES, type PartyRole } from "../schedule/parties";
import { createChecklistRevision } from "../app/checklist/create-checklist-revision";
import { issueLink } from "../app/links/links";
import { saveSchedule } from "../app/schedule/save-schedule";
import { acknowledgeWarning, seedParties, seedRun, seedTransfer } from "../app/testing/seed";
import { staffOfTransfer } from "../app/testing/staff";
import { listAuditEntries } from "./audit-entries";

const PORTS = [3171, 3172] as const;
const DIST = ".next-pg";
// Several instances share the session secret and the data directory (signing key), as a deployment must.
// The runs below query a loopback server: the operator setting allows loopback.
const SHARED = {
  CUTOVER_AUTH_SECRET: "multi-instance-test-secret-0123456789abcdef",
  CUTOVER_DATA_DIR: mkdtempSync(join(tmpdir(), "cutover-mi-")),
  CUTOVER_ALLOW_PRIVATE: "loopback",
};
const STAFF = { email: "staff@two-instances.test", password: "correct horse battery staple 42" };

function startInstance(port: number, url: string, extra: Record<string, string> = {}): ChildProcess {
  // Own process group, so the test can kill the instance and its `next start` child together.
  return spawn(process.execPath, ["lib/cli/start.mjs"], {
    detached: true,
    stdio: ["ignore", "ignore", "inherit"],
    env: {
      ...process.env,
      ...SHARED,
      DATABASE_URL: url,
      PORT: String(port),
      HOSTNAME_BIND: "127.0.0.1",
      NEXT_DIST_DIR: DIST,
      CUTOVER_SKIP_BUILD: "1",
      // Fast liveness for the test: beat every 300 ms, orphaned after 3 s.
      CUTOVER_RUN_HEARTBEAT_MS: "300",
      CUTOVER_RUN_STALE_MS: "3000",
      // A queue run whose worker died and that no worker took over is failed after 5 s here.
      CUTOVER_QUEUE_RUN_STALE_MS: "5000",
      ...extra,
    },
  });
}

function killInstance(p: ChildProcess | undefined, signal: NodeJS.Signals): void {
  if (p?.pid && p.exitCode === null) {
    try {
      process.kill(-p.pid, signal);
    } catch {
      // already gone
    }
  }
}

async function waitFor<T>(what: string, f: () => Promise<T | null | undefined | false>, ms = 60_000): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await f().catch(() => null);
    if (v) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** The hidden inputs of an HTML form as name → value (entities the app emits decoded). */
function hiddenInputs(html: string): Map<string, string> {
  const unescape = (v: string) =>
    v
      .replace(/&quot;/g, '"')
      .replace(/&#x27;/g, "'")
      .replace(/&lt;/g, "<")
      .replace(/&gt;/g, ">")
      .replace(/&amp;/g, "&");
  const out = new Map<string, string>();
  for (const m of html.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
    const name = /name="([^"]*)"/.exec(m[0])?.[1];
    if (name) out.set(unescape(name), unescape(/value="([^"]*)"/.exec(m[0])?.[1] ?? ""));
  }
  return out;
}

const base = (i: 0 | 1) => `http://127.0.0.1:${PORTS[i]}`;
let cookie = "";
/** A signed-in staff request to instance i (Origin for the CSRF check on state-changing requests). */
const call = (i: 0 | 1, path: string, init: RequestInit = {}) =>
  fetch(`${base(i)}${path}`, {
    ...init,
    headers: { ...(init.headers as Record<string, string> | undefined), cookie, origin: base(i) },
    redirect: "manual",
  });

describe("testDialects", () => {
  it("fails instead of skipping PostgreSQL when CI=true and no server URL is given", () => {
    expect(() => testDialects({ CI: "true" })).toThrow(/CUTOVER_TEST_PG_URL/);
    expect(testDialects({})).toEqual(["sqlite"]);
    expect(testDialects({ CI: "true", CUTOVER_TEST_PG_URL: "postgresql://x@127.0.0.1/y" })).toEqual([
      "sqlite",
      "postgres",
    ]);
  });
});

describe.each(testDialects().filter((d) => d === "postgres"))("two instances on one %s database", () => {
  const instances: ChildProcess[] = [];
  let db: Db;
  let drop: () => Promise<void>;
  let blackhole: Socket;
  let transferId: string;

  beforeAll(async () => {
    // One build for both instances (skipped by start.mjs when up to date).
    const build = spawnSync(process.execPath, ["lib/cli/start.mjs"], {
      stdio: "inherit",
      env: { ...process.env, NEXT_DIST_DIR: DIST, CUTOVER_BUILD_ONLY: "1" },
    });
    if (build.status !== 0) throw new Error("build failed");
    const database = await createPgDatabase();
    drop = database.drop;
    db = createDb(database.url);
    // Runs are jobs of the queue (lib/app/jobs): only the first instance works it, so the run below dies with it.
    instances.push(
      startInstance(PORTS[0], database.url),
      startInstance(PORTS[1], database.url, { CUTOVER_WORKER: "off" }),
    );
    await Promise.all(
      [0, 1].map((i) =>
        waitFor(`instance ${i}`, async () => (await fetch(`${base(i as 0 | 1)}/sign-in`)).status < 500, 120_000),
      ),
    );
    // One staff account (seeded through lib/, e2e/support/seed-staff.ts), signed in on the first instance;
    // the session lives in the shared database, so the second instance accepts the same cookie.
    const seeded = spawnSync(
      process.execPath,
      [
        "--import",
        "tsx",
        "--import",
        "./lib/node/server-only.mjs",
        "e2e/support/seed-staff.ts",
        STAFF.email,
        STAFF.password,
      ],
      { stdio: ["ignore", "ignore", "inherit"], env: { ...process.env, ...SHARED, DATABASE_URL: database.url } },
    );
    if (seeded.status !== 0) throw new Error("seeding the staff account failed");
    // Once more on a network error: seeding outlasts the server's keep-alive, so the pooled socket may be closing under us.
    const signInRequest = () =>
      fetch(`${base(0)}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { "content-type": "application/json", origin: base(0) },
        body: JSON.stringify(STAFF),
      });
    const signIn = await signInRequest().catch(signInRequest);
    if (!signIn.ok) throw new Error(`sign-in: ${signIn.status}`);
    cookie = signIn.headers
      .getSetCookie()
      .map((c) => c.split(";")[0])
      .join("; ");
    // A DNS server that never answers: runs against it are slow (timeouts), so there is time to watch and cancel.
    blackhole = createSocket("udp4");
    await new Promise<void>((r) => blackhole.bind(0, "127.0.0.1", r));
  }, 900_000);

  afterAll(async () => {
    for (const p of instances) killInstance(p, "SIGTERM");
    blackhole?.close();
    await db?.$disconnect();
    await drop?.();
    rmSync(SHARED.CUTOVER_DATA_DIR, { recursive: true, force: true });
  }, 30_000);

  it("a transfer created on one instance is visible on the other", async () => {
    // Submit the new-transfer form as a browser without JavaScript would: the hidden action fields plus the inputs.
    const page = await (await call(0, "/transfers/new")).text();
    const form = new FormData();
    for (const m of page.matchAll(/<input[^>]*type="hidden"[^>]*>/g)) {
      const name = /name="([^"]*)"/.exec(m[0])?.[1];
      if (name)
        form.append(
          name.replace(/&amp;/g, "&"),
          (/value="([^"]*)"/.exec(m[0])?.[1] ?? "").replace(/&amp;/g, "&").replace(/&quot;/g, '"'),
        );
    }
    for (const [k, v] of Object.entries({
      domain: "two-instances.test",
      losingRegistrar: "Old Reg",
      gainingRegistrar: "New Reg",
      currentDnsOperator: "Old Host",
      futureDnsOperator: "New Host",
      dnsHostingMoves: "no",
    }))
      form.append(k, v);
    const created = await call(0, "/transfers/new", { method: "POST", body: form });
    expect(created.status).toBe(303);
    const location = created.headers.get("location") ?? "";
    expect(location).toMatch(/\/transfers\/c[a-z0-9]{20,}$/);
    transferId = location.split("/").pop()!;
    const other = await call(1, `/transfers/${transferId}`);
    expect(other.status).toBe(200);
    expect(await other.text()).toContain("two-instances.test");

    // A source uploaded to the second instance is listed by the first.
    const upload = new FormData();
    upload.append("label", "registrar export");
    upload.append("format", "auto");
    upload.append(
      "files",
      new Blob([
        "$ORIGIN two-instances.test.\n$TTL 300\n@ IN SOA ns1 host 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A 192.0.2.53\nwww IN A 192.0.2.80\n",
      ]),
      "export.zone",
    );
    const up = await call(1, `/api/transfers/${transferId}/sources`, { method: "POST", body: upload });
    expect(up.status).toBe(201);
    const stored = ((await up.json()) as { sources: { ok: boolean; recordCount: number }[] }).sources;
    expect(stored.map((s) => [s.ok, s.recordCount])).toEqual([[true, 4]]);
    expect(await (await call(0, `/transfers/${transferId}`)).text()).toContain("registrar export");
  }, 60_000);

  it("concurrent acknowledgements of one finding from both instances land once", async () => {
    // A finished run with one warning, seeded through lib/db (no live DNS needed for this part).
    const run = await createRun({ transferId, oldServersJson: "[]", newServersJson: "[]", optionsJson: "{}" }, db);
    const finding = {
      key: "DEL-TEST@two-instances.test.",
      checkId: "DEL-TEST",
      family: "DEL",
      severity: "warning",
      subject: "two-instances.test.",
      message: "m",
      remediation: "r",
      evidenceJson: "[]",
    };
    await finishRun(
      {
        runId: run.id,
        transferId,
        findings: [finding],
        states: [],
        update: { status: "done", phase: "done", finishedAt: new Date(), verdict: "no-go", warnings: 1 },
      },
      db,
    );
    const ack = (i: 0 | 1, _n: number) =>
      call(i, `/api/transfers/${transferId}/runs/${run.id}/findings`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        // The same decision submitted 16 times (double clicks on both instances): the decider is the session's account.
        body: JSON.stringify({ action: "acknowledge", key: finding.key, reason: "known and planned" }),
      }).then((r) => r.status);
    const statuses = await Promise.all(Array.from({ length: 16 }, (_, n) => ack((n % 2) as 0 | 1, n)));
    expect(statuses).toEqual(Array(16).fill(200));
    const rows = await db.findingState.findMany({ where: { transferId, key: finding.key } });
    expect(rows).toHaveLength(1);
    expect(rows[0]).toMatchObject({ status: "acknowledged", reason: "known and planned" });
    expect(rows[0]!.byUserId).toEqual(expect.any(String));
    // One audit entry for the one decision, and the chain intact.
    const entries = await listAuditEntries(transferId, db);
    expect(
      entries.filter(
        (e) => e.event.type === "finding.acknowledged" && (e.event as { findingId: string }).findingId === finding.key,
      ),
    ).toHaveLength(1);
    expect(verifyChain(entries).valid).toBe(true);
  }, 60_000);

  it("concurrent sign-offs from both instances land once per link and revision", async () => {
    // A transfer ready to sign, seeded through lib/ into the shared database and owned by the staff member's organisation.
    const org = (await db.transfer.findUniqueOrThrow({ where: { id: transferId }, select: { organisationId: true } }))
      .organisationId;
    const id = await seedTransfer({ domain: "signoff.two-instances.test", db });
    await db.transfer.update({ where: { id }, data: { organisationId: org } });
    const t0 = new Date();
    await seedRun({ transferId: id, withBlocker: false, at: t0, db });
    await seedParties({ transferId: id, db, now: t0 });
    await acknowledgeWarning({ transferId: id, by: "Olga Owner", at: t0, db });
    const staff = await staffOfTransfer(id, db);
    await saveSchedule(
      staff,
      {
        transferId: id,
        input: {
          start: "2026-11-10T07:00:00.000Z",
          end: "2026-11-13T10:00:00.000Z",
          timeZone: "Europe/Berlin",
          holidayRegion: "DE",
          ttlLoweringAt: "2026-11-08T07:00:00.000Z",
        },
      },
      { db, now: t0 },
    );
    // Signed with the deployment's key (the shared data directory), as "Create revision" on either instance would.
    const key = loadOrCreateSigningKey({ dataDir: SHARED.CUTOVER_DATA_DIR });
    const revision = await createChecklistRevision(staff, { transferId: id }, { db, key });
    const tokens = new Map<PartyRole, string>();
    for (const role of PARTY_ROLES) {
      const l = await issueLink(staff, { transferId: id, role }, { db });
      tokens.set(role, l.token);
    }

    // Each signer's page, loaded from both instances: the same revision digest, and the form a browser would submit.
    // The client component's form carries its server action reference for progressive enhancement ($ACTION_1:0 = {id, bound}).
    const forms = new Map<string, { actionId: string; fields: Map<string, string> }>();
    for (const role of PARTY_ROLES) {
      for (const i of [0, 1] as const) {
        const res = await fetch(`${base(i)}/sign/${tokens.get(role)}`);
        expect(res.status).toBe(200);
        const html = await res.text();
        expect(/data-testid="sign-digest">([0-9a-f]{64})</.exec(html)?.[1]).toBe(revision.digest);
        const fields = hiddenInputs(html);
        const ref = [...fields.keys()].find((k) => /^\$ACTION_\d+:0$/.test(k));
        const actionId = ref === undefined ? undefined : (JSON.parse(fields.get(ref)!) as { id?: string }).id;
        expect(actionId).toMatch(/^[0-9a-f]{40,}$/);
        expect(fields.get("token")).toBe(tokens.get(role));
        expect(fields.get("revisionDigest")).toBe(revision.digest);
        forms.set(`${role}/${i}`, { actionId: actionId!, fields });
      }
    }
    expect(forms.get("domain-owner/0")!.actionId).toBe(forms.get("domain-owner/1")!.actionId);

    // Submit as React does with JavaScript on: POST to the page with the Next-Action header; the body is
    // encodeReply([prevState, formData]) — the root "0" refers to the form fields, which travel as "_1_<name>".
    const submit = async (role: PartyRole, i: 0 | 1, signerName: string) => {
      const { actionId, fields } = forms.get(`${role}/${i}`)!;
      const body = new FormData();
      body.append("_1_token", fields.get("token")!);
      body.append("_1_revisionDigest", fields.get("revisionDigest")!);
      body.append("_1_signerName", signerName);
      body.append("_1_decision", "approve");
      // The root last, as React sends it: the server resolves "$K1" from the fields streamed before it.
      body.append("0", JSON.stringify([{ ok: false, message: "" }, "$K1"]));
      const res = await fetch(`${base(i)}/sign/${tokens.get(role)}`, {
        method: "POST",
        headers: { "next-action": actionId, accept: "text/x-component", origin: base(i) },
        body,
      });
      const text = await res.text();
      // The action's return value is in the RSC payload as {"ok":…,"message":…}.
      const m = /\{"ok":(true|false),"message":"([^"]*)"\}/.exec(text);
      return {
        status: res.status,
        signerName,
        instance: i,
        ok: m?.[1] === "true",
        message: m?.[2] ?? `no action result in: ${text.slice(0, 300)}`,
      };
    };
    // Four attempts per link, two from each instance, all at once: 20 submits for 5 (link, revision) pairs.
    const attempts = PARTY_ROLES.flatMap((role) =>
      [0, 1, 2, 3].map((k) => submit(role, (k % 2) as 0 | 1, `${role} signer ${k}`)),
    );
    const results = await Promise.all(attempts);
    expect(results.map((r) => r.status)).toEqual(Array(20).fill(200));
    for (const role of PARTY_ROLES) {
      const mine = results.filter((r) => r.signerName.startsWith(`${role} `));
      expect(mine.map((r) => `${r.ok} ${r.message}`).sort()).toEqual([
        "false You have already signed this revision.",
        "false You have already signed this revision.",
        "false You have already signed this revision.",
        "true Approved. Thank you.",
      ]);
    }

    const rows = await db.signoff.findMany({ where: { transferId: id }, orderBy: { role: "asc" } });
    expect(rows.map((r) => r.role)).toEqual([...PARTY_ROLES].sort());
    expect(new Set(rows.map((r) => r.linkId)).size).toBe(5);
    expect(rows.every((r) => r.revisionDigest === revision.digest && r.decision === "approve")).toBe(true);
    const winners = new Map(results.filter((r) => r.ok).map((r) => [r.signerName.split(" ")[0]!, r.signerName]));
    expect(new Map(rows.map((r) => [r.role, r.signerName]))).toEqual(winners);

    const log = await listAuditEntries(id, db);
    expect(verifyChain(log)).toMatchObject({ valid: true, length: log.length });
    const count = (type: string) => log.filter((e) => e.event.type === type).length;
    expect([count("link.used"), count("signoff.recorded"), count("checklist.finalised")]).toEqual([5, 5, 1]);

    // Finality as read through either instance: the staff checklist page, the signed bundle and each signer's page agree.
    for (const i of [0, 1] as const) {
      const page = await (await call(i, `/transfers/${id}/checklist`)).text();
      expect(page.replace(/<!-- -->/g, "")).toContain("FINAL — revision 1 is approved by every party.");
      const bundle = await call(i, `/api/transfers/${id}/checklist/bundle`);
      expect(bundle.status).toBe(200);
      expect(verifyBundle(new Uint8Array(await bundle.arrayBuffer()), key.publicJwk)).toMatchObject({
        valid: true,
        final: true,
        signoffs: 5,
        revisionNumber: 1,
      });
      const signer = (await (await fetch(`${base(i)}/sign/${tokens.get("domain-owner")}`)).text()).replace(
        /<!-- -->/g,
        "",
      );
      expect(signer).toContain(`You (${winners.get("domain-owner")}) approved revision 1`);
    }
  }, 90_000);

  it("a run started on one instance shows progress on the other and is cancelled from it", async () => {
    const port = blackhole.address().port;
    const started = await call(0, `/api/transfers/${transferId}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        oldServers: "ns1.two-instances.test=127.0.0.1",
        allowPrivate: true,
        port,
        ratePerServer: 2,
      }),
    });
    expect(started.status).toBe(201);
    const { runId } = (await started.json()) as { runId: string };
    // Progress through the second instance's event stream.
    const events = await call(1, `/api/transfers/${transferId}/runs/${runId}/events`);
    const reader = events.body!.getReader();
    let text = "";
    await waitFor(
      "a running progress event",
      async () => {
        const { value } = await reader.read();
        text += new TextDecoder().decode(value);
        return /"status":"running".*"sent":[1-9]/.test(text);
      },
      30_000,
    );
    const cancel = await call(1, `/api/transfers/${transferId}/runs/${runId}/cancel`, { method: "POST" });
    expect(cancel.status).toBe(202);
    // The stream on the second instance ends with the status the first one wrote.
    const final = await waitFor(
      "the cancelled event",
      async () => {
        const { value, done } = await reader.read();
        text += new TextDecoder().decode(value ?? new Uint8Array());
        return text.includes('"status":"cancelled"') ? text : done ? "ended" : null;
      },
      30_000,
    );
    expect(final).toContain('"status":"cancelled"');
    await reader.cancel().catch(() => undefined);
    const row = (await getRun(runId, db))!;
    expect(row).toMatchObject({ status: "cancelled", error: "cancelled by the user" });
    expect(row.cancelRequestedAt).toBeInstanceOf(Date);
    expect(row.sent).toBeLessThan(row.planned);
    expect((await call(0, `/api/transfers/${transferId}/runs/${runId}/cancel`, { method: "POST" })).status).toBe(409);
  }, 90_000);

  it("a run whose instance is killed is marked failed by the other instance", async () => {
    const port = blackhole.address().port;
    const started = await call(0, `/api/transfers/${transferId}/runs`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({
        oldServers: "ns1.two-instances.test=127.0.0.1",
        allowPrivate: true,
        port,
        ratePerServer: 2,
      }),
    });
    const { runId } = (await started.json()) as { runId: string };
    await waitFor("the run to be running", async () => (await getRun(runId, db))?.status === "running");
    killInstance(instances[0], "SIGKILL");
    // The survivor sweeps periodically; nobody has to open the run.
    const row = await waitFor(
      "the run to be failed",
      async () => {
        const r = await getRun(runId, db);
        return r?.status === "failed" ? r : null;
      },
      30_000,
    );
    expect(row.error).toMatch(/^interrupted/);
    // And the survivor still serves the transfer.
    expect((await call(1, `/transfers/${transferId}`)).status).toBe(200);
  }, 60_000);
});
