import type { Metadata } from "next";
import Link from "next/link";
import { pageStaff } from "@/app/_lib/auth";
import { ButtonLink } from "@/app/_components/ui/button-link";
import { listPortfolios } from "@/lib/app/portfolios/get";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "Portfolios" };

export default async function PortfoliosPage() {
  const staff = await pageStaff();
  const portfolios = await listPortfolios(staff);
  return (
    <div className="space-y-6">
      <div className="flex items-center justify-between">
        <h1 className="text-2xl font-semibold">Portfolios</h1>
        <ButtonLink href="/portfolios/new" data-testid="new-portfolio">
          New portfolio
        </ButtonLink>
      </div>
      {portfolios.length === 0 ? (
        <p
          className="rounded-lg border border-dashed border-slate-300 bg-white p-8 text-center text-slate-600"
          data-testid="no-portfolios"
        >
          No portfolios yet. A portfolio groups domains that move together.
        </p>
      ) : (
        <ul
          className="divide-y divide-slate-200 overflow-hidden rounded-lg border border-slate-200 bg-white"
          data-testid="portfolio-list"
        >
          {portfolios.map((p) => (
            <li key={p.id}>
              <Link
                href={`/portfolios/${p.id}`}
                className="flex items-center justify-between px-5 py-4 hover:bg-slate-50"
                data-testid="portfolio-item"
              >
                <span className="font-medium">{p.name}</span>
                <span className="text-sm text-slate-500">{p.memberCount} domain(s)</span>
              </Link>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
