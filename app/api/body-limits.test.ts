/**
 * Request bodies are bounded while they stream, after authentication, on every
 * route handler that reads one. The probe's requests: a chunked
 * body with no Content-Length and no session, and a large chunked multipart
 * upload with only an invite header. Each body here is a counted stream, so
 * the tests assert how much the server pulled, not how long it took.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/test-db";
import { chunkedRequest, endlessBody } from "@/lib/http/testing/endless-body";

const APP = join(process.cwd(), "app");
const ORIGIN = "http://cutover.test";
const MiB = 1024 * 1024;
/** Big enough that reading it whole shows in the count; finite so code that reads everything still ends. */
const PROBE_BYTES = 8 * MiB;

let tdb: TestDb;
const ctx = {} as { own: string; other: string; transfer: string; run: string; invite: string };

type Handler = (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>;

async function post(
  file: string,
  url: string,
  params: Record<string, string>,
  headers: Record<string, string>,
  totalBytes = PROBE_BYTES,
) {
  const mod = (await import(/* @vite-ignore */ join(APP, file))) as Record<string, Handler>;
  const body = endlessBody(64 * 1024, totalBytes);
  const req = chunkedRequest(`${ORIGIN}${url}`, body.stream, { host: "cutover.test", origin: ORIGIN, ...headers });
  const res = await mod.POST(req, { params: Promise.resolve(params) });
  return {
    status: res.status,
    json: (await res.json().catch(() => null)) as Record<string, unknown> | null,
    pulled: body.pulled(),
    cancelled: body.cancelled(),
  };
}

beforeAll(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.env.CUTOVER_AUTH_SECRET = "body-limit-test-secret-0123456789abcdef0123456789";
  process.env.CUTOVER_BASE_URL = ORIGIN;
  process.env.CUTOVER_MAX_UPLOAD_MB = "1";
  process.env.CUTOVER_MAX_UPLOAD_TOTAL_MB = "2";
  const { getDb } = await import("@/lib/db/client");
  const db = getDb();
  const { createStaffUser } = await import("@/lib/app/accounts/staff-users");
  const { getAuth } = await import("@/lib/auth/server");
  const { seedTransfer, seedRun } = await import("@/lib/app/testing/seed");
  const { issueInvite } = await import("@/lib/app/invites/issue-invite");
  const a = await createStaffUser(
    { email: "ann@registrar-a.test", password: "correct horse battery A", organisation: "Registrar A" },
    { db },
  );
  const b = await createStaffUser(
    { email: "bob@registrar-b.test", password: "correct horse battery B", organisation: "Registrar B" },
    { db },
  );
  const cookie = async (email: string, password: string) =>
    (await getAuth().api.signInEmail({ body: { email, password }, asResponse: true })).headers
      .get("set-cookie")!
      .split(";")[0]!;
  ctx.own = await cookie(a.email, "correct horse battery A");
  ctx.other = await cookie(b.email, "correct horse battery B");
  ctx.transfer = await seedTransfer({ domain: "project.test", db });
  ctx.run = await seedRun({ transferId: ctx.transfer, withBlocker: true, at: new Date(), db });
  const staffA = {
    kind: "staff" as const,
    userId: a.id,
    name: a.name,
    email: a.email,
    organisationId: a.organisationId,
  };
  ctx.invite = (await issueInvite(staffA, { transferId: ctx.transfer, label: "owner" }, { db })).token;
}, 60_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await tdb.dispose();
});

const json = { "content-type": "application/json" };
const JSON_ROUTES = () =>
  [
    ["api/transfers/[id]/runs/route.ts", `/api/transfers/${ctx.transfer}/runs`, { id: ctx.transfer }],
    ["api/transfers/[id]/runs/discover/route.ts", `/api/transfers/${ctx.transfer}/runs/discover`, { id: ctx.transfer }],
    [
      "api/transfers/[id]/runs/[runId]/findings/route.ts",
      `/api/transfers/${ctx.transfer}/runs/${ctx.run}/findings`,
      { id: ctx.transfer, runId: ctx.run },
    ],
  ] as const;

