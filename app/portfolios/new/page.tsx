import type { Metadata } from "next";
import { randomUUID } from "node:crypto";
import { pageStaff } from "@/app/_lib/auth";
import { Card } from "@/app/_components/ui/card";
import { NewPortfolioForm } from "./_components/new-portfolio-form";

export const dynamic = "force-dynamic";
export const metadata: Metadata = { title: "New portfolio" };

export default async function NewPortfolioPage() {
  await pageStaff();
  return (
    <div className="space-y-6">
      <h1 className="text-2xl font-semibold">New portfolio</h1>
      <Card>
        {/* One key per rendering: a second submit of the same form finds the portfolio the first one made. */}
        <NewPortfolioForm createKey={randomUUID()} />
      </Card>
    </div>
  );
}
