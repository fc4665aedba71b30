/** POST /api/v1/transfers with an Idempotency-Key, through the route handler with a real API token. */
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/test-db";

let tdb: TestDb;
let token = "";
let POST: (r: Request, c: { params: Promise<Record<string, never>> }) => Promise<Response>;

beforeAll(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  const { getDb } = await import("@/lib/db/client");
  const { seedStaff } = await import("@/lib/app/testing/staff");
  const { createApiToken } = await import("@/lib/app/api-tokens/create");
  const staff = await seedStaff({ email: "ann@registrar-a.test", db: getDb() });
  token = (await createApiToken(staff, { name: "ticket system", scope: "write" }, { db: getDb() })).token;
  POST = (await import("./route")).POST;
}, 60_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await tdb.dispose();
});

const body = (domain: string) =>
  JSON.stringify({
    domain,
    losingRegistrar: "Old Reg",
    gainingRegistrar: "New Reg",
    currentDnsOperator: "Old DNS",
    futureDnsOperator: "New DNS",
    dnsHostingMoves: "yes",
  });

const post = (payload: string, key?: string) =>
  POST(
    new Request("http://cutover.test/api/v1/transfers", {
      method: "POST",
      headers: {
        authorization: `Bearer ${token}`,
        "content-type": "application/json",
        ...(key ? { "idempotency-key": key } : {}),
      },
      body: payload,
    }),
    { params: Promise.resolve({}) },
  );

describe("Idempotency-Key on POST /api/v1/transfers", () => {
  test("a retried POST answers with the first transfer; another body under the key is 409; no key, a new transfer", async () => {
    const first = await post(body("retry.test"), "ticket-4711");
    expect(first.status).toBe(201);
    expect(first.headers.get("idempotent-replayed")).toBeNull();
    const created = (await first.json()) as { id: string };
    const again = await post(body("retry.test"), "ticket-4711");
    expect(again.status).toBe(201);
    expect(again.headers.get("idempotent-replayed")).toBe("true");
    expect(((await again.json()) as { id: string }).id).toBe(created.id);
    const clash = await post(body("other.test"), "ticket-4711");
    expect(clash.status).toBe(409);
    expect(((await clash.json()) as { error: { code: string } }).error.code).toBe("CONFLICT");
    expect((await post(body("retry.test"))).status).toBe(201);
    const { getDb } = await import("@/lib/db/client");
    expect(await getDb().transfer.count({ where: { domainAscii: "retry.test" } })).toBe(2);
    expect((await post(body("bad.test"), "two words")).status).toBe(422);
  });
});
