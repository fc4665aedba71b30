/**
 * Create a portfolio from a pasted list or a CSV. Every row is validated
 * first; when some rows fail, nothing is created until the person confirms
 * that the valid rows alone should go ahead. Each domain becomes a transfer
 * through the existing create-transfer use case, all in one transaction, and
 * the form's one-time key makes a repeated submit return the same portfolio.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import { requireStaffActor } from "../../auth/require";
import type { Db } from "../../db/client";
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

export type CreatePortfolioResult =
  | { ok: true; portfolio: PortfolioRow; created: boolean; members: number }
  /** Field errors (name, members) or, with `rowErrors`, the rows that failed and how many would be created. */
  | { ok: false; errors: Record<string, string>; rowErrors: RowError[]; validRows: number };

export async function createPortfolio(actor: Actor | null, input: unknown, db?: Db): Promise<CreatePortfolioResult> {
  const staff = requireStaffActor(actor);
  const p = createPortfolioSchema.safeParse(input);
  if (!p.success) {
    const errors: Record<string, string> = {};
    for (const i of p.error.issues) errors[String(i.path[0] ?? "form")] ??= i.message;
    if (errors.createKey) throw new AppError("INVALID", "the form is out of date: reload the page");
    return { ok: false, errors, rowErrors: [], validRows: 0 };
  }
  const { name, createKey, members, confirmPartial, newNameServers, ...shared } = p.data;
  const parsed = parseMembers(members, { ...shared, newNameServers });
  if (!parsed.ok) return { ok: false, errors: { members: parsed.message }, rowErrors: [], validRows: 0 };
  const { rows, errors: rowErrors } = parsed;
  if (rows.length === 0)
    return { ok: false, errors: { members: "No row is valid: fix the rows listed below" }, rowErrors, validRows: 0 };
  if (rowErrors.length > 0 && !confirmPartial) {
    return {
      ok: false,
      errors: {
        members: `${rowErrors.length} row(s) have errors; fix them, or confirm to create the ${rows.length} valid one(s) only`,
      },
      rowErrors,
      validRows: rows.length,
    };
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
      return { ok: true as const, portfolio: row, created: false, members: 0 };
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
      await addPortfolioMember(
        row.id,
        { transferId: r.id, position: i, newNameServers: m.newNameServers },
        tx,
      );
    }
    return { ok: true as const, portfolio: row, created: true, members: rows.length };
  }, db);
}
