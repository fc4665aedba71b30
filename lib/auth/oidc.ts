/**
 * Optional single sign-on for registrars (issue 6 §1): one OpenID Connect
 * provider configured by environment variables, through better-auth's
 * generic OAuth plugin (discovery, PKCE, state cookie).
 *
 *   CUTOVER_OIDC_ISSUER        issuer URL (discovery at /.well-known/openid-configuration)
 *   CUTOVER_OIDC_CLIENT_ID     client id registered at the provider
 *   CUTOVER_OIDC_CLIENT_SECRET client secret
 *   CUTOVER_OIDC_ORGANISATION  organisation id new SSO users join; unset = only
 *                              existing staff (same e-mail) may sign in via SSO
 *   CUTOVER_OIDC_NAME          button label (default "Single sign-on")
 */
export const OIDC_PROVIDER_ID = "oidc";

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

export function oidcConfig(env: Record<string, string | undefined> = process.env): OidcConfigResult {
  const issuer = env.CUTOVER_OIDC_ISSUER?.trim();
  if (!issuer) return { ok: true, config: null };
  const clientId = env.CUTOVER_OIDC_CLIENT_ID?.trim();
  const clientSecret = env.CUTOVER_OIDC_CLIENT_SECRET?.trim();
  if (!clientId || !clientSecret) return { ok: false, message: "CUTOVER_OIDC_ISSUER is set: CUTOVER_OIDC_CLIENT_ID and CUTOVER_OIDC_CLIENT_SECRET are required too" };
  let url: URL;
  try {
    url = new URL(issuer);
  } catch {
    return { ok: false, message: `CUTOVER_OIDC_ISSUER is not a URL: ${issuer}` };
  }
  // OpenID Connect Discovery 1.0 §4: the issuer must be https (loopback allowed for a local test provider).
  if (url.protocol !== "https:" && !["localhost", "127.0.0.1", "[::1]"].includes(url.hostname)) return { ok: false, message: "CUTOVER_OIDC_ISSUER must be an https URL" };
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
