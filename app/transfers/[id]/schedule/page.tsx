import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { getSchedulePage } from "@/lib/app/schedule/get-schedule";
import { listReminders, type ReminderView } from "@/lib/app/reminders/list-reminders";
import { PARTY_ROLES, PARTY_ROLE_LABELS } from "@/lib/schedule/parties";
import { formatLocal } from "@/lib/schedule/zoned-time";
import { Card } from "@/app/_components/ui/card";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { WindowForm } from "./_components/window-form";
import { PartyForm } from "./_components/party-form";
import { OperationsForm } from "./_components/operations-form";
import { ScheduleTimeline } from "./_components/timeline";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Schedule");

function reminderStatus(r: ReminderView): string {
  if (r.status === "planned") return "planned";
  if (r.status === "due") return "due: goes out within a minute";
  if (r.status === "missed") return "not sent (its time passed)";
  const mail =
    r.mailStatus === "sent" ? " by e-mail" : r.mailStatus === "off" ? " (e-mail off)" : ` (e-mail: ${r.mailStatus})`;
  return `sent${mail}${r.webhooks ? `, ${r.webhooks} webhook(s)` : ""}`;
}

export default async function SchedulePage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const staff = await pageStaff();
  const data = await pageCall(async () => getSchedulePage(staff, { transferId: id }));
  if (!data) notFound();
  const reminders = await pageCall(() => listReminders(staff, { transferId: id }));
  const { transfer: t, window: w } = data;
  const inZone = (iso: string | null) => (iso && w ? `${formatLocal(new Date(iso), w.timeZone)} · ${iso}` : "—");
  return (
    <div className="space-y-6">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href={`/transfers/${t.id}`} className="underline">
              {t.domainUnicode}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">Maintenance window and parties</h1>
        </div>
        <div className="flex gap-2">
          {w && (
            <a
              href={`/transfers/${t.id}/schedule/calendar.ics`}
              className={secondaryButtonClass}
              data-testid="download-ics"
            >
              Download calendar (.ics)
            </a>
          )}
          <Link href={`/transfers/${t.id}/checklist`} className={secondaryButtonClass} data-testid="to-checklist">
            Checklist
          </Link>
        </div>
      </div>

      <Card title="Warnings" testId="schedule-warnings">
        {data.warnings.length === 0 ? (
          <p className="text-sm text-green-700">No warnings.</p>
        ) : (
          <ul className="list-disc space-y-1 pl-5 text-sm text-amber-800">
            {data.warnings.map((x, i) => (
              <li key={i} data-testid="schedule-warning" data-code={x.code}>
                {x.message}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Timeline" testId="timeline-card">
        <ScheduleTimeline
          window={w}
          timing={data.timing}
          oldServersKeptUntil={data.operations.oldZoneKeptUntil ?? null}
        />
      </Card>

      <Card title="Window" testId="window-card">
        {w && (
          <dl className="mb-4 grid gap-2 text-sm sm:grid-cols-2" data-testid="window-summary">
            <div>
              <dt className="text-slate-500">Start</dt>
              <dd data-testid="window-start-text">{inZone(w.start)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">End</dt>
              <dd data-testid="window-end-text">{inZone(w.end)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">TTL lowering planned</dt>
              <dd>{inZone(w.ttlLoweringAt)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">TTL lowering at the latest</dt>
              <dd>{inZone(data.latestTtlLowering)}</dd>
            </div>
            <div>
              <dt className="text-slate-500">Old servers may be retired from</dt>
              <dd data-testid="overlap-end">{inZone(data.overlapEnd)}</dd>
            </div>
          </dl>
        )}
        <WindowForm
          transferId={t.id}
          start={w?.start ?? null}
          end={w?.end ?? null}
          ttlLoweringAt={w?.ttlLoweringAt ?? null}
          timeZone={w?.timeZone ?? null}
          holidayRegion={w?.holidayRegion ?? null}
        />
      </Card>

      <Card title="Reminders" testId="reminders-card">
        <p className="mb-3 text-sm text-slate-700" data-testid="reminders-mail">
          {reminders.mail
            ? "Each reminder is e-mailed to every party's contacts and sent to the organisation's webhooks, once."
            : "E-mail is off on this server (no SMTP configured): reminders go to the organisation's webhooks only."}
          {reminders.archived && " This transfer is archived: no reminders are sent."}
        </p>
        {reminders.reminders.length === 0 ? (
          <p className="text-sm text-slate-600">No window is scheduled: nothing to remind anyone of.</p>
        ) : (
          <ul className="space-y-1 text-sm">
            {reminders.reminders.map((r) => (
              <li key={r.kind} data-testid="reminder" data-kind={r.kind} data-status={r.status}>
                <span className="font-medium">{r.label}</span> — {inZone(r.dueAt.toISOString())} — {reminderStatus(r)}
              </li>
            ))}
          </ul>
        )}
      </Card>

      <Card title="Timing from the latest live check" testId="timing-card">
        {data.plan === null ? (
          <p className="text-sm text-slate-600">No live check has finished yet: run one to measure the TTLs.</p>
        ) : (
          <div className="space-y-2 text-sm">
            <p>
              Minimum window <strong data-testid="minimum-window">{data.minimumWindow}</strong>; required overlap{" "}
              <strong data-testid="required-overlap">{data.requiredOverlap}</strong>; lower TTLs at least{" "}
              <strong>{data.ttlLoweringLead}</strong> before the start.
            </p>
            {data.measured && (
              <dl className="grid gap-x-6 gap-y-1 sm:grid-cols-3" data-testid="measured-ttls">
                {(
                  [
                    ["Parent NS TTL", data.measured.inputs.parentNsTtl, "parent-ns-ttl"],
                    ["Child NS TTL", data.measured.inputs.childNsTtl, "child-ns-ttl"],
                    ["DS TTL", data.measured.inputs.dsTtl, "ds-ttl"],
                    ["Largest record TTL", data.measured.inputs.maxRecordTtl, "max-ttl"],
                    ["Negative TTL", data.measured.negativeTtlSeconds, "negative-ttl"],
                    ["Changing records' TTL", data.measured.inputs.changingRecordsTtl ?? null, "changing-ttl"],
                  ] as const
                ).map(([label, v, testId]) => (
                  <div key={testId}>
                    <dt className="text-slate-500">{label}</dt>
                    <dd data-testid={testId}>{v === null ? "not measured" : `${v} s`}</dd>
                  </div>
                ))}
              </dl>
            )}
            <ol className="list-decimal space-y-1 pl-5 text-slate-700" data-testid="timing-steps">
              {data.plan.steps.map((s, i) => (
                <li key={i}>{s}</li>
              ))}
            </ol>
          </div>
        )}
      </Card>

      <Card title="Operations plan" testId="operations-card">
        <OperationsForm
          transferId={t.id}
          rollbackNeededHours={data.measured ? Math.ceil(data.measured.rollbackSeconds / 3600) : null}
          values={{
            monitoringPlan: data.operations.monitoring?.plan ?? "",
            monitoringBy: data.operations.monitoring?.by ?? "",
            rollbackSteps: data.operations.rollback?.steps ?? "",
            rollbackAssumedHours: data.operations.rollback
              ? String(+(data.operations.rollback.assumedSeconds / 3600).toFixed(2))
              : "",
            oldZoneKeptUntil: data.operations.oldZoneKeptUntil ?? null,
            dnssecPlan: data.operations.dnssecPlan ?? "",
          }}
        />
      </Card>

      <Card title="Parties and contacts" testId="parties-card">
        <div className="space-y-4">
          {PARTY_ROLES.map((role) => {
            const row = data.partyRows.find((p) => p.role === role);
            return (
              <PartyForm
                key={role}
                transferId={t.id}
                party={{
                  role,
                  label: PARTY_ROLE_LABELS[role],
                  organisation: row?.organisation ?? "",
                  contacts: row?.contacts ?? [],
                  escalationChannel: row?.escalationChannel ?? null,
                  escalationTarget: row?.escalationTarget ?? null,
                  onCallConfirmed: row?.onCallConfirmed ?? false,
                  onCallBy: row?.onCallBy ?? null,
                }}
              />
            );
          })}
        </div>
      </Card>
    </div>
  );
}
