import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { Card } from "@/app/_components/ui/card";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { VerdictBadge } from "../_components/verdict-badge";
import { DiffView } from "./_components/diff-view";
import { FindingsList } from "./_components/findings-list";
import { RunProgress } from "./_components/run-progress";
import { ServerMatrix } from "./_components/server-matrix";
import { plainTitle } from "@/lib/checks/glossary";
import { getRunView, type RunView } from "@/lib/app/runs/get-run-view";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Live check");

export default async function RunPage({ params }: { params: Promise<{ id: string; runId: string }> }) {
  const { id, runId } = await params;
  const v = await pageCall(async () => getRunView(await pageStaff(), { transferId: id, runId }));
  if (!v) notFound();
  const { run } = v;
  const back = (
    <Link href={`/transfers/${id}/checks`} className="text-sm text-slate-500 underline" data-testid="back-to-checks">
      ← Live checks
    </Link>
  );
  if (run.status !== "done") {
    return (
      <div className="space-y-6">
        {back}
        <h1 className="text-2xl font-semibold">Live check</h1>
        <Card title="Progress" testId="progress-card">
          <RunProgress
            key={run.status}
            transferId={id}
            runId={run.id}
            initial={{
              status: run.status,
              phase: run.phase,
              planned: run.planned,
              sent: run.sent,
              answered: run.answered,
              failed: run.failed,
              error: run.error,
            }}
          />
        </Card>
        {/* A stopped run keeps the snapshots it finished: how much of each priority class was asked. */}
        <PlanCard plans={v.plans} />
      </div>
    );
  }
  const c = v.counts;
  return (
    <div className="space-y-6">
      {back}
      <Card testId="verdict-card">
        <div className="flex flex-wrap items-center gap-6">
          <VerdictBadge verdict={v.verdict!} large />
          <dl className="grid grid-cols-3 gap-x-6 gap-y-1 text-sm md:grid-cols-6" data-testid="verdict-counts">
            {(
              [
                ["blockers", c.blocker],
                ["warnings", c.warning],
                ["info", c.info],
                ["open", c.open],
                ["waived", c.waived],
                ["acknowledged", c.acknowledged],
              ] as const
            ).map(([k, n]) => (
              <div key={k}>
                <dt className="text-xs uppercase tracking-wide text-slate-500">{k}</dt>
                <dd className="text-lg font-semibold" data-testid={`count-${k}`}>
                  {n}
                </dd>
              </div>
            ))}
          </dl>
        </div>
        <p className="mt-3 text-sm text-slate-600" data-testid="verdict-why">
          {v.verdict === "no-go"
            ? `NO-GO: ${c.open ? "open blockers must be fixed or waived by a named person with a reason." : ""}`
            : v.finalisable
              ? "GO: no open blocker and every warning acknowledged."
              : "GO on blockers; every warning must be acknowledged before the checklist can be finalised."}
        </p>
        <p className="mt-1 text-sm" data-testid="strict-status" data-finalisable={v.finalisable}>
          Strict (as <code>cutover check --strict</code>):{" "}
          {v.finalisable ? "finalisable — exit 0" : `not finalisable — exit 1 (${v.counts.open} open item(s))`}
        </p>
        <p className="mt-1 text-xs text-slate-500">
          {run.sent} queries sent, {run.answered} answered, {run.failed} failed · finished{" "}
          {run.finishedAt?.toISOString().replace("T", " ").slice(0, 19)} UTC
        </p>
      </Card>
      <PlanCard plans={v.plans} />
      <Card title="Servers" testId="matrix-card">
        <ServerMatrix rows={v.matrix} />
      </Card>
      <Card title={`Findings (${c.blocker + c.warning + c.info})`} testId="findings-card">
        <FindingsList
          transferId={id}
          runId={run.id}
          findings={v.findings}
          totals={v.counts}
          openKeys={v.openKeys}
          titles={Object.fromEntries(v.findings.map((f) => [f.id, plainTitle(f.id)]))}
        />
      </Card>
      <Card title="Differences" testId="diff-card">
        <DiffView
          transferId={id}
          runId={run.id}
          initial={{ rows: v.diff, total: v.diffTotal, types: v.diffTypes, comparisons: v.diffComparisons }}
        />
      </Card>
    </div>
  );
}

/** Per snapshot, how much of each priority class was asked: finished, or stopped early. */
function PlanCard({ plans }: { plans: RunView["plans"] }) {
  if (plans.length === 0) return null;
  return (
    <Card title="Query plan" testId="plan-card">
      <table className="w-full text-sm">
        <thead>
          <tr className="text-left text-xs uppercase tracking-wide text-slate-500">
            <th className="py-1">Snapshot</th>
            {/* Every plan lists the classes in the same order (lib/dns/query-plan.ts PRIORITY_CLASSES). */}
            {plans[0].classes.map((r) => (
              <th key={r.cls} className="py-1">
                {r.label} asked
              </th>
            ))}
            <th className="py-1">Deadline</th>
          </tr>
        </thead>
        <tbody>
          {plans.map((p) => (
            <tr
              key={p.side}
              data-testid={`plan-${p.side}`}
              data-incomplete={p.incomplete ? "yes" : "no"}
              data-stop-cause={p.stopCause ?? ""}
              title={p.summary}
            >
              <td className="py-1">
                {p.side} operator{p.incomplete ? ` — stopped early: ${p.incomplete}` : ""}
              </td>
              {p.classes.map((r) => (
                <td key={r.cls} className="py-1" data-testid={`plan-${p.side}-${r.cls}`}>
                  <span className="font-mono">
                    {r.asked.toLocaleString("en-US")}/{r.planned.toLocaleString("en-US")}
                  </span>
                  {r.notAskedText && (
                    <span className="block text-xs text-amber-800" data-testid={`plan-${p.side}-${r.cls}-not-asked`}>
                      {r.notAskedText}
                    </span>
                  )}
                </td>
              ))}
              <td className="py-1">
                {Math.round(p.plan.deadlineMs / 1000)} s ({p.plan.deadlineDerived ? "derived" : "set"}),{" "}
                {p.plan.ratePerServer} q/s per server
                {p.plan.transferred.length ? `; AXFR from ${p.plan.transferred.length} server(s)` : ""}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </Card>
  );
}
