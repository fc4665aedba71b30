"use server";

import { redirect } from "next/navigation";
import { actionActor, actionMessage } from "@/app/_lib/auth";
import { createPortfolio } from "@/lib/app/portfolios/create";
import type { RowError } from "@/lib/app/portfolios/parse-members";

export interface NewPortfolioState {
  errors: Record<string, string>;
  rowErrors: RowError[];
  validRows: number;
  values: Record<string, string>;
}

const FIELDS = [
  "name",
  "createKey",
  "members",
  "losingRegistrar",
  "gainingRegistrar",
  "currentDnsOperator",
  "futureDnsOperator",
  "dnsHostingMoves",
  "newNameServers",
  "confirmPartial",
] as const;

export async function createPortfolioAction(_prev: NewPortfolioState, formData: FormData): Promise<NewPortfolioState> {
  const values: Record<string, string> = {};
  for (const f of FIELDS) {
    const v = formData.get(f);
    if (typeof v === "string") values[f] = v;
  }
  let result: Awaited<ReturnType<typeof createPortfolio>>;
  try {
    result = await createPortfolio(await actionActor(), values);
  } catch (e) {
    return { errors: { form: actionMessage(e) }, rowErrors: [], validRows: 0, values };
  }
  if (!result.ok) return { errors: result.errors, rowErrors: result.rowErrors, validRows: result.validRows, values };
  redirect(`/portfolios/${result.portfolio.id}`);
}
