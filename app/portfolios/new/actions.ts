"use server";

import { redirect } from "next/navigation";
import { actionActor, actionFieldErrors } from "@/app/_lib/auth";
import { isAppError } from "@/lib/errors/app-error";
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
  let portfolioId: string;
  try {
    portfolioId = (await createPortfolio(await actionActor(), values)).portfolio.id;
  } catch (e) {
    const rows =
      isAppError(e) && e.code === "INVALID" ? (e.details as { rowErrors?: RowError[]; validRows?: number }) : {};
    return { errors: actionFieldErrors(e), rowErrors: rows.rowErrors ?? [], validRows: rows.validRows ?? 0, values };
  }
  redirect(`/portfolios/${portfolioId}`);
}
