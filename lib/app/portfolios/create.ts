/**
 * Create a portfolio from a pasted list or a CSV. Every row is validated
 * first; when some rows fail, nothing is created until the person confirms
 * that the valid rows alone should go ahead. Each domain becomes a transfer
 * through the existing create-transfer use case, all in one transaction, and
 * the form's one-time key makes a repeated submit return the same portfolio.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { fieldErrors, issuesOf, type Deps, type Issue } from "../use-case";
import { AppError } from "../../errors/app-error";
import { requireStaffActor } from "../../auth/require";
import { addPortfolioMember, inTransaction, insertPortfolio, type PortfolioRow } from "../../db/portfolios";
import { createTransfer } from "../transfers/create-transfer";
import { nameServersSchema, parseMembers, sharedFactsSchema, type RowError } from "./parse-members";

export const createPortfolioSchema = sharedFactsSchema.extend({
  name: z
    .string({ error: "Name the portfolio" })
    .trim()
    .min(1, "Name the portfolio")
    .max(200, "The name is too long (200 characters at most)"),
  /** One per rendering of the form (DESIGN: every state change survives a double click). */
  createKey: z.string().trim().min(16).max(100),
  /** The pasted list or the CSV's text. */
  members: z.string().max(2_000_000, "The list is too long (2 MB at most)"),
  /** Go ahead with the valid rows although others failed. */
  confirmPartial: z.preprocess((v) => v === true || v === "yes" || v === "on", z.boolean()).default(false),
  newNameServers: nameServersSchema.default(""),
});
export type CreatePortfolioInput = z.input<typeof createPortfolioSchema>;

export interface CreatePortfolioResult {
  portfolio: PortfolioRow;
  /** false: the form's key was used before (a double submit), and that portfolio is returned. */
  created: boolean;
  members: number;
}

/**
 * INVALID with the field issues (name, members) and, for the member list, `rowErrors` (the rows that failed) and
 * `validRows` (how many would be created if confirmed).
 */
function refused(issues: Issue[], rowErrors: RowError[] = [], validRows = 0): AppError {
  return new AppError("INVALID", issues[0]?.message ?? "invalid portfolio", { issues, rowErrors, validRows });
}

export async function createPortfolio(
  actor: Actor | null,
  input: unknown,
  deps: Deps = {},
): Promise<CreatePortfolioResult> {
  const { db } = deps;
  const staff = requireStaffActor(actor);
  const p = createPortfolioSchema.safeParse(input);
  if (!p.success) {
    const errors = fieldErrors(issuesOf(p.error));
    if (errors.createKey) throw new AppError("INVALID", "the form is out of date: reload the page");
    throw refused(Object.entries(errors).map(([path, message]) => ({ path, message })));
  }
  const { name, createKey, members, confirmPartial, newNameServers, ...shared } = p.data;
  const parsed = parseMembers(members, { ...shared, newNameServers });
  if (!parsed.ok) throw refused([{ path: "members", message: parsed.message }]);
  const { rows, errors: rowErrors } = parsed;
  if (rows.length === 0)
    throw refused([{ path: "members", message: "No row is valid: fix the rows listed below" }], rowErrors);
  if (rowErrors.length > 0 && !confirmPartial) {
    const message = `${rowErrors.length} row(s) have errors; fix them, or confirm to create the ${rows.length} valid one(s) only`;
    throw refused([{ path: "members", message }], rowErrors, rows.length);
  }
  return inTransaction(async (tx) => {
    const { row, created } = await insertPortfolio(
      {
        organisationId: staff.organisationId,
        name,
        createKey,
        losingRegistrar: shared.losingRegistrar || null,
        gainingRegistrar: shared.gainingRegistrar || null,
        currentDnsOperator: shared.currentDnsOperator || null,
        futureDnsOperator: shared.futureDnsOperator || null,
        dnsHostingMoves: shared.dnsHostingMoves === "" ? null : shared.dnsHostingMoves === "yes",
        newNameServers,
      },
      tx,
    );
    if (!created) {
      if (row.organisationId !== staff.organisationId) throw new AppError("NOT_FOUND", "no such portfolio");
      return { portfolio: row, created: false, members: 0 };
    }
    for (const [i, m] of rows.entries()) {
      const t = m.transfer;
      const r = await createTransfer(
        staff,
        {
          domain: t.domain.ascii,
          losingRegistrar: t.losingRegistrar,
          gainingRegistrar: t.gainingRegistrar,
          currentDnsOperator: t.currentDnsOperator,
          futureDnsOperator: t.futureDnsOperator,
          dnsHostingMoves: t.dnsHostingMoves,
        },
        // The row passed the same schema a moment ago; a refusal now is a bug, and the transaction undoes everything.
        { db: tx },
      );
      await addPortfolioMember(row.id, { transferId: r.id, position: i, newNameServers: m.newNameServers }, tx);
    }
    return { portfolio: row, created: true, members: rows.length };
  }, db);
}
