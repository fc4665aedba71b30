/**
 * Playwright `test` with a signed-in staff member: one account
 * per worker, seeded through lib/ against the server's database, so specs
 * stay parallel-safe. Every page starts signed in; `signIn(context)` signs
 * in extra browser contexts.
 */
import { spawnSync } from "node:child_process";
import { randomBytes } from "node:crypto";
import { join } from "node:path";
import { test as base, expect, type BrowserContext } from "@playwright/test";

export interface Staff {
  email: string;
  password: string;
}

function seedStaff(staff: Staff): void {
  const dbUrl = `file:${join(process.env.CUTOVER_E2E_DATA_DIR!, "e2e.db")}`;
  const r = spawnSync(
    process.execPath,
    [
      "--import",
      "tsx",
      "--import",
      "./lib/node/server-only.mjs",
      "e2e/support/seed-staff.ts",
      staff.email,
      staff.password,
    ],
    { env: { ...process.env, DATABASE_URL: dbUrl }, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`seeding staff failed: ${r.stderr}`);
}

/** Signs a browser context in through better-auth's endpoint; the session cookie lands in the context. */
export async function signIn(context: BrowserContext, staff: Staff, baseURL: string): Promise<void> {
  const res = await context.request.post(`${baseURL}/api/auth/sign-in/email`, {
    data: { email: staff.email, password: staff.password },
    headers: { origin: baseURL },
  });
  expect(res.status(), await res.text()).toBe(200);
}

export const test = base.extend<{ signedIn: void }, { staff: Staff }>({
  staff: [
    async ({}, use, workerInfo) => {
      const staff = {
        email: `staff-${workerInfo.workerIndex}-${randomBytes(4).toString("hex")}@e2e.test`,
        password: `pw-${randomBytes(12).toString("hex")}`,
      };
      seedStaff(staff);
      await use(staff);
    },
    { scope: "worker" },
  ],
  signedIn: [
    async ({ context, staff, baseURL }, use) => {
      await signIn(context, staff, baseURL!);
      await use();
    },
    { auto: true },
  ],
});

export { expect };
