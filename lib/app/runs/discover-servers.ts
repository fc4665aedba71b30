/**
 * "Discover": walk the delegation from the root hints (lib/dns) and return
 * the zone's servers as name=address lines to pre-fill the old servers.
 */
import { walkDelegation } from "../../dns/delegation";
import { BUILTIN_ROOT_HINTS, parseRootHints } from "../../dns/root-hints";
import { QuerySession } from "../../dns/session";
import { z } from "zod";
import { serverSpecText } from "../../dns/server-spec";
import { RequestedScopeSchema } from "../../net/private-scope";

export const DiscoverInputSchema = z.strictObject({
  zone: z.string().min(1).max(253),
  /** Narrows the operator's CUTOVER_ALLOW_PRIVATE; discoverServersFor (lib/app/runs/guarded.ts) refuses more. */
  allowPrivate: RequestedScopeSchema.default(false),
  port: z.coerce.number().int().min(1).max(65535).default(53),
  rootHints: z.string().max(64_000).default(""),
});

export type DiscoverResult = { ok: true; servers: string[]; problem: string | null } | { ok: false; message: string };

export async function discoverServers(input: z.output<typeof DiscoverInputSchema>, signal?: AbortSignal): Promise<DiscoverResult> {
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
