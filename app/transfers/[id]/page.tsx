import { getCockpit } from "@/lib/app/transfers/get-cockpit";
import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { listInvites } from "@/lib/app/invites/list-invites";
import { uploadLimits } from "@/lib/config/upload-limits";
import { Card } from "@/app/_components/ui/card";
import { DomainName } from "@/app/_components/ui/domain-name";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { UploadForm } from "./_components/upload-form";
import { SourceList } from "./_components/source-list";
import { InvitePanel } from "./_components/invite-panel";
import { StepperView } from "./_components/stepper";
import { FactsForm } from "./_components/facts-form";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Transfer");

export default async function TransferPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await pageStaff();
  const [cockpit, invites] = await pageCall(async () =>
    Promise.all([getCockpit(staff, { transferId: id }), listInvites(staff, { transferId: id })]),
  );
  if (!cockpit) notFound();
  const { transfer: t, sources, removed, stepper } = cockpit;
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
        <div className="flex flex-wrap gap-2">
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
      <StepperView stepper={stepper} />
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
        <details className="mt-4" data-testid="edit-facts">
          <summary className="inline-flex min-h-6 cursor-pointer items-center text-sm font-medium underline">
            Edit facts
          </summary>
          <div className="mt-3">
            <FactsForm
              transferId={t.id}
              facts={{
                losingRegistrar: t.losingRegistrar,
                gainingRegistrar: t.gainingRegistrar,
                currentDnsOperator: t.currentDnsOperator,
                futureDnsOperator: t.futureDnsOperator,
                dnsHostingMoves: t.dnsHostingMoves,
              }}
            />
          </div>
        </details>
      </Card>
      <div id="sources" className="scroll-mt-4">
        <Card title={`Sources (${sources.length})`} testId="sources">
          <SourceList transferId={t.id} sources={sources} canRemove />
          {removed.length > 0 && (
            <div className="mt-4 border-t border-slate-200 pt-3" data-testid="removed-sources">
              <h3 className="text-sm font-semibold">Removed sources ({removed.length})</h3>
              <ul className="mt-1 space-y-1 text-sm">
                {removed.map((r) => (
                  <li key={r.sourceId} data-testid="removed-source">
                    <Link href={`/transfers/${t.id}/sources/${r.sourceId}`} className="underline">
                      {r.label}
                    </Link>{" "}
                    <span className="text-slate-700">
                      — removed by {r.removedBy} on {r.removedAt.toISOString().slice(0, 16).replace("T", " ")} UTC
                      {r.replacedById
                        ? `, replaced by ${sources.find((s) => s.id === r.replacedById)?.label ?? "a newer import"}`
                        : ""}
                      : {r.reason}
                    </span>
                  </li>
                ))}
              </ul>
            </div>
          )}
        </Card>
      </div>
      <div id="import-card" className="scroll-mt-4">
        <Card title="Import exports" testId="import-card">
          <UploadForm transferId={t.id} limits={uploadLimits()} />
        </Card>
      </div>
      <Card title="Invite the maintainer" testId="invite-card">
        <InvitePanel
          transferId={t.id}
          now={Date.now()}
          invites={invites.map((i) => ({
            id: i.id,
            label: i.label,
            createdAt: i.createdAt.toISOString(),
            expiresAt: i.expiresAt.toISOString(),
            revokedAt: i.revokedAt?.toISOString() ?? null,
          }))}
        />
      </Card>
    </div>
  );
}
