import { NextResponse } from "next/server";
import { getRecordsTable } from "@/lib/transfer";

export const dynamic = "force-dynamic";

/** GET the merged records of a transfer as a compact table (tuples, see lib/transfer/records-table.ts). */
export async function GET(_request: Request, { params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const table = await getRecordsTable(id);
  if (!table) return NextResponse.json({ errors: { transfer: "Transfer not found" } }, { status: 404 });
  return NextResponse.json(table, { headers: { "Cache-Control": "no-store" } });
}
