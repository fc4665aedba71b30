import { parseAdditionalUserInputFromProviderProfile } from "better-auth/db";
import { afterEach, describe, expect, test } from "vitest";
import { createTestDb, type TestDb } from "../db/test-db";
import { OIDC_CALLBACK_PATH, ssoErrorMessage } from "./oidc";
import { authOptions, createAuth } from "./server";
import { DEFAULT_ORGANISATION_ID } from "../db/staff";

const SSO_ENV = {
  CUTOVER_OIDC_ISSUER: "https://sso.registrar.example",
  CUTOVER_OIDC_CLIENT_ID: "cutover",
  CUTOVER_OIDC_CLIENT_SECRET: "s",
  CUTOVER_AUTH_SECRET: "x".repeat(32),
};

// How better-auth's OAuth callback provisions a user (the same create path the e2e spec drives).
const SSO_SOURCE = { method: "oauth", oauth: { providerId: "oidc", profile: {} } } as const;

let t: TestDb | null = null;
afterEach(async () => {
  await t?.dispose();
  t = null;
});

describe("SSO error messages on the sign-in page", () => {
  test("an unknown e-mail without sign-up through SSO gets a message that says what to do", () => {
    const unknown =
      "Single sign-on worked, but there is no Cutover account for that e-mail address. Ask an administrator to create one.";
    expect(ssoErrorMessage("signup_disabled")).toBe(unknown);
    expect(ssoErrorMessage("unable_to_create_user")).toBe(unknown);
  });

  test("protocol failures (state, PKCE, nonce, issuer) share one retry message; no error, no message", () => {
    for (const code of [
      "state_mismatch",
      "invalid_code",
      "issuer_mismatch",
      "nonce_binding_missing",
      "unable_to_get_user_info",
    ]) {
      expect(ssoErrorMessage(code)).toBe(
        "Single sign-on failed; try again, and ask an administrator if it keeps failing.",
      );
    }
    expect(ssoErrorMessage("access_denied")).toBe("Single sign-on was cancelled at your identity provider.");
    expect(ssoErrorMessage(null)).toBeNull();
    expect(ssoErrorMessage("")).toBeNull();
  });

  test("the redirect URI to register is better-auth's core callback route for the provider", () => {
    expect(OIDC_CALLBACK_PATH).toBe("/api/auth/callback/oidc");
  });
});

describe("better-auth options with SSO configured", () => {
  test("PKCE and verified ID tokens are required; sign-up through SSO is off without an organisation", async () => {
    t = await createTestDb("sqlite");
    const o = authOptions({ db: t.db, env: SSO_ENV });
    const plugin = o.plugins.find((p) => p.id === "generic-oauth") as unknown as {
      options: { config: Record<string, unknown>[] };
    };
    expect(plugin.options.config[0]).toMatchObject({
      providerId: "oidc",
      discoveryUrl: "https://sso.registrar.example/.well-known/openid-configuration",
      pkce: true,
      requireIdTokenVerification: true,
      disableImplicitSignUp: true,
    });
    // Even a client asking for sign-up (requestSignUp) cannot create a user without an organisation.
    expect(await o.databaseHooks.user.create.before({ email: "new@idp.example" })).toBe(false);
  });

  test("with CUTOVER_OIDC_ORGANISATION new SSO users join that organisation, and an explicit organisation is kept", async () => {
    t = await createTestDb("sqlite");
    const o = authOptions({ db: t.db, env: { ...SSO_ENV, CUTOVER_OIDC_ORGANISATION: "org-sso" } });
    const plugin = o.plugins.find((p) => p.id === "generic-oauth") as unknown as {
      options: { config: Record<string, unknown>[] };
    };
    expect(plugin.options.config[0]).toMatchObject({ disableImplicitSignUp: false });
    expect(await o.databaseHooks.user.create.before({ email: "new@idp.example" })).toEqual({
      data: { email: "new@idp.example", organisationId: "org-sso" },
    });
    expect(await o.databaseHooks.user.create.before({ email: "a@b.example", organisationId: "org-a" })).toEqual({
      data: { email: "a@b.example", organisationId: "org-a" },
    });
  });

  test("better-auth creates an SSO user (no organisation in the profile) in the configured organisation", async () => {
    t = await createTestDb("sqlite");
    const env = { ...SSO_ENV, CUTOVER_OIDC_ORGANISATION: DEFAULT_ORGANISATION_ID };
    // Regression (found by e2e/oidc.spec.ts): the OAuth callback first parses the provider profile's extra
    // fields for "create"; with organisationId `required` that threw "organisationId is required" before the hook ran.
    expect(
      parseAdditionalUserInputFromProviderProfile(
        authOptions({ db: t.db, env }),
        { sub: "ada", email_verified: true },
        "create",
      ),
    ).toEqual({});
    const auth = createAuth({ db: t.db, env });
    const ctx = await auth.$context;
    const user = await ctx.internalAdapter.createUser(
      { email: "sso@idp.example", name: "Sso User", emailVerified: true },
      SSO_SOURCE,
    );
    expect(user).toMatchObject({ email: "sso@idp.example", organisationId: DEFAULT_ORGANISATION_ID });
    expect(
      await t.db.user.findUniqueOrThrow({ where: { email: "sso@idp.example" }, select: { organisationId: true } }),
    ).toEqual({ organisationId: DEFAULT_ORGANISATION_ID });
  });

  test("without an organisation better-auth refuses to create the SSO user, and nothing is stored", async () => {
    t = await createTestDb("sqlite");
    const auth = createAuth({ db: t.db, env: SSO_ENV });
    const ctx = await auth.$context;
    await expect(
      ctx.internalAdapter.createUser({ email: "sso@idp.example", name: "Sso User", emailVerified: true }, SSO_SOURCE),
    ).resolves.toBeNull();
    expect(await t.db.user.count()).toBe(0);
  });
});
