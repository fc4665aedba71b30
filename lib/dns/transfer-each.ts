/**
 * Zone transfers (RFC 5936) from every reachable server address, a few at
 * a time: the first step of a snapshot, before any per-name question.
 *
 * A transfer cut off in transit is asked once more. Servers drop a client
 * that stops reading: Knot closes the connection when a reader pauses for a
 * second or so, as a checker does while its process is busy (writing the
 * previous snapshot, a loaded machine). Without the transfer the server's
 * whole zone becomes per-name questions — thousands of them where one
 * transfer would do (run-snapshot.ts, query-plan.ts).
 */
import { axfr, type AxfrOptions, type AxfrResult } from "./axfr";
import type { QuerySession } from "./session";
import type { QueryErrorKind, ServerRef } from "./types";

/**
 * Failures in transit, not the server's answer: no answer in time, the
 * connection lost, or closed inside a message (transport.ts reports that as
 * malformed). A refusal, NOTAUTH, a TSIG failure or a cap is the answer.
 */
const IN_TRANSIT: ReadonlySet<QueryErrorKind> = new Set(["timeout", "network", "malformed"]);

export interface TransferEachRequest extends AxfrOptions {
  /** The server addresses, each asked for the zone (wire name). */
  servers: readonly ServerRef[];
  zone: Uint8Array;
  /** Transfers at once (default 4). */
  concurrency?: number;
}

/** One result per server, in the servers' order (undefined: the run stopped before its turn). */
export async function transferEach(
  session: QuerySession,
  request: TransferEachRequest,
): Promise<(AxfrResult | undefined)[]> {
  const { servers, zone, concurrency = 4, ...axfrOpts } = request;
  session.plan(servers.length);
  return mapPool(servers, concurrency, session.signal, async (s) => {
    const first = await axfr(session, { ...axfrOpts, server: s, zone });
    if (!first.error || !IN_TRANSIT.has(first.error.kind) || session.signal.aborted) return first;
    session.plan(1);
    return axfr(session, { ...axfrOpts, server: s, zone });
  });
}

async function mapPool<T, R>(
  items: readonly T[],
  width: number,
  signal: AbortSignal,
  fn: (t: T) => Promise<R>,
): Promise<(R | undefined)[]> {
  const out: (R | undefined)[] = new Array(items.length);
  let i = 0;
  const worker = async () => {
    while (i < items.length && !signal.aborted) {
      const k = i++;
      out[k] = await fn(items[k]);
    }
  };
  await Promise.all(Array.from({ length: Math.min(Math.max(1, width), items.length) }, worker));
  return out;
}
