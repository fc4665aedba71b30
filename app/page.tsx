import Link from "next/link";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { listTransfersFor } from "@/lib/app/transfers/guarded";
import { signOutAction } from "./(auth)/actions";
import { ButtonLink, secondaryButtonClass } from "./_components/ui/button-link";
import { DomainName } from "./_components/ui/domain-name";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const staff = await pageStaff();
  const transfers = await listTransfersFor(staff);
  return (
    <div className="space-y-6">
      <form action={signOutAction} className="flex items-center justify-end gap-3 text-sm text-slate-500">
        <Link href="/settings/api-tokens" className="underline" data-testid="api-tokens-link">
          API tokens
        </Link>
        <Link href="/settings/webhooks" className="underline" data-testid="webhooks-link">
          Webhooks
        </Link>
        <span data-testid="signed-in-as">{staff.email}</span>
        <button type="submit" className="underline" data-testid="sign-out">
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
      {transfers.length === 0 ? (
        <p className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600" data-testid="no-transfers">
          No transfers yet. Create one to import zone exports and check the move.
        </p>
      ) : (
        <ul className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white" data-testid="transfer-list">
          {transfers.map((t) => (
            <li key={t.id}>
              <Link href={`/transfers/${t.id}`} className="flex items-center justify-between px-5 py-4 hover:bg-slate-50" data-testid="transfer-item">
                <span className="font-medium">
                  <DomainName ascii={t.domainAscii} unicode={t.domainUnicode} />
                </span>
                <span className="text-sm text-slate-500">
                  {t.losingRegistrar} → {t.gainingRegistrar} · {t.sourceCount} source{t.sourceCount === 1 ? "" : "s"}
                </span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
