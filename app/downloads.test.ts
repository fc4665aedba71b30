/**
 * Downloads carry contacts and decisions: the bundle, the
 * findings CSV and the calendar answer `Cache-Control: private, no-store`,
 * called through the real route handlers with a staff session.
 */
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/test-db";

const APP = join(process.cwd(), "app");
const ORIGIN = "http://cutover.test";
let tdb: TestDb;
let cookie = "";
let transferId = "";

async function get(file: string, url: string): Promise<Response> {
  const mod = (await import(/* @vite-ignore */ join(APP, file))) as Record<
    string,
    (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>
  >;
  return mod.GET(new Request(`${ORIGIN}${url}`, { headers: { host: "cutover.test", cookie } }), {
    params: Promise.resolve({ id: transferId }),
  });
}

beforeAll(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.env.CUTOVER_AUTH_SECRET = "downloads-test-secret-0123456789abcdef0123456789";
  process.env.CUTOVER_BASE_URL = ORIGIN;
  const { getDb } = await import("@/lib/db/client");
  const db = getDb();
  const { createStaffUser } = await import("@/lib/app/accounts/staff-users");
  const { getAuth } = await import("@/lib/auth/server");
  const { seedTransfer, seedRun, seedParties } = await import("@/lib/app/testing/seed");
  const { saveSchedule } = await import("@/lib/app/schedule/save-schedule");
  const { createChecklistRevision } = await import("@/lib/app/checklist/create-checklist-revision");
  const a = await createStaffUser(
    { email: "ann@registrar-a.test", password: "correct horse battery A", organisation: "Registrar A" },
    { db },
  );
  const r = await getAuth().api.signInEmail({
    body: { email: a.email, password: "correct horse battery A" },
    asResponse: true,
  });
  cookie = r.headers.get("set-cookie")!.split(";")[0]!;
  transferId = await seedTransfer({ domain: "project.test", db });
  await seedRun({ transferId, withBlocker: true, at: new Date(), db });
  await seedParties({ transferId, db });
  const { SEED_STAFF } = await import("@/lib/app/testing/staff");
  await saveSchedule(
    SEED_STAFF,
    {
      transferId,
      input: {
        start: "2026-11-10T07:00:00.000Z",
        end: "2026-11-13T10:00:00.000Z",
        timeZone: "Europe/Berlin",
        holidayRegion: "DE",
        ttlLoweringAt: "2026-11-08T07:00:00.000Z",
      },
    },
    { db },
  );
  expect((await createChecklistRevision(SEED_STAFF, { transferId }, { db })).revision.revisionNumber).toBe(1);
}, 60_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await tdb.dispose();
});

describe("downloads are never cached", () => {
  test.each([
    ["bundle", "api/transfers/[id]/checklist/bundle/route.ts", "/checklist/bundle", "application/json"],
    ["findings CSV", "api/transfers/[id]/checklist/findings.csv/route.ts", "/checklist/findings.csv", "text/csv"],
    ["calendar", "transfers/[id]/schedule/calendar.ics/route.ts", "/schedule/calendar.ics", "text/calendar"],
  ])("%s: 200, an attachment, Cache-Control private, no-store", async (_name, file, path, type) => {
    const res = await get(file, `${file.startsWith("api/") ? "/api" : ""}/transfers/${transferId}${path}`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toContain(type);
    expect(res.headers.get("content-disposition")).toMatch(/^attachment; filename="/);
    expect(res.headers.get("cache-control")).toBe("private, no-store");
  });
});
