/**
 * Optional single sign-on for registrars: one OpenID Connect
 * provider configured by environment variables, through better-auth's
 * generic OAuth plugin: discovery, PKCE (S256), state bound to a signed
 * cookie, nonce bound to the ID token, the ID token verified against the
 * provider's JWKS and issuer, and the RFC 9207 `iss` response parameter checked.
 * The flow starts at better-auth's `/sign-in/social` and returns to
 * OIDC_CALLBACK_PATH (the redirect URI registered at the provider).
 *
 *   CUTOVER_OIDC_ISSUER        issuer URL (discovery at /.well-known/openid-configuration)
 *   CUTOVER_OIDC_CLIENT_ID     client id registered at the provider
 *   CUTOVER_OIDC_CLIENT_SECRET client secret
 *   CUTOVER_OIDC_ORGANISATION  organisation id new SSO users join; unset = only
 *                              existing staff (same e-mail) may sign in via SSO
 *   CUTOVER_OIDC_NAME          button label (default "Single sign-on")
 */
import { readEnvironment, type Environment } from "../config/environment";
export const OIDC_PROVIDER_ID = "oidc";
/** better-auth's callback route for the provider (core `callback/:id`, under the app's /api/auth mount). */
export const OIDC_CALLBACK_PATH = `/api/auth/callback/${OIDC_PROVIDER_ID}`;

export interface OidcConfig {
  providerId: typeof OIDC_PROVIDER_ID;
  label: string;
  discoveryUrl: string;
  clientId: string;
  clientSecret: string;
  scopes: string[];
  pkce: true;
  /** Where new users land; null = no sign-up through SSO. */
  organisationId: string | null;
}

export type OidcConfigResult = { ok: true; config: OidcConfig | null } | { ok: false; message: string };

export function oidcConfig(env: Environment = readEnvironment()): OidcConfigResult {
  const issuer = env.CUTOVER_OIDC_ISSUER?.trim();
  if (!issuer) return { ok: true, config: null };
  const clientId = env.CUTOVER_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.CUTOVER_OIDC_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret)
    return {
      ok: false,
      message: "CUTOVER_OIDC_ISSUER is set: CUTOVER_OIDC_CLIENT_ID and CUTOVER_OIDC_CLIENT_SECRET are required too",
    };
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { ok: false, message: `CUTOVER_OIDC_ISSUER is not a URL: ${issuer}` };
  }
  // OpenID Connect Discovery 1.0 §4: the issuer must be https (loopback allowed for a local test provider).
  if (url.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname))
    return { ok: false, message: "CUTOVER_OIDC_ISSUER must be an https URL" };
  const base = url.href.replace(/\/$/, "");
  return {
    ok: true,
    config: {
      providerId: OIDC_PROVIDER_ID,
      label: env.CUTOVER_OIDC_NAME?.trim() || "Single sign-on",
      discoveryUrl: `${base}/.well-known/openid-configuration`,
      clientId,
      clientSecret,
      scopes: ["openid", "email", "profile"],
      pkce: true,
      organisationId: env.CUTOVER_OIDC_ORGANISATION?.trim() || null,
    },
  };
}

/**
 * The sign-in page's message for the `?error=` code better-auth puts on the
 * error redirect of a failed SSO round trip (its OAUTH_CALLBACK_ERROR_CODES
 * and link-account errors); null when there is no error.
 */
export function ssoErrorMessage(code: string | null | undefined): string | null {
  if (!code) return null;
  switch (code) {
    // No account for that e-mail and sign-up through SSO is off (no CUTOVER_OIDC_ORGANISATION),
    // or the user hook refused it (lib/auth/server.ts).
    case "signup_disabled":
    case "unable_to_create_user":
      return "Single sign-on worked, but there is no Cutover account for that e-mail address. Ask an administrator to create one.";
    case "email_not_verified":
    case "email_not_found":
      return "Your identity provider did not confirm an e-mail address, so Cutover cannot match you to an account.";
    case "account_not_linked":
    case "unable_to_link_account":
    case "email_does_not_match":
    case "account_already_linked_to_different_user":
      return "That single sign-on identity cannot be linked to the Cutover account for its e-mail address.";
    case "access_denied":
      return "Single sign-on was cancelled at your identity provider.";
    default:
      // state/PKCE/nonce/issuer/ID-token failures and provider errors: nothing the user can fix but retrying.
      return "Single sign-on failed; try again, and ask an administrator if it keeps failing.";
  }
}
