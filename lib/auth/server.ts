/**
 * Staff authentication with better-auth. Chosen because it runs
 * fully offline, stores users/sessions through our own Prisma client (the
 * adapter takes the client lib/db builds, SQLite or PostgreSQL), hashes
 * passwords with scrypt (N=16384, r=16, p=1, 64-byte key), and has a generic
 * OIDC plugin; Auth.js v5 discourages credentials and has no password hashing.
 *
 * Sessions are an http-only, SameSite=Lax cookie holding a signed random
 * token whose row lives in Session. The cookie is Secure (and __Secure-
 * prefixed) when CUTOVER_BASE_URL is https; on plain http://localhost it
 * cannot be, so the embedded default works without TLS.
 * Public sign-up is off: accounts come from first-run setup or
 * `cutover admin create-user` (lib/app/accounts/staff-users.ts).
 */
import "server-only";
import { betterAuth, type BetterAuthOptions, type BetterAuthPlugin } from "better-auth";
import { prismaAdapter } from "better-auth/adapters/prisma";
import { APIError, createAuthMiddleware } from "better-auth/api";
import { genericOAuth } from "better-auth/plugins";
import { getDb, type Db } from "../db/client";
import { dialectOfDb } from "../db/client";
import { oidcConfig } from "./oidc";
import { authSecret } from "../config/auth-secret";
import { countSignInAttempt } from "./sign-in-limit";
import { readEnvironment, type Environment } from "../config/environment";

export const MIN_PASSWORD_LENGTH = 12;

export interface AuthConfigOptions {
  db?: Db;
  env?: Environment;
  /** Framework plugins (the app adds better-auth/next-js nextCookies); lib stays framework-free. */
  plugins?: BetterAuthPlugin[];
}

export function authOptions(options: AuthConfigOptions = {}) {
  const env = options.env ?? readEnvironment();
  const db = options.db ?? getDb();
  const baseURL = env.CUTOVER_BASE_URL?.trim() || undefined;
  const oidc = oidcConfig(env);
  if (!oidc.ok) throw new Error(oidc.message);
  const sso = oidc.config;
  return {
    appName: "Cutover",
    ...(baseURL ? { baseURL } : {}),
    secret: authSecret(env),
    database: prismaAdapter(db, { provider: dialectOfDb(db) === "postgres" ? "postgresql" : "sqlite" }),
    emailAndPassword: {
      enabled: true,
      disableSignUp: true,
      minPasswordLength: MIN_PASSWORD_LENGTH,
      maxPasswordLength: 256,
    },
    // Not `required`: better-auth checks required fields before the create hook below runs, so an SSO
    // sign-up would fail "organisationId is required"; the hook is the one place that sets or refuses it.
    user: { additionalFields: { organisationId: { type: "string", required: false, input: false } } },
    session: { expiresIn: 7 * 86_400, updateAge: 86_400 },
    account: { accountLinking: { enabled: true, trustedProviders: sso ? [sso.providerId] : [] } },
    // Password sign-in has its own limiter in hooks.before (every entry point, not only HTTP); the library's,
    // keyed on the client's own X-Forwarded-For claim, stays as a coarse limit for the other endpoints.
    rateLimit: { enabled: true, window: 60, max: 300, customRules: { "/sign-in/email": false } },
    hooks: {
      before: createAuthMiddleware(async (ctx) => {
        if (ctx.path !== "/sign-in/email") return;
        const body = ctx.body as { email?: unknown } | undefined;
        const d = await countSignInAttempt({ email: body?.email, headers: ctx.headers ?? ctx.request?.headers, env });
        if (!d.allowed)
          throw new APIError(
            "TOO_MANY_REQUESTS",
            { message: "Too many sign-in attempts; try again in a minute." },
            { "retry-after": String(d.retryAfterSeconds) },
          );
      }),
    },
    advanced: {
      useSecureCookies: baseURL?.startsWith("https://") ?? false,
      defaultCookieAttributes: { httpOnly: true, sameSite: "lax" as const },
      database: { generateId: () => crypto.randomUUID() },
    },
    databaseHooks: {
      user: {
        create: {
          // Only SSO sign-up reaches this without an organisation (lib/app/accounts/staff-users.ts inserts directly).
          async before(user: Record<string, unknown>) {
            if (typeof user.organisationId === "string" && user.organisationId) return { data: user };
            if (!sso?.organisationId) return false;
            return { data: { ...user, organisationId: sso.organisationId } };
          },
        },
      },
    },
    plugins: [
      ...(sso
        ? [
            genericOAuth({
              config: [
                {
                  providerId: sso.providerId,
                  discoveryUrl: sso.discoveryUrl,
                  clientId: sso.clientId,
                  clientSecret: sso.clientSecret,
                  scopes: sso.scopes,
                  pkce: sso.pkce,
                  // OIDC Core §3.1.3.7: only an ID token signed by the discovered issuer's keys, for us, with our nonce.
                  requireIdTokenVerification: true,
                  disableImplicitSignUp: sso.organisationId === null,
                },
              ],
            }),
          ]
        : []),
      ...(options.plugins ?? []),
    ],
  } satisfies BetterAuthOptions;
}

export function createAuth(options: AuthConfigOptions = {}) {
  return betterAuth(authOptions(options));
}

export type Auth = ReturnType<typeof createAuth>;

const holder = globalThis as unknown as { __cutoverAuth?: Auth };

/** The process-wide instance over getDb() (Next.js may load this module more than once). */
export function getAuth(): Auth {
  holder.__cutoverAuth ??= createAuth();
  return holder.__cutoverAuth;
}
