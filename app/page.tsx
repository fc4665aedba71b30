import type { Metadata } from "next";
import Link from "next/link";
import { pageStaff } from "@/app/_lib/auth";
import { listTransfers, STAGE_LABELS, STAGES, type DashboardRow } from "@/lib/app/transfers/list";
import { signOutAction } from "./(auth)/actions";
import { archiveTransferAction } from "./actions";
import { ButtonLink, secondaryButtonClass } from "./_components/ui/button-link";
import { DomainName } from "./_components/ui/domain-name";
import { inputClass } from "./_components/ui/field";
import { PendingButton } from "./_components/ui/pending-button";
import { VerdictBadge } from "./transfers/[id]/checks/_components/verdict-badge";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Transfers" };

const utc = (d: Date) => `${d.toISOString().slice(0, 16).replace("T", " ")} UTC`;
const day = (d: Date) => d.toISOString().slice(0, 10);

function Cell({ label, children, testId }: { label: string; children: React.ReactNode; testId?: string }) {
  return (
    <td className="block px-4 py-1 text-sm md:table-cell md:py-3 md:align-top" data-testid={testId}>
      <span className="mr-2 text-xs font-medium uppercase tracking-wide text-slate-600 md:hidden">{label}</span>
      {children}
    </td>
  );
}

function Row({ r }: { r: DashboardRow }) {
  return (
    <tr
      className="block border-b border-slate-200 py-2 md:table-row md:py-0"
      data-testid="transfer-item"
      data-stage={r.stage}
      data-archived={r.archivedAt ? "yes" : "no"}
    >
      <td className="block px-4 py-1 md:table-cell md:py-3 md:align-top">
        <Link
          href={`/transfers/${r.id}`}
          className="inline-flex min-h-6 items-center font-medium underline-offset-2 hover:underline"
          data-testid="transfer-link"
        >
          <DomainName ascii={r.domainAscii} unicode={r.domainUnicode} />
        </Link>
        <p className="text-xs text-slate-600">
          {r.losingRegistrar} → {r.gainingRegistrar}
        </p>
        {r.archivedAt && <p className="text-xs font-medium text-slate-700">archived</p>}
      </td>
      <Cell label="Stage" testId="transfer-stage">
        <span className="font-medium">{STAGE_LABELS[r.stage]}</span>
        <span className="block text-xs text-slate-600">{r.stageDetail}</span>
      </Cell>
      <Cell label="Verdict" testId="transfer-verdict">
        {r.verdict ? (
          <>
            <VerdictBadge verdict={r.verdict.decision} />
            <span className="ml-2 text-xs text-slate-700" data-testid="transfer-open-counts">
              {r.verdict.openBlockers} open blocker{r.verdict.openBlockers === 1 ? "" : "s"}, {r.verdict.openWarnings}{" "}
              warning{r.verdict.openWarnings === 1 ? "" : "s"}
            </span>
          </>
        ) : (
          <span className="text-slate-600">not checked</span>
        )}
      </Cell>
      <Cell label="Window" testId="transfer-window">
        {r.window ? (
          `${day(r.window.start)} → ${day(r.window.end)}`
        ) : (
          <span className="text-slate-600">not scheduled</span>
        )}
      </Cell>
      <Cell label="Sign-offs" testId="transfer-signoffs">
        {r.signoffs ? `${r.signoffs.approved}/${r.signoffs.required}` : <span className="text-slate-600">—</span>}
      </Cell>
      <Cell label="Last activity" testId="transfer-activity">
        <time dateTime={r.lastActivityAt.toISOString()}>{utc(r.lastActivityAt)}</time>
      </Cell>
      <td className="block px-4 py-1 md:table-cell md:py-3 md:align-top">
        <form action={archiveTransferAction}>
          <input type="hidden" name="transferId" value={r.id} />
          <input type="hidden" name="archived" value={r.archivedAt ? "no" : "yes"} />
          <PendingButton
            className="min-h-6 text-sm text-slate-700 underline"
            data-testid={r.archivedAt ? "unarchive" : "archive"}
            aria-label={`${r.archivedAt ? "Unarchive" : "Archive"} ${r.domainUnicode}`}
          >
            {r.archivedAt ? "Unarchive" : "Archive"}
          </PendingButton>
        </form>
      </td>
    </tr>
  );
}

