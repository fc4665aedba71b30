/**
 * A real OpenID Connect provider on 127.0.0.1 for the SSO spec:
 * panva's `oidc-provider` (certified OP implementation) with one confidential
 * client and one user, in memory. Its development login/consent screens
 * stand in for the registrar's IdP; the login must be the user's, the
 * password is not checked by those screens (the spec is about the relying
 * party: discovery, PKCE, state, nonce, issuer, ID token verification).
 */
import type { AddressInfo } from "node:net";
import { createServer, type Server } from "node:http";
import Provider from "oidc-provider";

export interface OidcUser {
  login: string;
  email: string;
  name: string;
}

export interface TestProvider {
  issuer: string;
  clientId: string;
  clientSecret: string;
  close(): Promise<void>;
}

export async function startOidcProvider(options: {
  redirectUris: string[];
  user: OidcUser;
  clientId?: string;
  clientSecret?: string;
}): Promise<TestProvider> {
  const server: Server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  const issuer = `http://127.0.0.1:${port}`;
  const clientId = options.clientId ?? "cutover-e2e";
  const clientSecret = options.clientSecret ?? "cutover-e2e-secret-0123456789abcdef";
  const { user } = options;
  const provider = new Provider(issuer, {
    clients: [
      {
        client_id: clientId,
        client_secret: clientSecret,
        redirect_uris: options.redirectUris,
        grant_types: ["authorization_code"],
        response_types: ["code"],
      },
    ],
    claims: { openid: ["sub"], email: ["email", "email_verified"], profile: ["name"] },
    // RFC 7636: refuse any authorisation request without an S256 code challenge.
    pkce: { required: () => true },
    // Only the one user exists; an unknown login fails at the provider.
    async findAccount(_ctx, sub) {
      if (sub !== user.login) return undefined;
      return {
        accountId: sub,
        claims: async () => ({ sub, email: user.email, email_verified: true, name: user.name }),
      };
    },
  });
  server.on("request", provider.callback());
  return {
    issuer,
    clientId,
    clientSecret,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