describe("JSON routes", () => {
  test("a chunked body without a session is refused with 401 before a byte is read", async () => {
    for (const [file, url, params] of JSON_ROUTES()) {
      const r = await post(file, url, params, json);
      expect(r.status, file).toBe(401);
      expect(r.pulled, file).toBe(0);
    }
  });

  test("another organisation's session and a maintainer invite are refused before reading too", async () => {
    for (const [file, url, params] of JSON_ROUTES()) {
      expect(await post(file, url, params, { ...json, cookie: ctx.other }), file).toMatchObject({
        status: 404,
        pulled: 0,
      });
      expect(await post(file, url, params, { ...json, "x-cutover-invite": ctx.invite }), file).toMatchObject({
        status: 403,
        pulled: 0,
      });
    }
  });

  test("with a session, an endless chunked body answers 413 and the server stops pulling at the limit", async () => {
    for (const [file, url, params] of JSON_ROUTES()) {
      const r = await post(file, url, params, { ...json, cookie: ctx.own }, Infinity);
      expect(r.status, file).toBe(413);
      expect(r.pulled, file).toBeLessThanOrEqual(256 * 1024 + 64 * 1024);
      expect(r.cancelled, file).toBe(true);
    }
  });
});

describe("upload route", () => {
  const file = "api/transfers/[id]/sources/route.ts";
  const url = () => `/api/transfers/${ctx.transfer}/sources`;
  const multipart = { "content-type": "multipart/form-data; boundary=x" };

  test("no session, no invite: 401 and nothing read", async () => {
    expect(await post(file, url(), { id: ctx.transfer }, multipart)).toMatchObject({ status: 401, pulled: 0 });
  });

  test("an endless chunked multipart body with only an invite header: 413 once past the upload limit, no further bytes pulled", async () => {
    const r = await post(file, url(), { id: ctx.transfer }, { ...multipart, "x-cutover-invite": ctx.invite }, Infinity);
    expect(r.status).toBe(413);
    expect(r.json).toMatchObject({ errors: { files: expect.stringContaining("Upload too large") } });
    // 2 MiB per upload + 1 MiB multipart slack, plus at most the chunk that crossed it.
    expect(r.pulled).toBeLessThanOrEqual(3 * MiB + 64 * 1024);
    expect(r.cancelled).toBe(true);
  });
});

describe("better-auth routes (public by design)", () => {
  test("an endless chunked sign-in body answers 413 after 64 KiB", async () => {
    const r = await post("api/auth/[...all]/route.ts", "/api/auth/sign-in/email", {}, json, Infinity);
    expect(r.status).toBe(413);
    expect(r.pulled).toBeLessThanOrEqual(128 * 1024);
  });

  test("a normal sign-in still works through the bounded reader", async () => {
    const mod = (await import(/* @vite-ignore */ join(APP, "api/auth/[...all]/route.ts"))) as Record<
      string,
      (r: Request) => Promise<Response>
    >;
    const res = await mod.POST(
      new Request(`${ORIGIN}/api/auth/sign-in/email`, {
        method: "POST",
        headers: { ...json, origin: ORIGIN, host: "cutover.test" },
        body: JSON.stringify({ email: "ann@registrar-a.test", password: "correct horse battery A" }),
      }),
    );
    expect(res.status).toBe(200);
    expect(res.headers.get("set-cookie")).toMatch(/better-auth\.session_token=/);
  });
});

describe("every route handler", () => {
  test("reads its body only through lib/http/read-body (never request.text/json/formData/arrayBuffer/body)", async () => {
    const { readdirSync, readFileSync, statSync } = await import("node:fs");
    const walk = (dir: string): string[] =>
      readdirSync(dir).flatMap((e) =>
        statSync(join(dir, e)).isDirectory() ? walk(join(dir, e)) : e === "route.ts" ? [join(dir, e)] : [],
      );
    const routes = walk(APP);
    expect(routes.length).toBeGreaterThan(5);
    for (const f of routes)
      expect(readFileSync(f, "utf8"), f).not.toMatch(/request\.(text|json|formData|arrayBuffer|blob|body)\b/);
  });
});
