import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import { listApiTokens as listRows, type ApiTokenSummary } from "../../db/api-tokens";
import { requireTokenManager } from "./require-manager";

/** The organisation's tokens, newest first, never their hashes. */
export async function listApiTokens(
  actor: Actor | null,
  _input: Record<string, never> = {},
  deps: Deps = {},
): Promise<ApiTokenSummary[]> {
  const staff = requireTokenManager(actor);
  return listRows(staff.organisationId, deps.db);
}
