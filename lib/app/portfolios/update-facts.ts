/**
 * Edit the shared facts once for all members: each changed field is written
 * onto every member transfer, and each member's audit log gets one entry
 * naming the portfolio and every field's old and new value. A field left
 * empty stays as each member has it; saving the same values again changes
 * nothing and logs nothing.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import { auditActor } from "../../auth/actor";
import { AppError } from "../../errors/app-error";
import {
  getTransfersByIds,
  listPortfolioMembers,
  updatePortfolioFacts,
  updateTransferFacts,
} from "../../db/portfolios";
import { recordAudit } from "../../audit/record-audit";
import { requirePortfolio } from "./access";
import { nameServersSchema } from "./parse-members";

const fact = z.string().trim().max(200, "too long (200 characters at most)").default("");

export const updateFactsSchema = z.object({
  losingRegistrar: fact,
  gainingRegistrar: fact,
  currentDnsOperator: fact,
  futureDnsOperator: fact,
  /** "" keeps each member's own answer. */
  dnsHostingMoves: z.enum(["", "yes", "no"]).default(""),
  newNameServers: nameServersSchema.default(""),
});
export type UpdateFactsInput = z.input<typeof updateFactsSchema>;

export async function updateSharedFacts(
  actor: Actor | null,
  input: { portfolioId: string; facts: unknown },
  deps: Deps = {},
): Promise<{ changedTransfers: number }> {
  const { db } = deps;
  const { staff, portfolio } = await requirePortfolio(actor, input.portfolioId, db);
  const p = updateFactsSchema.safeParse(input.facts);
  if (!p.success)
    throw new AppError("INVALID", p.error.issues.map((i) => `${String(i.path[0] ?? "")}: ${i.message}`).join("; "), {
      issues: p.error.issues.map((i) => ({ path: i.path.join("."), message: i.message })),
    });
  const f = p.data;
  const set: Partial<{
    losingRegistrar: string;
    gainingRegistrar: string;
    currentDnsOperator: string;
    futureDnsOperator: string;
    dnsHostingMoves: boolean;
  }> = {};
  for (const k of ["losingRegistrar", "gainingRegistrar", "currentDnsOperator", "futureDnsOperator"] as const)
    if (f[k] !== "") set[k] = f[k];
  if (f.dnsHostingMoves !== "") set.dnsHostingMoves = f.dnsHostingMoves === "yes";
  await updatePortfolioFacts(portfolio.id, { ...set, newNameServers: f.newNameServers }, db);
  const members = await listPortfolioMembers(portfolio.id, db);
  const transfers = await getTransfersByIds(
    members.map((m) => m.transferId),
    db,
  );
  const at = (deps.now ?? new Date()).toISOString();
  let changedTransfers = 0;
  for (const t of transfers) {
    const changes: Record<string, { from: string | boolean; to: string | boolean }> = {};
    for (const [k, v] of Object.entries(set) as [keyof typeof set, string | boolean][])
      if (t[k] !== v) changes[k] = { from: t[k], to: v };
    if (Object.keys(changes).length === 0) continue;
    await updateTransferFacts(t.id, Object.fromEntries(Object.entries(changes).map(([k, c]) => [k, c.to])), db);
    await recordAudit(
      {
        type: "transfer.facts-changed",
        transferId: t.id,
        at,
        actor: auditActor(staff),
        portfolioId: portfolio.id,
        changes,
      },
      db,
    );
    changedTransfers++;
  }
  return { changedTransfers };
}
