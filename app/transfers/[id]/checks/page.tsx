import type { Metadata } from "next";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/ui/card";
import { DomainName } from "@/app/_components/ui/domain-name";
import { getChecksOverview } from "@/lib/review/get-checks-overview";
import { RunHistory } from "./_components/run-history";
import { StartRunForm } from "./_components/start-run-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Live checks" };

export default async function ChecksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const o = await getChecksOverview(id);
  if (!o) notFound();
  const t = o.transfer;
  return (
    <div className="space-y-6">
      <div>
        <Link href={`/transfers/${t.id}`} className="text-sm text-slate-500 underline">
          ← Transfer
        </Link>
        <h1 className="text-2xl font-semibold" data-testid="checks-title">
          Live checks: <DomainName ascii={t.domainAscii} unicode={t.domainUnicode} />
        </h1>
      </div>
      <Card title="Start a live check" testId="start-card">
        {o.sourceCount === 0 && <p className="mb-3 text-sm text-amber-800">No source imported yet: the check then compares live servers only.</p>}
        <StartRunForm transferId={t.id} zone={t.domainAscii} initialOld={o.suggestedOldServers.join("\n")} />
      </Card>
      <Card title={`Runs (${o.runs.length})`} testId="runs-card">
        <RunHistory transferId={t.id} runs={o.runs} />
      </Card>
    </div>
  );
}
