/**
 * Check all members of a portfolio, or a selection, without flooding any DNS
 * operator: each member's check waits in PortfolioRun until fewer than N runs
 * are active against each operator it queries (its current and its future
 * DNS operator). A run that finishes starts the next one; reading the
 * portfolio page moves the queue on too, so entries left behind by a restart
 * still run. DESIGN §5 "Load": query floods against DNS servers are a classic
 * cause of outages, and a portfolio is many domains on few operators.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError, isAppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import {
  claimPortfolioRun,
  getTransfersByIds,
  listPortfolioMembers,
  listPortfolioRuns,
  queuePortfolioRuns,
  requeuePortfolioRun,
  runStatuses,
  settlePortfolioRun,
  type PortfolioRunRow,
} from "../../db/portfolios";
import { StartRunInputSchema } from "../runs/run-input";
import type { StartRunResult } from "../runs/start-run";
import { startRun } from "../runs/start-run";
import { invalidInput, parseInput, type Deps, type Issue } from "../use-case";
import { runsPerOperator } from "../../config/portfolio-limits";
import { requirePortfolio } from "./access";

/** The run options every selected member's check uses; the new servers come from the member, else the portfolio. */
export const checkMembersSchema = z.object({
  /** Absent or empty: all members. */
  transferIds: z.array(z.string().min(1).max(100)).max(1000).default([]),
  allowPrivate: z.boolean().default(false),
  port: z.coerce.number().int().min(1).max(65535).default(53),
  rootHints: z.string().max(64_000).default(""),
  ratePerServer: z.coerce.number().min(0.5).max(10_000).optional(),
});
export type CheckMembersInput = z.input<typeof checkMembersSchema>;

/** INVALID when a member's server list is wrong: one issue per member, its `path` the member's domain. */
export interface CheckMembersResult {
  queued: number;
  alreadyQueued: number;
}

/** A claim whose run never got its id (the process died in between) is given up after this long. */
const STARTING_STALE_MS = 5 * 60_000;

export function operatorKeys(t: { currentDnsOperator: string; futureDnsOperator: string }): string[] {
  return [...new Set([t.currentDnsOperator, t.futureDnsOperator].map((o) => o.trim().toLowerCase()))];
}

/** How a member's run starts: the run start use case, which checks access and the query budget (tests pass their own). */
export type StartMemberRun = (
  actor: Actor | null,
  input: { transferId: string; input: unknown },
  deps?: Deps,
) => Promise<StartRunResult>;

interface PumpOptions {
  actor?: Actor | null;
  start?: StartMemberRun;
  db?: Db;
  env?: Record<string, string | undefined>;
  now?: () => Date;
}

export async function checkMembers(
  actor: Actor | null,
  input: { portfolioId: string; body: unknown },
  opts: Omit<PumpOptions, "actor"> = {},
): Promise<CheckMembersResult> {
  const { portfolio } = await requirePortfolio(actor, input.portfolioId, opts.db);
  const { transferIds, ...run } = parseInput(checkMembersSchema, input.body, "invalid check request");
  const members = await listPortfolioMembers(portfolio.id, opts.db);
  const memberIds = new Set(members.map((m) => m.transferId));
  const unknown = transferIds.filter((id) => !memberIds.has(id));
  if (unknown.length > 0) throw new AppError("NOT_FOUND", "not a member of this portfolio");
  const chosen = transferIds.length > 0 ? members.filter((m) => transferIds.includes(m.transferId)) : members;
  const transfers = new Map(
    (
      await getTransfersByIds(
        chosen.map((m) => m.transferId),
        opts.db,
      )
    ).map((t) => [t.id, t]),
  );
  const errors: Issue[] = [];
  const queue: { transferId: string; operatorsJson: string; inputJson: string }[] = [];
  for (const m of chosen) {
    const t = transfers.get(m.transferId)!;
    const body = { ...run, newServers: m.newNameServers || portfolio.newNameServers };
    // Judged now, so a bad server list is reported for every member at once instead of one failed run after another.
    const v = StartRunInputSchema.safeParse(body);
    if (!v.success)
      errors.push({
        path: t.domainUnicode,
        message: v.error.issues.map((i) => `${String(i.path[0] ?? "")}: ${i.message}`).join("; "),
      });
    else
      queue.push({ transferId: t.id, operatorsJson: JSON.stringify(operatorKeys(t)), inputJson: JSON.stringify(body) });
  }
  if (errors.length > 0) throw invalidInput(errors);
  const queued = await queuePortfolioRuns(portfolio.id, queue, opts.db);
  await pumpPortfolioRuns(portfolio.id, { ...opts, actor });
  return { queued, alreadyQueued: queue.length - queued };
}

