import type { Metadata } from "next";
import Link from "next/link";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { Card } from "@/app/_components/ui/card";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { getPortfolio } from "@/lib/app/portfolios/get";
import { STAGE_LABELS, STAGES } from "@/lib/app/portfolios/summary";
import { operatorPrivateScope } from "@/lib/net/private-scope";
import { DropExports } from "./_components/drop-exports";
import { FactsForm } from "./_components/facts-form";
import { MemberTable } from "./_components/member-table";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Portfolio" };

export default async function PortfolioPage({
  params,
  searchParams,
}: {
  params: Promise<{ id: string }>;
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const { id } = await params;
  const sp = await searchParams;
  const staff = await pageStaff();
  const view = await pageCall(() =>
    getPortfolio(staff, { portfolioId: id, filters: { stage: sp.stage, verdict: sp.verdict } }),
  );
  const p = view.portfolio;
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href="/portfolios" className="underline">
              Portfolios
            </Link>
          </p>
          <h1 className="text-2xl font-semibold" data-testid="portfolio-title">
            {p.name}
          </h1>
          <p className="text-sm text-slate-600" data-testid="portfolio-counts">
            {view.all.length} domain(s): {view.counts.go} GO, {view.counts.noGo} NO-GO, {view.counts.unchecked} not
            checked
            {view.counts.checking > 0 ? `, ${view.counts.checking} checking` : ""}
          </p>
        </div>
        <div className="flex gap-3">
          <a href={`/portfolios/${p.id}/summary.csv`} className={secondaryButtonClass} data-testid="download-csv">
            Summary CSV
          </a>
          <a href={`/portfolios/${p.id}/summary.json`} className={secondaryButtonClass} data-testid="download-json">
            Summary JSON
          </a>
        </div>
      </div>
      <Card title="Domains" testId="members-card">
        <form method="get" className="mb-4 flex flex-wrap items-end gap-3 text-sm" data-testid="member-filters">
          <label>
            Stage
            <select
              name="stage"
              defaultValue={view.filters.stage ?? ""}
              className={inputClass}
              data-testid="filter-stage"
            >
              <option value="">any</option>
              {STAGES.map((s) => (
                <option key={s} value={s}>
                  {STAGE_LABELS[s]}
                </option>
              ))}
            </select>
          </label>
          <label>
            Verdict
            <select
              name="verdict"
              defaultValue={view.filters.verdict ?? ""}
              className={inputClass}
              data-testid="filter-verdict"
            >
              <option value="">any</option>
              <option value="go">GO</option>
              <option value="no-go">NO-GO</option>
              <option value="none">not checked</option>
            </select>
          </label>
          <button type="submit" className={buttonClass} data-testid="apply-filters">
            Filter
          </button>
        </form>
        <MemberTable
          portfolioId={p.id}
          members={view.members}
          checking={view.counts.checking > 0}
          privateScope={operatorPrivateScope()}
        />
      </Card>
      <Card title="Drop exports" testId="drop-card">
        <DropExports
          portfolioId={p.id}
          members={view.all.map((m) => ({ transferId: m.transferId, domain: m.domain }))}
        />
      </Card>
      <Card title="Shared facts" testId="facts-card">
        <FactsForm
          portfolioId={p.id}
          values={{
            losingRegistrar: p.losingRegistrar ?? "",
            gainingRegistrar: p.gainingRegistrar ?? "",
            currentDnsOperator: p.currentDnsOperator ?? "",
            futureDnsOperator: p.futureDnsOperator ?? "",
            dnsHostingMoves: p.dnsHostingMoves === null ? "" : p.dnsHostingMoves ? "yes" : "no",
            newNameServers: p.newNameServers,
          }}
        />
      </Card>
    </div>
  );
}
