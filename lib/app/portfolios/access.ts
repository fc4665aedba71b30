/** Portfolios belong to one organisation: its staff only; another organisation's portfolio does not exist for them. */
import type { Actor, StaffActor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaffActor } from "../../auth/require";
import type { Db } from "../../db/client";
import { getPortfolioRow, type PortfolioRow } from "../../db/portfolios";

export async function requirePortfolio(
  actor: Actor | null | undefined,
  portfolioId: string,
  db?: Db,
): Promise<{ staff: StaffActor; portfolio: PortfolioRow }> {
  const staff = requireStaffActor(actor);
  const portfolio = await getPortfolioRow(portfolioId, db);
  if (!portfolio || portfolio.organisationId !== staff.organisationId)
    throw new AppError("NOT_FOUND", "no such portfolio");
  return { staff, portfolio };
}
