import { route } from "@/app/_lib/auth";
import { getRecordsTable } from "@/lib/app/sources/get-records-table";
import type { RecordsTable } from "@/lib/app/sources/records-table";

export const dynamic = "force-dynamic";

// getRecordsTable caches tables per set of sources; serialising 100k rows
// again on every request would cost more than the cache saves.
const serialised = new WeakMap<RecordsTable, string>();

/** GET the merged records of a transfer as a compact table (tuples, see lib/app/sources/records-table.ts). Staff only. */
export const GET = route<{ id: string }>(async ({ actor, params }) => {
  const table = await getRecordsTable(actor, { transferId: params.id });
  let body = serialised.get(table);
  if (body === undefined) {
    body = JSON.stringify(table);
    serialised.set(table, body);
  }
  return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
});
