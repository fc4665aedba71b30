/**
 * The checks page in one call: the transfer, its runs, and old servers to
 * pre-fill (from the last run's explicit list, else from the sources' apex NS
 * with in-zone addresses; empty means the delegation walk decides), the
 * operator's last RDAP/HTTP settings, and the strict status of the latest
 * finished run (what `cutover check --strict` would answer).
 */
import type { Db } from "../../db/client";
import { getTransfer } from "../../db/get-transfer";
import { listSources } from "../../db/list-sources";
import type { RunRow } from "../../db/runs";
import type { TransferRow } from "../../db/rows";
import type { ExplicitServer } from "../../dns/run-snapshot";
import { listRunHistory } from "../runs/list-run-history";
import type { RunOptions } from "../runs/run-input";
import { strictStatus, type StrictStatus } from "../runs/strict-status";
import { serverSpecText } from "../../dns/server-spec";
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";

export interface ChecksOverview {
  transfer: TransferRow;
  runs: RunRow[];
  sourceCount: number;
  suggestedOldServers: string[];
  /** The last run's pipeline extras, to start the next run the same way. */
  lastRdapBaseUrl: string;
  lastHttp: boolean;
  /** The last run's servers and operator options (the form remembers them). */
  last: {
    newServers: string[];
    port: number;
    rootHints: string;
    allowPrivate: boolean;
    ratePerServer: string;
    deadlineSeconds: string;
    maxQueries: string;
  };
  strict: StrictStatus | null;
}

async function loadChecksOverview(transferId: string, db?: Db): Promise<ChecksOverview | null> {
  const [transfer, runs, sources] = await Promise.all([
    getTransfer(transferId, db),
    listRunHistory(transferId, db),
    listSources(transferId, db),
  ]);
  if (!transfer) return null;
  const lastExplicit = runs.find((r) => r.oldServersJson !== "[]");
  const suggested = lastExplicit
    ? (JSON.parse(lastExplicit.oldServersJson) as ExplicitServer[]).map(serverSpecText)
    : [];
  const options = runs[0] ? (JSON.parse(runs[0].optionsJson) as Partial<RunOptions>) : {};
  const done = runs.find((r) => r.status === "done");
  const strict = done ? await strictStatus(transferId, done.id, db) : null;
  const newServers = runs[0] ? (JSON.parse(runs[0].newServersJson) as ExplicitServer[]).map(serverSpecText) : [];
  const last = {
    newServers,
    port: options.port ?? 53,
    rootHints: options.rootHints ?? "",
    allowPrivate: !!options.allowPrivate && options.allowPrivate !== "none",
    ratePerServer: options.ratePerServer ? String(options.ratePerServer) : "",
    deadlineSeconds: options.deadlineSeconds ? String(options.deadlineSeconds) : "",
    maxQueries: options.maxQueries ? String(options.maxQueries) : "",
  };
  return {
    transfer,
    runs,
    sourceCount: sources.length,
    suggestedOldServers: suggested,
    lastRdapBaseUrl: options.rdapBaseUrl ?? "",
    lastHttp: options.http ?? false,
    last,
    strict,
  };
}

export async function getChecksOverview(
  actor: Actor | null,
  input: { transferId: string },
  deps: Deps = {},
): Promise<ChecksOverview> {
  await requireStaff(actor, input.transferId, deps.db);
  const o = await loadChecksOverview(input.transferId, deps.db);
  if (!o) throw new AppError("NOT_FOUND", "no such transfer");
  return o;
}