// One pump at a time per portfolio in this process, so two finishing runs cannot both take the last free slot.
const g = globalThis as unknown as { __cutoverPortfolioPumps?: Map<string, Promise<void>> };
const pumps = (g.__cutoverPortfolioPumps ??= new Map());

/** Start queued member checks while every operator they query has a free slot. */
export function pumpPortfolioRuns(portfolioId: string, opts: PumpOptions = {}): Promise<void> {
  const prev = pumps.get(portfolioId) ?? Promise.resolve();
  const next = prev.then(() => pumpOnce(portfolioId, opts)).catch(() => undefined);
  pumps.set(portfolioId, next);
  void next.then(() => {
    if (pumps.get(portfolioId) === next) pumps.delete(portfolioId);
  });
  return next;
}

async function pumpOnce(portfolioId: string, opts: PumpOptions): Promise<void> {
  const now = opts.now ?? (() => new Date());
  const limit = runsPerOperator(opts.env);
  const queued = await listPortfolioRuns(portfolioId, ["queued"], opts.db);
  if (queued.length === 0) return;
  const active = new Map<string, number>();
  const count = (e: PortfolioRunRow) => {
    for (const op of JSON.parse(e.operatorsJson) as string[]) active.set(op, (active.get(op) ?? 0) + 1);
  };
  const inFlight = await listPortfolioRuns(portfolioId, ["starting", "started"], opts.db);
  const statuses = await runStatuses(
    inFlight.flatMap((e) => (e.runId ? [e.runId] : [])),
    opts.db,
  );
  for (const e of inFlight) {
    if (e.status === "starting") {
      if (e.startedAt && now().getTime() - e.startedAt.getTime() > STARTING_STALE_MS)
        await settlePortfolioRun(
          e.id,
          { status: "failed", error: "the check was interrupted before it started" },
          opts.db,
        );
      else count(e);
    } else if (e.runId && ["queued", "running"].includes(statuses.get(e.runId) ?? "")) count(e);
  }
  for (const e of queued) {
    const ops = JSON.parse(e.operatorsJson) as string[];
    if (ops.some((op) => (active.get(op) ?? 0) >= limit)) continue;
    if (!(await claimPortfolioRun(e.id, now(), opts.db))) continue;
    count(e);
    try {
      const r = await (opts.start ?? startRun)(
        opts.actor ?? null,
        { transferId: e.transferId, input: JSON.parse(e.inputJson) },
        { db: opts.db, env: opts.env },
      );
      await settlePortfolioRun(e.id, { status: "started", runId: r.runId }, opts.db);
      // The next member's turn comes when this one ends (failures end up in the run row).
      void r.done?.catch(() => undefined).then(() => pumpPortfolioRuns(portfolioId, opts));
    } catch (err) {
      if (!isAppError(err)) throw err;
      // Without a signed-in staff member (no actor) the entry waits for the next page view or finished run.
      if (err.code === "UNAUTHENTICATED" || err.code === "FORBIDDEN") {
        await requeuePortfolioRun(e.id, opts.db);
        return;
      }
      const issues = err.code === "INVALID" ? (err.details.issues as Issue[] | undefined) : undefined;
      await settlePortfolioRun(
        e.id,
        { status: "failed", error: issues?.map((i) => i.message).join("; ") || err.message },
        opts.db,
      );
    }
  }
}
