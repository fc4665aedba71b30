"use client";

import { useEffect, useId, useState } from "react";
import { formatDuration } from "@/lib/schedule/duration";
import { layoutTimeline, type TimelineLayout } from "@/lib/schedule/timeline";
import { bothZones, PLOT_LEFT, PLOT_WIDTH, Swatch, TimelineSvg } from "./timeline-svg";

/** Serialisable plan (ISO instants) handed over from the server component. */
export interface TimelineFigureProps {
  start: string;
  end: string;
  ttlLoweringAt: string | null;
  minimumWindowSeconds: number | null;
  requiredOverlapSeconds: number | null;
  ttlLoweringLeadSeconds: number | null;
  oldServersKeptUntil: string | null;
  now: string;
  /** What the dashed line marks: "now", or the revision time on a frozen document. */
  nowLabel: string;
  ownerTimeZone: string;
  holidays: { date: string; name: string }[];
}

const date = (s: string | null) => (s === null ? null : new Date(s));

function layoutIn(p: TimelineFigureProps, displayTimeZone: string): TimelineLayout {
  return layoutTimeline({
    start: new Date(p.start),
    end: new Date(p.end),
    ttlLoweringAt: date(p.ttlLoweringAt),
    minimumWindowSeconds: p.minimumWindowSeconds,
    requiredOverlapSeconds: p.requiredOverlapSeconds,
    ttlLoweringLeadSeconds: p.ttlLoweringLeadSeconds,
    oldServersKeptUntil: date(p.oldServersKeptUntil),
    now: new Date(p.now),
    displayTimeZone,
    ownerTimeZone: p.ownerTimeZone,
    holidays: p.holidays,
    plotLeft: PLOT_LEFT,
    plotWidth: PLOT_WIDTH,
  });
}

/**
 * The timeline with its text legend. The server renders it in the owner's
 * zone; in the browser it switches to the viewer's zone, which only the
 * browser knows (same approach as the window form).
 */
