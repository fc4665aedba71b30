import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { getTransferOverview } from "@/lib/app/transfers/get-transfer-overview";
import { DomainName } from "@/app/_components/ui/domain-name";
import { RecordsTable } from "./_components/records-table";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Records");

export default async function RecordsPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const overview = await pageCall(async () => getTransferOverview(await pageStaff(), { transferId: id }));
  if (!overview) notFound();
  const t = overview.transfer;
  return (
    <div className="space-y-4">
      <div>
        <Link
          href={`/transfers/${t.id}`}
          className="text-sm text-slate-500 hover:underline"
          data-testid="back-to-transfer"
        >
          ← <DomainName ascii={t.domainAscii} unicode={t.domainUnicode} />
        </Link>
        <h1 className="text-2xl font-semibold">Records from all sources</h1>
      </div>
      {/* Rows come from the JSON route, not the HTML: 100k records would bloat the page. */}
      <RecordsTable transferId={t.id} />
    </div>
  );
}
