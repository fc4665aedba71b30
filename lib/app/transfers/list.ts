/**
 * The dashboard of transfers: every transfer of the staff member's organisation with its stage (the stepper's first
 * step not done), latest verdict, window, sign-offs and last activity; search and filters come from the URL.
 * All data in a fixed number of queries (lib/db/list-dashboard.ts), so the page costs the same for 5 or 500 transfers.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import { requireStaffActor } from "../../auth/require";
import { listDashboard, organisationFacets, type DashboardData } from "../../db/list-dashboard";
import { listTransfers as listTransferRows, type TransferListItem } from "../../db/list-transfers";
import type { Deps } from "../use-case";
import { PARTY_ROLES } from "../../schedule/parties";
import { computeStepper, STEP_IDS, STEP_LABELS, type StepId, type StepperFacts } from "./stepper";

export const STAGES = [...STEP_IDS, "final"] as const;
export type Stage = (typeof STAGES)[number];
export const STAGE_LABELS: Record<Stage, string> = { ...STEP_LABELS, final: "Final" };

const optionalText = z.preprocess(
  (v) => (Array.isArray(v) ? v[0] : v) || undefined,
  z.string().trim().max(200).optional(),
);
const optionalEnum = <T extends readonly [string, ...string[]]>(values: T) =>
  z.preprocess((v) => (Array.isArray(v) ? v[0] : v) || undefined, z.enum(values).optional().catch(undefined));

/** The dashboard's URL search parameters; unknown values fall back to "no filter" rather than an error page. */
export const dashboardFilterSchema = z.object({
  q: optionalText,
  stage: optionalEnum(STAGES),
  verdict: optionalEnum(["go", "no-go", "none"] as const),
  registrar: optionalText,
  /** "7d": the window starts within the next seven days. */
  window: optionalEnum(["7d"] as const),
  /** Archived transfers are hidden unless asked for. */
  archived: optionalEnum(["include", "only"] as const),
});
export type DashboardFilter = z.infer<typeof dashboardFilterSchema>;

export interface DashboardRow {
  id: string;
  domainAscii: string;
  domainUnicode: string;
  losingRegistrar: string;
  gainingRegistrar: string;
  stage: Stage;
  /** The stage step's one-line reason. */
  stageDetail: string;
  verdict: {
    decision: "go" | "no-go";
    blockers: number;
    warnings: number;
    openBlockers: number;
    openWarnings: number;
  } | null;
  window: { start: Date; end: Date } | null;
  signoffs: { approved: number; required: number } | null;
  lastActivityAt: Date;
  archivedAt: Date | null;
}

const DAY_MS = 86_400_000;

const maxDate = (ds: (Date | null | undefined)[]): Date | null =>
  ds.reduce<Date | null>((m, d) => (d && (!m || d > m) ? d : m), null);