export function TimelineFigure(props: TimelineFigureProps) {
  const idPrefix = `tl${useId().replace(/[^a-zA-Z0-9_-]/g, "")}`;
  const [zone, setZone] = useState(props.ownerTimeZone);
  useEffect(() => setZone(Intl.DateTimeFormat().resolvedOptions().timeZone), []);
  const layout = layoutIn(props, zone);
  const at = (s: string | null) => (s === null ? "—" : bothZones(new Date(s), zone));
  const marker = (id: string) => layout.markers.find((m) => m.id === id);
  const latest = marker("latest-ttl-lowering");
  const retire = marker("retire");
  const f = (s: number | null) => (s === null ? "unknown (no live check yet)" : formatDuration(s));
  const windowSeconds = (Date.parse(props.end) - Date.parse(props.start)) / 1000;

  const description = [
    `Times in ${zone}.`,
    props.ttlLoweringAt ? `TTL lowering planned ${at(props.ttlLoweringAt)}.` : "TTL lowering not planned.",
    latest ? `TTLs must be lowered by ${bothZones(latest.at, zone)}.` : "",
    `Window from ${at(props.start)} to ${at(props.end)}, ${formatDuration(Math.max(0, windowSeconds))}; minimum ${f(props.minimumWindowSeconds)}.`,
    retire
      ? `Old servers must keep serving until ${bothZones(retire.at, zone)} (window end + required overlap ${f(props.requiredOverlapSeconds)}) and may be retired from then on.`
      : "",
    props.oldServersKeptUntil ? `Old servers planned to be kept until ${at(props.oldServersKeptUntil)}.` : "",
    layout.bands.length > 0
      ? `Weekend or holiday days in ${props.ownerTimeZone}: ${layout.bands.map((b) => b.label).join("; ")}.`
      : `No weekend or holiday in range (${props.ownerTimeZone}).`,
    ...layout.checks.map((c) => `${c.text}.`),
  ]
    .filter(Boolean)
    .join(" ");

  return (
    <figure className="space-y-3" data-testid="schedule-timeline" data-zone={zone}>
      <TimelineSvg
        layout={layout}
        displayTimeZone={zone}
        ownerTimeZone={props.ownerTimeZone}
        idPrefix={idPrefix}
        title="Transfer timeline: TTL lowering, window, overlap and retirement of the old servers"
        description={description}
        nowLabel={props.nowLabel}
      />
      <figcaption className="space-y-3 text-sm">
        <p className="text-slate-600">
          Times in <strong data-testid="timeline-zone">{zone}</strong>; hover a bar or tick for UTC. Weekends and
          holidays are shaded as they fall in {props.ownerTimeZone}.
        </p>
        <ul className="space-y-1" data-testid="timeline-checks">
          {layout.checks.map((c) => (
            <li
              key={c.id}
              data-testid="timeline-check"
              data-check={c.id}
              data-ok={c.ok === null ? "unknown" : String(c.ok)}
              className={c.ok === false ? "font-semibold text-red-700" : c.ok ? "text-green-800" : "text-slate-700"}
            >
              <span aria-hidden="true" className="mr-1 inline-block w-4 font-bold">
                {c.ok === false ? "✗" : c.ok ? "✓" : "?"}
              </span>
              {c.text}
            </li>
          ))}
        </ul>
        <ul className="grid gap-x-6 gap-y-1 text-slate-700 sm:grid-cols-2" data-testid="timeline-legend">
          <li className="flex items-start">
            <Swatch kind="lead" idPrefix={idPrefix} />
            <span>
              Lower TTLs (diamond = planned{props.ttlLoweringAt ? `: ${at(props.ttlLoweringAt)}` : ", not planned"})
              {latest
                ? `; at the latest ${bothZones(latest.at, zone)}, ${f(props.ttlLoweringLeadSeconds)} (old TTL + margin) before the start`
                : ""}
            </span>
          </li>
          <li className="flex items-start">
            <Swatch kind="window" idPrefix={idPrefix} />
            <span>
              Window {at(props.start)} → {at(props.end)}
            </span>
          </li>
          <li className="flex items-start">
            <Swatch kind="minimum" idPrefix={idPrefix} />
            <span>Minimum window {f(props.minimumWindowSeconds)}</span>
          </li>
          <li className="flex items-start">
            <Swatch kind="hatch" idPrefix={idPrefix} />
            <span>
              Overlap: old servers keep serving {f(props.requiredOverlapSeconds)} after the window
              {retire ? `; may be retired from ${bothZones(retire.at, zone)}` : ""}
            </span>
          </li>
          {props.oldServersKeptUntil && (
            <li className="flex items-start">
              <Swatch kind="planned" idPrefix={idPrefix} />
              <span>Old servers kept until {at(props.oldServersKeptUntil)} (operations plan)</span>
            </li>
          )}
          <li className="flex items-start">
            <Swatch kind="short" idPrefix={idPrefix} />
            <span>Too short or too late (red, cross-hatched, labelled)</span>
          </li>
          <li className="flex items-start">
            <Swatch kind="weekend" idPrefix={idPrefix} />
            <span>Weekend (dotted)</span>
          </li>
          <li className="flex items-start">
            <Swatch kind="holiday" idPrefix={idPrefix} />
            <span>
              Holiday (lined)
              {layout.bands.some((b) => b.kind === "holiday")
                ? `: ${layout.bands
                    .filter((b) => b.kind === "holiday")
                    .map((b) => b.label.replace(/^Holiday /, ""))
                    .join("; ")}`
                : ""}
            </span>
          </li>
          <li className="flex items-start">
            <Swatch kind="now" idPrefix={idPrefix} />
            <span>
              {props.nowLabel[0].toUpperCase() + props.nowLabel.slice(1)}: {at(props.now)}
            </span>
          </li>
        </ul>
      </figcaption>
    </figure>
  );
}
