/** The portfolio page in one call: the shared facts and every member's summary, filtered by stage and verdict. */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import type { Db } from "../../db/client";
import {
  getTransfersByIds,
  listPortfolioMembers,
  listPortfolioRows,
  listPortfolioRuns,
  memberStates,
  type PortfolioRow,
} from "../../db/portfolios";
import { requireStaffActor } from "../../auth/require";
import { requirePortfolio } from "./access";
import { pumpPortfolioRuns } from "./check-members";
import { matchesFilters, STAGES, summariseMember, VERDICT_FILTERS, type MemberSummary } from "./summary";

export const portfolioFiltersSchema = z.object({
  stage: z.enum(STAGES).optional().catch(undefined),
  verdict: z.enum(VERDICT_FILTERS).optional().catch(undefined),
});
export type PortfolioFilters = z.output<typeof portfolioFiltersSchema>;

export interface PortfolioView {
  portfolio: PortfolioRow;
  /** All members (for counts and the match/check forms). */
  all: MemberSummary[];
  /** The members the filters keep. */
  members: MemberSummary[];
  filters: PortfolioFilters;
  counts: { go: number; noGo: number; unchecked: number; checking: number };
}

export async function getPortfolio(
  actor: Actor | null,
  input: { portfolioId: string; filters?: unknown },
  deps: Deps = {},
): Promise<PortfolioView> {
  const { db } = deps;
  const { portfolio } = await requirePortfolio(actor, input.portfolioId, db);
  const filters = portfolioFiltersSchema.parse(input.filters ?? {});
  // A process restart leaves queued entries behind: reading the page moves the queue on.
  await pumpPortfolioRuns(portfolio.id, { actor, db });
  const all = await memberSummaries(portfolio.id, db);
  return {
    portfolio,
    all,
    members: all.filter((m) => matchesFilters(m, filters)),
    filters,
    counts: {
      go: all.filter((m) => m.verdict === "go").length,
      noGo: all.filter((m) => m.verdict === "no-go").length,
      unchecked: all.filter((m) => m.verdict === null).length,
      checking: all.filter((m) => m.stage === "queued" || m.stage === "checking").length,
    },
  };
}

export async function memberSummaries(portfolioId: string, db?: Db): Promise<MemberSummary[]> {
  const members = await listPortfolioMembers(portfolioId, db);
  const ids = members.map((m) => m.transferId);
  const [transfers, states, entries] = await Promise.all([
    getTransfersByIds(ids, db),
    memberStates(ids, db),
    listPortfolioRuns(portfolioId, ["queued", "starting", "failed"], db),
  ]);
  const byId = new Map(transfers.map((t) => [t.id, t]));
  const waiting = new Map<string, { status: string; error: string | null; at: Date }>();
  for (const e of entries) waiting.set(e.transferId, { status: e.status, error: e.error, at: e.createdAt });
  return members.flatMap((m) => {
    const t = byId.get(m.transferId);
    const state = states.get(m.transferId);
    if (!t || !state) return [];
    const w = waiting.get(m.transferId) ?? null;
    // A failed start matters only until a later run exists.
    const current = w && (w.status !== "failed" || !state.runs[0] || state.runs[0].createdAt < w.at) ? w : null;
    return [summariseMember(t, state, current)];
  });
}

export async function listPortfolios(actor: Actor | null, _input: Record<string, never> = {}, deps: Deps = {}) {
  const staff = requireStaffActor(actor);
  return listPortfolioRows(staff.organisationId, deps.db);
}
