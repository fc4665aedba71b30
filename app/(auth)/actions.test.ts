/**
 * The sign-in form's server action shares the sign-in limiter:
 * the probe sent 40 wrong passwords through it in 21 s without a 429, and
 * varied X-Forwarded-For did not help either once no proxy is trusted (§7).
 */
import { afterAll, beforeAll, beforeEach, describe, expect, test, vi } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/test-db";

const request = { headers: new Headers() };
vi.mock("next/headers", () => ({
  headers: async () => request.headers,
  cookies: async () => ({
    get: () => undefined,
    getAll: () => [],
    set: () => undefined,
    delete: () => undefined,
    has: () => false,
  }),
}));
vi.mock("next/navigation", () => ({
  redirect: (to: string) => {
    throw new Error(`redirect ${to}`);
  },
}));

const ORIGIN = "http://cutover.test";
let tdb: TestDb;

beforeAll(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.env.CUTOVER_AUTH_SECRET = "signin-test-secret-0123456789abcdef0123456789";
  process.env.CUTOVER_BASE_URL = ORIGIN;
  const { getDb } = await import("@/lib/db/client");
  const { createStaffUser } = await import("@/lib/app/accounts/staff-users");
  await createStaffUser(
    { email: "ann@registrar-a.test", password: "correct horse battery A", organisation: "Registrar A" },
    { db: getDb() },
  );
}, 60_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await tdb.dispose();
});

beforeEach(() => {
  delete (globalThis as { __cutoverSignInLimiter?: unknown }).__cutoverSignInLimiter;
  delete process.env.CUTOVER_TRUSTED_PROXY_HOPS;
});

async function guess(email: string, xff: string): Promise<string | null> {
  const { signInAction } = await import("./actions");
  request.headers = new Headers({ host: "cutover.test", origin: ORIGIN, "x-forwarded-for": xff });
  const form = new FormData();
  form.set("email", email);
  form.set("password", "wrong password guess");
  return (await signInAction({ error: null, email: "" }, form)).error;
}

describe("sign-in server action", () => {
  test("40 wrong passwords, each with a fresh spoofed X-Forwarded-For, end in 'too many attempts' after the limit", async () => {
    const answers: (string | null)[] = [];
    for (let i = 0; i < 40; i++) answers.push(await guess("ann@registrar-a.test", `198.51.100.${i + 1}`));
    expect(answers.slice(0, 30).every((a) => a === "Wrong e-mail address or password.")).toBe(true);
    expect(answers.slice(30)).toEqual(Array(10).fill("Too many attempts; try again in a minute."));
  }, 120_000);

  test("behind a trusted proxy, varying the client address does not reset the account's bucket", async () => {
    process.env.CUTOVER_TRUSTED_PROXY_HOPS = "1";
    const answers: (string | null)[] = [];
    for (let i = 0; i < 32; i++) answers.push(await guess("ANN@registrar-a.test", `203.0.113.${i + 1}`));
    expect(answers.slice(30)).toEqual(Array(2).fill("Too many attempts; try again in a minute."));
  }, 120_000);

  test("one client guessing many accounts hits the per-client bucket", async () => {
    process.env.CUTOVER_TRUSTED_PROXY_HOPS = "1";
    const answers: (string | null)[] = [];
    for (let i = 0; i < 32; i++) answers.push(await guess(`nobody${i}@registrar-a.test`, "203.0.113.7"));
    expect(answers.slice(30)).toEqual(Array(2).fill("Too many attempts; try again in a minute."));
  }, 120_000);
});
