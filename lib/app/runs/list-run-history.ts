/** A transfer's runs, newest first (time, status, verdict, counts). */
import type { Db } from "../../db/client";
import { listRuns, type RunRow } from "../../db/runs";
import { recoverRuns } from "./recover-runs";

export async function listRunHistory(transferId: string, db?: Db): Promise<RunRow[]> {
  await recoverRuns(db);
  return listRuns(transferId, db);
}
