/**
 * Which non-public destinations Cutover may connect to. It is
 * an operator setting, CUTOVER_ALLOW_PRIVATE (the person running the server
 * decides, not any staff member ticking a box):
 *   none      (default) public addresses only
 *   loopback  also 127.0.0.0/8 and ::1 (the DNS lab, end-to-end tests)
 *   private   also RFC 1918, unique-local, link-local, CGNAT and reserved ranges
 * A run or discovery request can only narrow it: `allowPrivate: true` asks
 * for the operator's scope, `false` for none, a scope name for at most that;
 * anything wider than the operator allows is refused, never clamped silently.
 * The CLI keeps its explicit `--allow-private` (there the operator is the one
 * running it).
 */
import { z } from "zod";
import type { PrivateScope } from "../dns/address-policy";
import { readEnvironment, type Environment } from "../config/environment";

export const PRIVATE_SCOPES = ["none", "loopback", "private"] as const satisfies readonly PrivateScope[];
export type { PrivateScope };

export const privateScopeSchema = z.enum(PRIVATE_SCOPES);

/** What a request may ask for: true = the operator's scope, false = none, or a scope name. */
export const requestedScopeSchema = z.union([z.boolean(), privateScopeSchema]);
export type RequestedScope = z.infer<typeof requestedScopeSchema>;

const RANK: Record<PrivateScope, number> = { none: 0, loopback: 1, private: 2 };

/** CUTOVER_ALLOW_PRIVATE; unset or unreadable → none (fail closed). */
export function operatorPrivateScope(env: Environment = readEnvironment()): PrivateScope {
  const p = privateScopeSchema.safeParse(env.CUTOVER_ALLOW_PRIVATE?.trim().toLowerCase());
  return p.success ? p.data : "none";
}

export function describeScope(scope: PrivateScope): string {
  return scope === "none"
    ? "public addresses only"
    : scope === "loopback"
      ? "public and loopback addresses"
      : "public, loopback and private addresses";
}

export type EffectiveScope = { ok: true; scope: PrivateScope } | { ok: false; message: string };

/** The scope a request gets: at most the operator's; a request for more is refused with the reason. */
export function effectivePrivateScope(requested: RequestedScope | undefined, operator: PrivateScope): EffectiveScope {
  if (requested === undefined || requested === false || requested === "none") return { ok: true, scope: "none" };
  const wanted: PrivateScope = requested === true ? "private" : requested;
  if (requested === true && operator !== "none") return { ok: true, scope: operator };
  if (RANK[wanted] <= RANK[operator]) return { ok: true, scope: wanted };
  return {
    ok: false,
    message: `private destinations are not allowed on this server: the operator allows ${describeScope(operator)} (CUTOVER_ALLOW_PRIVATE=${operator})`,
  };
}

/** For runs stored before the operator setting (a boolean) or under a wider setting: never more than the operator allows now. */
export function clampPrivateScope(stored: RequestedScope | undefined, operator: PrivateScope): PrivateScope {
  const wanted: PrivateScope = stored === true ? "private" : stored === false || stored === undefined ? "none" : stored;
  return RANK[wanted] <= RANK[operator] ? wanted : operator;
}
