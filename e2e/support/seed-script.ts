/**
 * What every seed script of the e2e suite does around its own work (run with tsx by the specs): run it against the
 * e2e database, print its result as one JSON line for the spec to parse, close the database; on failure print the
 * error and exit 1, so the spec fails with it.
 */
import { getDb } from "../../lib/db/client";
import { listAuditEntries } from "../../lib/db/audit-entries";

export function runSeed(main: () => Promise<unknown>): void {
  main()
    .then(async (out) => {
      process.stdout.write(JSON.stringify(out) + "\n");
      await getDb().$disconnect();
    })
    .catch((e) => {
      console.error(e);
      process.exit(1);
    });
}

/** A transfer's audit events (type, finding, actor), for specs to count entries. */
export async function auditEvents(transferId: string): Promise<{ events: unknown[] }> {
  return { events: (await listAuditEntries(transferId)).map((e) => e.event) };
}
