/**
 * Single sign-on end to end, offline: a real OpenID Connect
 * provider on 127.0.0.1 (e2e/support/oidc-provider.ts), and two Cutover
 * instances started by this spec with CUTOVER_OIDC_* pointing at it, on the
 * shared build: one where SSO sign-ups join a configured organisation, one
 * without CUTOVER_OIDC_ORGANISATION (only existing staff may use SSO).
 * Plain Playwright `test`: these browsers start signed out.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { randomBytes } from "node:crypto";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { expect, test } from "@playwright/test";
import { OIDC_CALLBACK_PATH } from "../lib/auth/oidc";
import { freePort, runSeed, startApp, type AppInstance } from "./support/app-instance";
import { startOidcProvider, type OidcUser, type TestProvider } from "./support/oidc-provider";
import { HomePage, ProviderLoginPage, SignInPage } from "./pages/sign-in-page";

const CALLBACK = OIDC_CALLBACK_PATH;
const LABEL = "Sign in with Example IdP";
const suffix = randomBytes(4).toString("hex");
const user: OidcUser = { login: "ada", email: `ada-${suffix}@idp.example`, name: "Ada Lovelace" };
const ssoDomain = `sso-${suffix}.test`;
const otherDomain = `other-${suffix}.test`;

let provider: TestProvider;
let withOrg: AppInstance;
let withoutOrg: AppInstance;
const dirs: string[] = [];

test.beforeAll(async () => {
  test.setTimeout(180_000);
  const [portA, portB] = [await freePort(), await freePort()];
  provider = await startOidcProvider({
    user,
    redirectUris: [portA, portB].map((p) => `http://127.0.0.1:${p}${CALLBACK}`),
  });
  const oidcEnv = {
    CUTOVER_OIDC_ISSUER: provider.issuer,
    CUTOVER_OIDC_CLIENT_ID: provider.clientId,
    CUTOVER_OIDC_CLIENT_SECRET: provider.clientSecret,
    CUTOVER_OIDC_NAME: LABEL,
  };

  const dirA = mkdtempSync(join(tmpdir(), "cutover-oidc-a-"));
  dirs.push(dirA);
  const seeded = runSeed<{ ssoOrganisationId: string }>("e2e/support/seed-oidc.ts", `file:${join(dirA, "app.db")}`, {
    otherEmail: `other-${suffix}@registrar.test`,
    otherDomain,
    ssoOrganisation: "SSO registrar",
    ssoDomain,
  });
  const dirB = mkdtempSync(join(tmpdir(), "cutover-oidc-b-"));
  dirs.push(dirB);
  runSeed("e2e/support/seed-oidc.ts", `file:${join(dirB, "app.db")}`, {
    otherEmail: `other-${suffix}@registrar.test`,
    otherDomain,
  });

  [withOrg, withoutOrg] = await Promise.all([
    startApp({ port: portA, dataDir: dirA, env: { ...oidcEnv, CUTOVER_OIDC_ORGANISATION: seeded.ssoOrganisationId } }),
    startApp({ port: portB, dataDir: dirB, env: oidcEnv }),
  ]);
});

test.afterAll(async () => {
  await Promise.all([withOrg?.stop(), withoutOrg?.stop()]);
  await provider?.close();
  for (const dir of dirs) rmSync(dir, { recursive: true, force: true });
});

test("single sign-on signs a new user into the configured organisation, which sees its own transfers only", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto(withOrg.baseURL);
  await signIn.startSso(LABEL);

  const idp = new ProviderLoginPage(page);
  await idp.signIn(provider.issuer, user.login, "correct horse battery staple");
  await idp.consent();

  await page.waitForURL(`${withOrg.baseURL}/`);
  const home = new HomePage(page);
  await expect(home.signedInAs()).toHaveText(user.email);
  await expect(home.transfers()).toHaveCount(1);
  await expect(home.transfers()).toContainText(ssoDomain);
  await expect(page.getByText(otherDomain)).toHaveCount(0);

  // The session is an http-only cookie set by Cutover for its own host.
  const session = (await page.context().cookies(withOrg.baseURL)).find((c) => c.name === "better-auth.session_token");
  expect(session?.httpOnly).toBe(true);
  expect(session?.sameSite).toBe("Lax");

  // A second sign-in through the provider finds the same account (no duplicate user, same organisation).
  await page.getByTestId("sign-out").click();
  await page.waitForURL(`${withOrg.baseURL}/sign-in`);
  await signIn.startSso(LABEL);
  await page.waitForURL(`${withOrg.baseURL}/`);
  await expect(home.signedInAs()).toHaveText(user.email);
  await expect(home.transfers()).toHaveCount(1);
  await expect(home.transfers()).toContainText(ssoDomain);
});

test("without CUTOVER_OIDC_ORGANISATION an e-mail Cutover does not know is refused with a clear message", async ({
  page,
}) => {
  const signIn = new SignInPage(page);
  await signIn.goto(withoutOrg.baseURL);
  await signIn.startSso(LABEL);

  const idp = new ProviderLoginPage(page);
  await idp.signIn(provider.issuer, user.login, "correct horse battery staple");
  await idp.consent();

  await page.waitForURL((u) => u.origin === withoutOrg.baseURL && u.pathname === "/sign-in");
  await expect(signIn.error()).toHaveText(
    `Single sign-on worked, but there is no Cutover account for that e-mail address. Ask an administrator to create one.`,
  );
  // A client asking for sign-up itself (better-auth's requestSignUp) is refused the same way: no organisation, no account.
  const url = await page.evaluate(async () => {
    const res = await fetch("/api/auth/sign-in/social", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ provider: "oidc", callbackURL: "/", errorCallbackURL: "/sign-in", requestSignUp: true }),
    });
    return ((await res.json()) as { url: string }).url;
  });
  expect(url.startsWith(`${provider.issuer}/auth?`)).toBe(true);
  await page.goto(url);
  await page.waitForURL((u) => u.origin === withoutOrg.baseURL && u.pathname === "/sign-in");
  expect(new URL(page.url()).searchParams.get("error")).toBe("unable_to_create_user");
  await expect(signIn.error()).toHaveText(
    `Single sign-on worked, but there is no Cutover account for that e-mail address. Ask an administrator to create one.`,
  );

  // Still signed out: the home page sends us back to sign in.
  await page.goto(`${withoutOrg.baseURL}/`);
  await expect(page).toHaveURL(`${withoutOrg.baseURL}/sign-in`);
  expect((await page.context().cookies(withoutOrg.baseURL)).some((c) => c.name === "better-auth.session_token")).toBe(
    false,
  );
});
