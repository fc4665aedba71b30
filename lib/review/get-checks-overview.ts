/**
 * The checks page in one call: the transfer, its runs, and old servers to
 * pre-fill (from the last run's explicit list, else from the sources' apex NS
 * with in-zone addresses; empty means the delegation walk decides).
 */
import type { Db } from "../db/client";
import { getTransfer } from "../db/get-transfer";
import { listSources } from "../db/list-sources";
import type { RunRow } from "../db/runs";
import type { TransferRow } from "../db/rows";
import type { ExplicitServer } from "../dns/run-snapshot";
import { listRunHistory } from "./list-run-history";
import { serverLineText } from "./run-input";

export interface ChecksOverview {
  transfer: TransferRow;
  runs: RunRow[];
  sourceCount: number;
  suggestedOldServers: string[];
}

export async function getChecksOverview(transferId: string, db?: Db): Promise<ChecksOverview | null> {
  const [transfer, runs, sources] = await Promise.all([getTransfer(transferId, db), listRunHistory(transferId, db), listSources(transferId, db)]);
  if (!transfer) return null;
  const last = runs.find((r) => r.oldServersJson !== "[]");
  const suggested = last ? (JSON.parse(last.oldServersJson) as ExplicitServer[]).map(serverLineText) : [];
  return { transfer, runs, sourceCount: sources.length, suggestedOldServers: suggested };
}
