import { DEFAULT_HOLIDAY_CALENDAR } from "@/lib/schedule/holidays";
import { computeTiming, type TimingInputs } from "@/lib/schedule/timing";
import type { MaintenanceWindow } from "@/lib/schedule/window";
import { TimelineFigure } from "./timeline-figure";

/**
 * The schedule timeline ("the UI explains the arithmetic"), used
 * by the schedule page and the printable checklist. Server component: the
 * holiday calendar stays on the server; the figure gets plain data.
 */
export function ScheduleTimeline({
  window: w,
  timing,
  oldServersKeptUntil,
  now,
  nowLabel = "now",
}: {
  window: MaintenanceWindow | null;
  timing: TimingInputs | null;
  oldServersKeptUntil?: string | null;
  now?: Date;
  nowLabel?: string;
}) {
  if (w === null) {
    return (
      <p className="text-sm text-slate-600" data-testid="schedule-timeline-empty">
        No window is scheduled yet, so there is no timeline.
      </p>
    );
  }
  const plan = timing === null ? null : computeTiming(timing);
  const kept =
    oldServersKeptUntil && !Number.isNaN(Date.parse(oldServersKeptUntil))
      ? new Date(oldServersKeptUntil).toISOString()
      : null;
  return (
    <TimelineFigure
      start={w.start}
      end={w.end}
      ttlLoweringAt={w.ttlLoweringAt}
      minimumWindowSeconds={plan?.minimumWindowSeconds ?? null}
      requiredOverlapSeconds={plan?.requiredOverlapSeconds ?? null}
      ttlLoweringLeadSeconds={plan?.ttlLoweringLeadSeconds ?? null}
      oldServersKeptUntil={kept}
      now={(now ?? new Date()).toISOString()}
      nowLabel={nowLabel}
      ownerTimeZone={w.timeZone}
      // The whole region list is small (two years); the layout shades only what falls in range.
      holidays={w.holidayRegion === null ? [] : (DEFAULT_HOLIDAY_CALENDAR.regions[w.holidayRegion] ?? [])}
    />
  );
}