export default async function HomePage({
  searchParams,
}: {
  searchParams: Promise<Record<string, string | string[] | undefined>>;
}) {
  const staff = await pageStaff();
  const d = await listTransfers(staff, await searchParams);
  const f = d.filter;
  const filtered = Object.values(f).some((v) => v !== undefined);
  return (
    <div className="space-y-6">
      <form action={signOutAction} className="flex flex-wrap items-center justify-end gap-3 text-sm text-slate-600">
        <Link
          href="/settings/api-tokens"
          className="inline-flex min-h-6 items-center underline"
          data-testid="api-tokens-link"
        >
          API tokens
        </Link>
        <Link
          href="/settings/webhooks"
          className="inline-flex min-h-6 items-center underline"
          data-testid="webhooks-link"
        >
          Webhooks
        </Link>
        <span data-testid="signed-in-as">{staff.email}</span>
        <button type="submit" className="min-h-6 underline" data-testid="sign-out">
          Sign out
        </button>
      </form>
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Transfers</h1>
        <div className="flex gap-3">
          <Link href="/portfolios" className={secondaryButtonClass} data-testid="portfolios-link">
            Portfolios
          </Link>
          <ButtonLink href="/transfers/new" data-testid="new-transfer">
            New transfer
          </ButtonLink>
        </div>
      </div>
      <form
        method="get"
        action="/"
        role="search"
        aria-label="Search and filter transfers"
        className="grid gap-3 rounded-lg border border-slate-200 bg-white p-4 md:grid-cols-6"
        data-testid="dashboard-filters"
      >
        <label className="text-sm md:col-span-2">
          <span className="mb-1 block font-medium">Domain</span>
          <input
            name="q"
            type="search"
            defaultValue={f.q ?? ""}
            placeholder="contains…"
            className={inputClass}
            data-testid="filter-q"
          />
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Stage</span>
          <select name="stage" defaultValue={f.stage ?? ""} className={inputClass} data-testid="filter-stage">
            <option value="">any stage</option>
            {STAGES.map((s) => (
              <option key={s} value={s}>
                {STAGE_LABELS[s]}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Verdict</span>
          <select name="verdict" defaultValue={f.verdict ?? ""} className={inputClass} data-testid="filter-verdict">
            <option value="">any verdict</option>
            <option value="no-go">NO-GO</option>
            <option value="go">GO</option>
            <option value="none">not checked</option>
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Registrar</span>
          <select
            name="registrar"
            defaultValue={f.registrar ?? ""}
            className={inputClass}
            data-testid="filter-registrar"
          >
            <option value="">any registrar</option>
            {d.registrars.map((r) => (
              <option key={r} value={r}>
                {r}
              </option>
            ))}
          </select>
        </label>
        <label className="text-sm">
          <span className="mb-1 block font-medium">Archived</span>
          <select name="archived" defaultValue={f.archived ?? ""} className={inputClass} data-testid="filter-archived">
            <option value="">hidden ({d.archived})</option>
            <option value="include">shown too</option>
            <option value="only">only archived</option>
          </select>
        </label>
        <label className="flex min-h-6 items-center gap-2 text-sm md:col-span-2">
          <input
            type="checkbox"
            name="window"
            value="7d"
            defaultChecked={f.window === "7d"}
            className="h-5 w-5"
            data-testid="filter-window"
          />
          Window within the next 7 days
        </label>
        <div className="flex items-center gap-3 md:col-span-4 md:justify-end">
          {filtered && (
            <Link href="/" className="min-h-6 text-sm underline" data-testid="filter-clear">
              Clear filters
            </Link>
          )}
          <button type="submit" className={secondaryButtonClass} data-testid="filter-apply">
            Apply
          </button>
        </div>
      </form>
      {d.total === 0 ? (
        <p
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600"
          data-testid="no-transfers"
        >
          No transfers yet. Create one to import zone exports and check the move.
        </p>
      ) : d.rows.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600"
          data-testid="no-matches"
        >
          No transfer matches these filters.
        </p>
      ) : (
        <div className="rounded-lg border border-slate-200 bg-white">
          <p className="px-4 pt-3 text-sm text-slate-600" data-testid="transfer-count">
            {d.rows.length} of {d.total} transfer{d.total === 1 ? "" : "s"}
            {filtered ? " (filtered)" : ""}
          </p>
          <table className="block w-full md:table" data-testid="transfer-list">
            <caption className="sr-only">Transfers</caption>
            <thead className="hidden md:table-header-group">
              <tr className="border-b border-slate-200 text-left text-xs uppercase tracking-wide text-slate-600">
                {["Transfer", "Stage", "Latest verdict", "Window", "Sign-offs", "Last activity", ""].map((h, i) => (
                  <th key={i} scope="col" className="px-4 py-2 font-medium">
                    {h || <span className="sr-only">Actions</span>}
                  </th>
                ))}
              </tr>
            </thead>
            <tbody className="block md:table-row-group">
              {d.rows.map((r) => (
                <Row key={r.id} r={r} />
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
