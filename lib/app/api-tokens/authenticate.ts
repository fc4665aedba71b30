/**
 * `Authorization: Bearer <token>` (RFC 6750 §2.1) → the actor an API call runs as: staff of the token's
 * organisation, acting as the token's creator as recorded, with the token's scope. A wrong, revoked or
 * malformed token is the same null (the call then answers 401).
 */
import type { StaffActor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import { findApiTokenByHash, touchApiToken } from "../../db/api-tokens";
import { lookupHash, sameHash } from "../../security/capability-tokens";

/**
 * `cutover_` + 256 random bits (lib/security/capability-tokens.ts): the prefix lets secret scanners and people
 * recognise a leaked token.
 */
export const API_TOKEN_PREFIX = "cutover_";

export type ApiScope = "read" | "write";

/** lastUsedAt is kept to the minute: enough to see a token in use, without a write per call. */
const LAST_USED_RESOLUTION_MS = 60_000;

export function bearerToken(headers: Headers): string | null {
  const h = headers.get("authorization");
  const m = h ? /^Bearer[ \t]+([A-Za-z0-9._~+/-]+=*)[ \t]*$/i.exec(h) : null;
  return m ? m[1]! : null;
}

export async function authenticateApiToken(
  token: string | null,
  options: { db?: Db; now?: Date } = {},
): Promise<StaffActor | null> {
  if (!token) return null;
  const hash = lookupHash(token, API_TOKEN_PREFIX);
  if (!hash) return null;
  const row = await findApiTokenByHash(hash, options.db);
  if (!row || !sameHash(row.tokenHash, hash) || row.revokedAt !== null) return null;
  await touchApiToken(row.id, options.now ?? new Date(), LAST_USED_RESOLUTION_MS, options.db);
  return {
    kind: "staff",
    userId: row.createdByUserId,
    // Decisions made through the API carry this name: the creator, and which token they used.
    name: `${row.createdByName} (API token “${row.name}”)`,
    email: row.createdByEmail,
    organisationId: row.organisationId,
    apiToken: { id: row.id, name: row.name, scope: row.scope },
  };
}

/** A read token may only read; write covers read. Staff signed in without a token are not API callers. */
export function requireApiScope(actor: StaffActor | null, needed: ApiScope): StaffActor {
  if (!actor?.apiToken) throw new AppError("UNAUTHENTICATED", "send Authorization: Bearer <API token>");
  if (needed === "write" && actor.apiToken.scope !== "write")
    throw new AppError("FORBIDDEN", "this token has read scope; the call needs a write token");
  return actor;
}
