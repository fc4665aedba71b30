import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { listInvitesFor } from "@/lib/app/invites/guarded";
import { getTransferOverviewFor } from "@/lib/app/transfers/get-transfer-overview";
import { uploadLimits } from "@/lib/app/sources/upload-limits";
import { Card } from "@/app/_components/ui/card";
import { DomainName } from "@/app/_components/ui/domain-name";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { UploadForm } from "./_components/upload-form";
import { SourceList } from "./_components/source-list";
import { InvitePanel } from "./_components/invite-panel";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Transfer");

export default async function TransferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await pageStaff();
  const [overview, invites] = await pageCall(async () => Promise.all([getTransferOverviewFor(staff, id), listInvitesFor(staff, id)]));
  if (!overview) notFound();
  const { transfer: t, sources } = overview;
  const facts: [string, string, string][] = [
    ["Losing registrar", t.losingRegistrar, "fact-losing-registrar"],
    ["Gaining registrar", t.gainingRegistrar, "fact-gaining-registrar"],
    ["Current DNS operator", t.currentDnsOperator, "fact-current-dns"],
    ["Future DNS operator", t.futureDnsOperator, "fact-future-dns"],
    ["DNS hosting moves to the gaining side", t.dnsHostingMoves ? "Yes" : "No", "fact-dns-moves"],
  ];
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">Transfer</p>
          <h1 className="text-2xl font-semibold" data-testid="transfer-title">
            <DomainName ascii={t.domainAscii} unicode={t.domainUnicode} />
          </h1>
        </div>
        <div className="flex gap-3">
          {sources.length > 0 && (
            <Link href={`/transfers/${t.id}/records`} className={secondaryButtonClass} data-testid="view-records">
              View records
            </Link>
          )}
          <Link href={`/transfers/${t.id}/checks`} className={secondaryButtonClass} data-testid="live-checks">
            Live checks
          </Link>
          <Link href={`/transfers/${t.id}/schedule`} className={secondaryButtonClass} data-testid="view-schedule">
            Schedule
          </Link>
          <Link href={`/transfers/${t.id}/checklist`} className={secondaryButtonClass} data-testid="view-checklist">
            Checklist
          </Link>
        </div>
      </div>
      <Card title="Facts" testId="transfer-facts">
        <dl className="grid gap-x-8 gap-y-3 sm:grid-cols-2">
          {facts.map(([k, v, testId]) => (
            <div key={k}>
              <dt className="text-xs uppercase tracking-wide text-slate-500">{k}</dt>
              <dd className="text-sm font-medium" data-testid={testId}>
                {v}
              </dd>
            </div>
          ))}
        </dl>
      </Card>
      <Card title={`Sources (${sources.length})`} testId="sources">
        <SourceList transferId={t.id} sources={sources} />
      </Card>
      <Card title="Import exports" testId="import-card">
        <UploadForm transferId={t.id} limits={uploadLimits()} />
      </Card>
      <Card title="Invite the maintainer" testId="invite-card">
        <InvitePanel
          transferId={t.id}
          now={Date.now()}
          invites={invites.map((i) => ({ id: i.id, label: i.label, createdAt: i.createdAt.toISOString(), expiresAt: i.expiresAt.toISOString(), revokedAt: i.revokedAt?.toISOString() ?? null }))}
        />
      </Card>
    </div>
  );
}
