import Link from "next/link";
import { listTransfers } from "@/lib/transfer";
import { ButtonLink } from "./_components/ui/button-link";
import { DomainName } from "./_components/ui/domain-name";

export const dynamic = "force-dynamic";

export default async function HomePage() {
  const transfers = await listTransfers();
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Transfers</h1>
        <ButtonLink href="/transfers/new" data-testid="new-transfer">
          New transfer
        </ButtonLink>
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
