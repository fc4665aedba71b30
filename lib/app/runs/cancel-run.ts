/** Cancel a run executing in this process: aborts its queries promptly (lib/dns sessions listen to the signal). */
import { registry } from "./registry";

export function cancelRun(runId: string): boolean {
  const c = registry().controllers.get(runId);
  if (!c) return false;
  c.abort();
  return true;
}
