import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { listApiTokens as listRows, type ApiTokenSummary } from "../../db/api-tokens";
import { requireTokenManager } from "./require-manager";

/** The organisation's tokens, newest first, never their hashes. */
export async function listApiTokens(actor: Actor | null, options: { db?: Db } = {}): Promise<ApiTokenSummary[]> {
  const staff = requireTokenManager(actor);
  return listRows(staff.organisationId, options.db);
}
