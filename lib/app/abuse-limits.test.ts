import { afterAll, beforeAll, describe, expect, test } from "vitest";
import type { StaffActor } from "../auth/actor";
import { sameOriginProblem } from "../auth/csrf";
import { oidcConfig } from "../auth/oidc";
import { createStaffUser } from "./accounts/staff-users";
import { createTestDb, type TestDb } from "../db/test-db";
import { createTransfer } from "./transfers/create-transfer";
import { importSources } from "./sources/import-sources";
import { startRun } from "./runs/start-run";

let t: TestDb;
let staff: StaffActor;
let transferId: string;
const enc = new TextEncoder();

beforeAll(async () => {
  t = await createTestDb();
  const u = await createStaffUser(
    { email: "lim@example.net", password: "long enough password", organisation: "Limits" },
    { db: t.db },
  );
  staff = { kind: "staff", userId: u.id, name: u.name, email: u.email, organisationId: u.organisationId };
  const r = await createTransfer(
    staff,
    {
      domain: "limits.test",
      losingRegistrar: "a",
      gainingRegistrar: "b",
      currentDnsOperator: "c",
      futureDnsOperator: "d",
      dnsHostingMoves: "yes",
    },
    { db: t.db },
  );
  transferId = r.id;
});
afterAll(() => t.dispose());

describe("limits", () => {
  test("a source over the per-import record limit is refused with a clear error and nothing is stored", async () => {
    const zone =
      "$ORIGIN limits.test.\n" + Array.from({ length: 6 }, (_, i) => `h${i} 300 IN A 192.0.2.${i + 1}\n`).join("");
    const r = await importSources(
      staff,
      {
        transferId,
        sources: [{ label: "big", format: "bind", files: [{ name: "big.zone", bytes: enc.encode(zone) }] }],
      },
      { db: t.db, env: { CUTOVER_MAX_RECORDS_PER_IMPORT: "5" } },
    );
    expect(r.results).toEqual([
      {
        ok: false,
        label: "big",
        files: ["big.zone"],
        error: "big: more than 5 records; the limit per import is 5. Nothing was stored.",
        tooLarge: true,
      },
    ]);
    expect(await t.db.source.count({ where: { transferId } })).toBe(0);
    expect(await t.db.sourceRecord.count()).toBe(0);
  });

  test("live checks stop at the organisation's hourly query budget, and no run is stored", async () => {
    await t.db.run.create({
      data: {
        transferId,
        status: "done",
        oldServersJson: "[]",
        newServersJson: "[]",
        optionsJson: "{}",
        sent: 120,
        planned: 120,
      },
    });
    await expect(
      startRun(staff, { transferId, input: {} }, { db: t.db, env: { CUTOVER_ORG_QUERIES_PER_HOUR: "100" } }),
    ).rejects.toMatchObject({ code: "RATE_LIMITED", status: 429 });
    expect(await t.db.run.count({ where: { transferId } })).toBe(1);
  });
});

describe("CSRF check for route handlers", () => {
  const h = (o: Record<string, string>) => new Headers({ host: "cutover.example", ...o });
  test("same origin and safe methods pass; another site, or cookies without Origin, do not", () => {
    expect(sameOriginProblem("POST", h({ origin: "https://cutover.example" }), {})).toBeNull();
    expect(sameOriginProblem("GET", h({ origin: "https://evil.example" }), {})).toBeNull();
    expect(sameOriginProblem("POST", h({ origin: "https://evil.example" }), {})).toBe(
      "Origin https://evil.example is not this site",
    );
    expect(sameOriginProblem("POST", h({ cookie: "a=b" }), {})).toBe(
      "a state-changing request with cookies must carry an Origin header",
    );
    expect(
      sameOriginProblem("POST", h({ "sec-fetch-site": "cross-site", origin: "https://cutover.example" }), {}),
    ).toBe("cross-site request refused");
    expect(sameOriginProblem("POST", h({}), {})).toBeNull();
  });
});

describe("OIDC configuration from the environment", () => {
  test("off by default; complete config; incomplete or insecure config is an error", () => {
    expect(oidcConfig({})).toEqual({ ok: true, config: null });
    expect(
      oidcConfig({
        CUTOVER_OIDC_ISSUER: "https://sso.registrar.example/realms/staff/",
        CUTOVER_OIDC_CLIENT_ID: "cutover",
        CUTOVER_OIDC_CLIENT_SECRET: "s",
      }),
    ).toEqual({
      ok: true,
      config: {
        providerId: "oidc",
        label: "Single sign-on",
        discoveryUrl: "https://sso.registrar.example/realms/staff/.well-known/openid-configuration",
        clientId: "cutover",
        clientSecret: "s",
        scopes: ["openid", "email", "profile"],
        pkce: true,
        organisationId: null,
      },
    });
    expect(oidcConfig({ CUTOVER_OIDC_ISSUER: "https://sso.example" })).toMatchObject({ ok: false });
    expect(
      oidcConfig({
        CUTOVER_OIDC_ISSUER: "http://sso.example",
        CUTOVER_OIDC_CLIENT_ID: "c",
        CUTOVER_OIDC_CLIENT_SECRET: "s",
      }),
    ).toEqual({ ok: false, message: "CUTOVER_OIDC_ISSUER must be an https URL" });
  });
});
