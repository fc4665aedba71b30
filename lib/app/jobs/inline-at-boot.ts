/** At server start on PostgreSQL: work the queue in this process (CUTOVER_WORKER=inline, the default). */
import { dialectOf } from "../../db/dialect";
import { databaseUrl } from "../../db/url";
import { ensureInlineWorker } from "./run-worker";
import { readEnvironment, type Environment } from "../../config/environment";

export async function startInlineWorkerAtBoot(env: Environment = readEnvironment()): Promise<void> {
  const url = databaseUrl();
  if (dialectOf(url) !== "postgres") return;
  await ensureInlineWorker(url, undefined, env);
}
