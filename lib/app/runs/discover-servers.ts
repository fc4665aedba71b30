/**
 * "Discover": walk the delegation from the root hints (lib/dns) and return
 * the zone's servers as name=address lines to pre-fill the old servers.
 */
import { walkDelegation } from "../../dns/delegation";
import { BUILTIN_ROOT_HINTS, parseRootHints } from "../../dns/root-hints";
import { QuerySession } from "../../dns/session";
import { z } from "zod";
import { serverSpecText } from "../../dns/server-spec";
import { effectivePrivateScope, operatorPrivateScope, requestedScopeSchema as RequestedScopeSchema } from "../../net/private-scope";
import type { Actor } from "../../auth/actor";
import type { Db } from "../../db/client";
import { requireStaff } from "../../auth/require";
import { AppError } from "../../errors/app-error";

export const DiscoverInputSchema = z.strictObject({
  zone: z.string().min(1).max(253),
  /** Narrows the operator's CUTOVER_ALLOW_PRIVATE; discoverServersFor below refuses more. */
  allowPrivate: RequestedScopeSchema.default(false),
  port: z.coerce.number().int().min(1).max(65535).default(53),
  rootHints: z.string().max(64_000).default(""),
});

export type DiscoverResult = { ok: true; servers: string[]; problem: string | null } | { ok: false; message: string };

async function discover(input: z.output<typeof DiscoverInputSchema>, signal?: AbortSignal): Promise<DiscoverResult> {
  const hints = input.rootHints.trim() ? parseRootHints(input.rootHints) : { ok: true as const, servers: BUILTIN_ROOT_HINTS };
  if (!hints.ok) return { ok: false, message: `root hints line ${hints.line}: ${hints.message}` };
  const session = new QuerySession({ allowPrivate: input.allowPrivate, port: input.port, deadlineMs: 20_000, signal });
  try {
    const zone = input.zone.endsWith(".") ? input.zone : input.zone + ".";
    const d = await walkDelegation({ session, hints: hints.servers }, zone.toLowerCase());
    // Port: only written when not the run's default, so the lines stay short.
    const servers = d.servers.flatMap((s) => s.addresses.map((address) => serverSpecText({ name: s.name, address })));
    return { ok: true, servers, problem: d.problem };
  } finally {
    session.close();
  }
}

/** Discovery sends live queries too, so it is a staff action on one of the organisation's transfers. */
export async function discoverServersFor(actor: Actor | null, options: { transferId: string; input: unknown; signal?: AbortSignal; db?: Db; env?: Record<string, string | undefined> }): Promise<DiscoverResult> {
  await requireStaff(actor, options.transferId, options.db);
  const p = DiscoverInputSchema.safeParse(options.input);
  if (!p.success) throw new AppError("INVALID", "invalid discovery input", { issues: p.error.issues });
  const scope = effectivePrivateScope(p.data.allowPrivate, operatorPrivateScope(options.env));
  if (!scope.ok) return { ok: false, message: scope.message };
  return discover({ ...p.data, allowPrivate: scope.scope }, options.signal);
}
