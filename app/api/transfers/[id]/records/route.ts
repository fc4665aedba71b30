import { getRecordsTable } from "@/lib/transfer";
import type { RecordsTable } from "@/lib/transfer";

export const dynamic = "force-dynamic";

// getRecordsTable caches tables per set of sources; serialising 100k rows
// again on every request would cost more than the cache saves.
const serialised = new WeakMap<RecordsTable, string>();

/** GET the merged records of a transfer as a compact table (tuples, see lib/transfer/records-table.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const table = await getRecordsTable(id);
  if (!table) return Response.json({ errors: { transfer: "Transfer not found" } }, { status: 404 });
  let body = serialised.get(table);
  if (body === undefined) {
    body = JSON.stringify(table);
    serialised.set(table, body);
  }
  return new Response(body, { headers: { "Content-Type": "application/json", "Cache-Control": "no-store" } });
}
