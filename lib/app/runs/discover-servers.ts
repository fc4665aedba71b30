/**
 * "Discover": walk the delegation from the root hints (lib/dns) and return
 * the zone's servers as name=address lines to pre-fill the old servers.
 */
import { walkDelegation } from "../../dns/delegation";
import { BUILTIN_ROOT_HINTS, parseRootHints } from "../../dns/root-hints";
import { QuerySession } from "../../dns/session";
import { z } from "zod";
import { serverSpecText } from "../../dns/server-spec";
import {
  effectivePrivateScope,
  operatorPrivateScope,
  requestedScopeSchema as RequestedScopeSchema,
} from "../../net/private-scope";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { invalidInput, parseInput, type Deps } from "../use-case";

export const DiscoverInputSchema = z.strictObject({
  zone: z.string().min(1).max(253),
  /** Narrows the operator's CUTOVER_ALLOW_PRIVATE; discoverServers below refuses more. */
  allowPrivate: RequestedScopeSchema.default(false),
  port: z.coerce.number().int().min(1).max(65535).default(53),
  rootHints: z.string().max(64_000).default(""),
});

export interface DiscoverResult {
  servers: string[];
  /** Why the walk stopped short, when it did (lame delegation, no answer): the servers found so far are listed. */
  problem: string | null;
}

async function discover(input: z.output<typeof DiscoverInputSchema>, signal?: AbortSignal): Promise<DiscoverResult> {
  const hints = input.rootHints.trim()
    ? parseRootHints(input.rootHints)
    : { ok: true as const, servers: BUILTIN_ROOT_HINTS };
  if (!hints.ok)
    throw invalidInput([{ path: "rootHints", message: `root hints line ${hints.line}: ${hints.message}` }]);
  const session = new QuerySession({ allowPrivate: input.allowPrivate, port: input.port, deadlineMs: 20_000, signal });
  try {
    const zone = input.zone.endsWith(".") ? input.zone : input.zone + ".";
    const d = await walkDelegation({ session, hints: hints.servers }, zone.toLowerCase());
    // Port: only written when not the run's default, so the lines stay short.
    const servers = d.servers.flatMap((s) => s.addresses.map((address) => serverSpecText({ name: s.name, address })));
    return { servers, problem: d.problem };
  } finally {
    session.close();
  }
}

/** Discovery sends live queries too, so it is a staff action on one of the organisation's transfers. */
export async function discoverServers(
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps: Deps & { signal?: AbortSignal } = {},
): Promise<DiscoverResult> {
  await requireStaff(actor, input.transferId, deps.db);
  const p = parseInput(DiscoverInputSchema, input.input, "invalid discovery input");
  const scope = effectivePrivateScope(p.allowPrivate, operatorPrivateScope(deps.env));
  if (!scope.ok) throw invalidInput([{ path: "allowPrivate", message: scope.message }]);
  return discover({ ...p, allowPrivate: scope.scope }, deps.signal);
}