/** Pure: the rows from what lib/db returned. */
export function dashboardRows(data: DashboardData): DashboardRow[] {
  const group = <T extends { transferId: string }>(xs: T[]) => {
    const m = new Map<string, T[]>();
    for (const x of xs) m.set(x.transferId, [...(m.get(x.transferId) ?? []), x]);
    return m;
  };
  const runsBy = group(data.runs); // newest first
  const schedules = new Map(data.schedules.map((s) => [s.transferId, s]));
  const revisionsBy = group(data.revisions); // newest first
  const signoffsBy = group(data.signoffs);
  const partiesBy = group(data.parties);
  const statesBy = group(data.states);
  const findingsBy = new Map<string, { key: string; severity: string }[]>();
  for (const f of data.findings) findingsBy.set(f.runId, [...(findingsBy.get(f.runId) ?? []), f]);

  return data.transfers.map((t) => {
    const runs = runsBy.get(t.id) ?? [];
    const done = runs.find((r) => r.status === "done") ?? null;
    const states = new Map((statesBy.get(t.id) ?? []).map((s) => [s.key, s.status]));
    const findings = done ? (findingsBy.get(done.id) ?? []) : [];
    const openBlockers = findings.filter((f) => f.severity === "blocker" && states.get(f.key) !== "waived").length;
    const openWarnings = findings.filter(
      (f) => f.severity === "warning" && states.get(f.key) !== "acknowledged",
    ).length;
    const schedule = schedules.get(t.id) ?? null;
    const revision = revisionsBy.get(t.id)?.[0] ?? null;
    const signoffs = signoffsBy.get(t.id) ?? [];
    const factsEditedAt = t.updatedAt.getTime() - t.createdAt.getTime() > 1000 ? t.updatedAt : null;
    const lastSourceChange = maxDate([t.lastSourceAt, t.lastRemovalAt]);
    const lastStateAt = maxDate((statesBy.get(t.id) ?? []).map((s) => s.updatedAt));
    const lastPartyAt = maxDate((partiesBy.get(t.id) ?? []).map((p) => p.updatedAt));
    // Without rebuilding every revision (the checklist page does that for one transfer), a revision is taken as out of
    // date when anything it freezes changed after it was created.
    const outdated =
      revision !== null &&
      (maxDate([
        done?.finishedAt,
        schedule?.updatedAt,
        factsEditedAt,
        lastSourceChange,
        lastStateAt,
        lastPartyAt,
      ])?.getTime() ?? 0) > revision.createdAt.getTime();
    const decisions = new Map<string, { decision: string; signedAt: Date }>();
    for (const s of signoffs) {
      if (revision === null || s.revisionDigest !== revision.digest) continue;
      const prev = decisions.get(s.role);
      if (!prev || s.signedAt >= prev.signedAt) decisions.set(s.role, s);
    }
    const approved = [...decisions.values()].filter((d) => d.decision === "approve").length;
    const rejected = [...decisions.values()].filter((d) => d.decision === "reject").length;
    const facts: StepperFacts = {
      transferId: t.id,
      sources: { count: t.sourceCount, failed: t.failedSources, lastChangeAt: lastSourceChange },
      factsEditedAt,
      latestRun: runs[0]
        ? {
            id: runs[0].id,
            status: runs[0].status as NonNullable<StepperFacts["latestRun"]>["status"],
            createdAt: runs[0].createdAt,
          }
        : null,
      lastDoneRun: done
        ? {
            id: done.id,
            createdAt: done.createdAt,
            verdict: done.verdict === "go" ? "go" : "no-go",
            openBlockers,
            openWarnings,
          }
        : null,
      schedule: { set: schedule !== null },
      revision: revision && { number: revision.number, outdated },
      signoffs: {
        approved,
        rejected,
        required: PARTY_ROLES.length,
        final: approved === PARTY_ROLES.length,
        staleOnly: decisions.size === 0 && signoffs.length > 0,
      },
    };
    const stepper = computeStepper(facts);
    const current = stepper.steps.find((s) => s.id === stepper.current);
    return {
      id: t.id,
      domainAscii: t.domainAscii,
      domainUnicode: t.domainUnicode,
      losingRegistrar: t.losingRegistrar,
      gainingRegistrar: t.gainingRegistrar,
      stage: (stepper.current ?? "final") as Stage,
      stageDetail: current?.detail ?? "Approved by every party",
      verdict: done
        ? {
            decision: openBlockers === 0 ? "go" : "no-go",
            blockers: done.blockers,
            warnings: done.warnings,
            openBlockers,
            openWarnings,
          }
        : null,
      window: schedule && { start: schedule.windowStart, end: schedule.windowEnd },
      signoffs: revision ? { approved, required: PARTY_ROLES.length } : null,
      lastActivityAt: maxDate([
        t.createdAt,
        factsEditedAt,
        lastSourceChange,
        runs[0]?.createdAt,
        done?.finishedAt,
        schedule?.updatedAt,
        lastStateAt,
        lastPartyAt,
        revision?.createdAt,
        ...signoffs.map((s) => s.signedAt),
        t.archivedAt,
      ])!,
      archivedAt: t.archivedAt,
    };
  });
}

/** Pure: the filters computed rows need (search and registrar are applied in the query). */
export function filterDashboardRows(rows: readonly DashboardRow[], f: DashboardFilter, now: Date): DashboardRow[] {
  return rows.filter((r) => {
    if ((f.archived ?? "hide") === "hide" && r.archivedAt !== null) return false;
    if (f.archived === "only" && r.archivedAt === null) return false;
    if (f.stage && r.stage !== f.stage) return false;
    if (f.verdict === "none" && r.verdict !== null) return false;
    if ((f.verdict === "go" || f.verdict === "no-go") && r.verdict?.decision !== f.verdict) return false;
    if (
      f.window === "7d" &&
      !(r.window && r.window.end.getTime() >= now.getTime() && r.window.start.getTime() <= now.getTime() + 7 * DAY_MS)
    )
      return false;
    return true;
  });
}

export interface Dashboard {
  filter: DashboardFilter;
  rows: DashboardRow[];
  /** Transfers of the organisation before any filter; archived ones among those the search matched. */
  total: number;
  archived: number;
  registrars: string[];
}

export async function listTransfers(actor: Actor | null, input: unknown, options: Deps = {}): Promise<Dashboard> {
  const staff = requireStaffActor(actor);
  const filter = dashboardFilterSchema.parse(input ?? {});
  const [data, facets] = await Promise.all([
    listDashboard({ organisationId: staff.organisationId, q: filter.q, registrar: filter.registrar }, options.db),
    organisationFacets(staff.organisationId, options.db),
  ]);
  const all = dashboardRows(data);
  return {
    filter,
    rows: filterDashboardRows(all, filter, options.now ?? new Date()),
    total: facets.total,
    archived: all.filter((r) => r.archivedAt !== null).length,
    registrars: facets.registrars,
  };
}

/** The organisation's transfers as the HTTP API lists them (newest first, archived included). Any staff member. */
export async function listTransferItems(
  actor: Actor | null,
  _input: Record<string, never> = {},
  deps: Deps = {},
): Promise<TransferListItem[]> {
  const staff = requireStaffActor(actor);
  return listTransferRows(deps.db, staff.organisationId);
}

export type { StepId };
