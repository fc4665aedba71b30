/**
 * Crash recovery: a run that is queued/running in the database but not
 * executing in this process was interrupted by a stop or crash; mark it
 * failed once per process, before the first run is listed or started.
 */
import type { Db } from "../db/client";
import { failInterruptedRuns } from "../db/runs";
import { registry } from "./registry";

export function recoverRuns(db?: Db): Promise<void> {
  const r = registry();
  r.recovered ??= failInterruptedRuns([...r.controllers.keys()], db).then(
    () => undefined,
    () => {
      r.recovered = null; // retry on the next call
    },
  );
  return r.recovered;
}
