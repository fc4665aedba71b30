import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/ui/card";
import { DomainName } from "@/app/_components/ui/domain-name";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { getChecksOverview } from "@/lib/app/findings/get-checks-overview";
import { RunHistory } from "./_components/run-history";
import { operatorPrivateScope } from "@/lib/net/private-scope";
import { StartRunForm } from "./_components/start-run-form";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Live checks");

export default async function ChecksPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const o = await pageCall(async () => getChecksOverview(await pageStaff(), { transferId: id }));
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
      {o.strict && (
        <p className="text-sm" data-testid="strict-status" data-finalisable={o.strict.finalisable}>
          <Link href={`/transfers/${t.id}/checks/${o.strict.runId}`} className="underline">
            Latest finished check
          </Link>
          {o.strict.finalisable
            ? ": finalisable — GO and every warning acknowledged (a pipeline's --strict passes)."
            : `: not finalisable — ${o.strict.openBlockers} open blocker(s), ${o.strict.pendingAcknowledgements} warning(s) to acknowledge (a pipeline's --strict fails).`}
        </p>
      )}
      <Card title="Start a live check" testId="start-card">
        {o.sourceCount === 0 && (
          <p className="mb-3 text-sm text-amber-800">
            No source imported yet: the check then compares live servers only.
          </p>
        )}
        <StartRunForm
          transferId={t.id}
          zone={t.domainAscii}
          initialOld={o.suggestedOldServers.join("\n")}
          initialRdap={o.lastRdapBaseUrl}
          initialHttp={o.lastHttp}
          last={o.last}
          privateScope={operatorPrivateScope()}
        />
      </Card>
      <Card title={`Runs (${o.runs.length})`} testId="runs-card">
        <RunHistory transferId={t.id} runs={o.runs} />
      </Card>
    </div>
  );
}
