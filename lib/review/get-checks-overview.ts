/**
 * The checks page in one call: the transfer, its runs, and old servers to
 * pre-fill (from the last run's explicit list, else from the sources' apex NS
 * with in-zone addresses; empty means the delegation walk decides), the
 * operator's last RDAP/HTTP settings, and the strict status of the latest
 * finished run (what `cutover check --strict` would answer).
 */
import type { Db } from "../db/client";
import { getTransfer } from "../db/get-transfer";
import { listSources } from "../db/list-sources";
import type { RunRow } from "../db/runs";
import type { TransferRow } from "../db/rows";
import type { ExplicitServer } from "../dns/run-snapshot";
import { listRunHistory } from "./list-run-history";
import type { RunOptions } from "./run-input";
import { strictStatus, type StrictStatus } from "./strict-status";
import { serverSpecText } from "../dns/server-spec";

export interface ChecksOverview {
  transfer: TransferRow;
  runs: RunRow[];
  sourceCount: number;
  suggestedOldServers: string[];
  /** The last run's pipeline extras, to start the next run the same way. */
  lastRdapBaseUrl: string;
  lastHttp: boolean;
  strict: StrictStatus | null;
}

export async function getChecksOverview(transferId: string, db?: Db): Promise<ChecksOverview | null> {
  const [transfer, runs, sources] = await Promise.all([getTransfer(transferId, db), listRunHistory(transferId, db), listSources(transferId, db)]);
  if (!transfer) return null;
  const last = runs.find((r) => r.oldServersJson !== "[]");
  const suggested = last ? (JSON.parse(last.oldServersJson) as ExplicitServer[]).map(serverSpecText) : [];
  const options = runs[0] ? (JSON.parse(runs[0].optionsJson) as Partial<RunOptions>) : {};
  const done = runs.find((r) => r.status === "done");
  const strict = done ? await strictStatus(transferId, done.id, db) : null;
  return { transfer, runs, sourceCount: sources.length, suggestedOldServers: suggested, lastRdapBaseUrl: options.rdapBaseUrl ?? "", lastHttp: options.http ?? false, strict };
}
