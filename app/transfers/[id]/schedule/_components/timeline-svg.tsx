import {
  stackTopLabels,
  type TimelineLayout,
  type TimelineMarker,
  type TimelineSegment,
} from "@/lib/schedule/timeline";
import { formatLocal } from "@/lib/schedule/zoned-time";

/**
 * The schedule as a picture. Draws a layout from
 * lib/schedule/timeline.ts; no hooks, so it renders on the server or inside a
 * client component alike. Every fill has a pattern or a label as well as a
 * colour, so it survives black-and-white printing.
 */
export const VIEW_WIDTH = 1000;
export const PLOT_LEFT = 150;
export const PLOT_WIDTH = 820;
const HEIGHT = 250;
const TOP = 26;
const AXIS_Y = 200;
// Hour labels (10 px) in the row under the axis, day labels (12 px bold) in their own row below: the rows' font
// boxes are ~5 units apart, so an hour label never touches the day label that starts at midnight.
const HOUR_LABEL_DY = 15;
const DAY_LABEL_DY = 34;

const LANES = {
  lowering: { y: 44, label: "Lower TTLs" },
  window: { y: 84, label: "Window" },
  minimum: { y: 112, label: "Minimum window" },
  overlap: { y: 146, label: "Old servers serve" },
  planned: { y: 172, label: "Old servers kept" },
} as const;

const RED = "#b91c1c";
const INK = "#0f172a";

export interface TimelineSvgProps {
  layout: TimelineLayout;
  displayTimeZone: string;
  ownerTimeZone: string;
  /** Unique per instance: pattern and title ids. */
  idPrefix: string;
  title: string;
  description: string;
  nowLabel: string;
}

/** "2026-11-10 09:00 Europe/Berlin (UTC+01:00) · UTC 2026-11-10T08:00:00Z" — the hover text. */
export function bothZones(at: Date, timeZone: string): string {
  return `${formatLocal(at, timeZone)} · UTC ${at.toISOString().replace(".000Z", "Z")}`;
}

export function TimelineSvg({ layout, displayTimeZone, idPrefix, title, description, nowLabel }: TimelineSvgProps) {
  const id = (s: string) => `${idPrefix}-${s}`;
  const url = (s: string) => `url(#${id(s)})`;
  const seg = (sid: TimelineSegment["id"]) => layout.segments.find((s) => s.id === sid);
  const marker = (mid: TimelineMarker["id"]) => layout.markers.find((m) => m.id === mid);
  const tip = (s: { from: Date; to: Date; label: string }) =>
    `${s.label}\nfrom ${bothZones(s.from, displayTimeZone)}\nto ${bothZones(s.to, displayTimeZone)}`;
  const width = (s: { x0: number; x1: number }) => Math.max(2, s.x1 - s.x0);
  const lead = seg("ttl-lead");
  const win = seg("window");
  const minimum = seg("minimum-window");
  const overlap = seg("overlap");
  const planned = seg("planned-overlap");
  const lowering = marker("ttl-lowering");
  const latest = marker("latest-ttl-lowering");
  const retire = marker("retire");
  const now = marker("now");
  const right = layout.plotLeft + layout.plotWidth;
  // The labels above the plot, stacked so they never overlap (lib/schedule/timeline.ts stackTopLabels).
  const stacked = stackTopLabels({
    labels: [
      ...(retire
        ? [{ id: "retire", x: retire.x, anchor: "end" as const, text: "retire old servers ▸", fontSize: 11 }]
        : []),
      ...(now ? [{ id: "now", x: now.x, anchor: "middle" as const, text: nowLabel, fontSize: 11, bold: true }] : []),
      ...(layout.nowOutside === "before"
        ? [
            {
              id: "outside",
              x: layout.plotLeft,
              anchor: "start" as const,
              text: `◂ ${nowLabel} is earlier`,
              fontSize: 11,
            },
          ]
        : []),
      ...(layout.nowOutside === "after"
        ? [{ id: "outside", x: right, anchor: "end" as const, text: `${nowLabel} is later ▸`, fontSize: 11 }]
        : []),
    ],
    left: layout.plotLeft,
    right,
  });
  const top = {
    retire: stacked.find((l) => l.id === "retire"),
    now: stacked.find((l) => l.id === "now"),
    outside: stacked.find((l) => l.id === "outside"),
  };
  const topY = (row: number) => TOP - 6 - row * 13;

  return (
    <svg
      viewBox={`0 0 ${VIEW_WIDTH} ${HEIGHT}`}
      width="100%"
      role="img"
      aria-labelledby={id("title")}
      aria-describedby={id("desc")}
      className="h-auto max-w-full font-sans"
      style={{ printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" }}
      data-testid="timeline-svg"
    >
      <title id={id("title")}>{title}</title>
      <desc id={id("desc")}>{description}</desc>
      <defs>
        <pattern id={id("weekend")} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#f1f5f9" />
          <circle cx="4" cy="4" r="1" fill="#94a3b8" />
        </pattern>
        <pattern id={id("holiday")} width="8" height="8" patternUnits="userSpaceOnUse">
          <rect width="8" height="8" fill="#fef3c7" />
          <path d="M0 4H8" stroke="#b45309" strokeWidth="0.8" />
        </pattern>
        <pattern id={id("hatch")} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#e0e7ff" />
          <path d="M0 0V8" stroke="#3730a3" strokeWidth="2.5" />
        </pattern>
        <pattern id={id("lead")} width="6" height="6" patternUnits="userSpaceOnUse">
          <rect width="6" height="6" fill="#ecfeff" />
          <circle cx="3" cy="3" r="1.3" fill="#0e7490" />
        </pattern>
        <pattern id={id("short")} width="8" height="8" patternUnits="userSpaceOnUse" patternTransform="rotate(45)">
          <rect width="8" height="8" fill="#fecaca" />
          <path d="M0 0V8M0 0H8" stroke={RED} strokeWidth="2" />
        </pattern>
      </defs>

      {/* Weekend and holiday days of the owner's zone. */}
      <g data-testid="timeline-bands">
        {layout.bands.map((b) => (
          <rect
            key={b.date}
            x={b.x0}
            y={TOP}
            width={width(b)}
            height={AXIS_Y - TOP}
            fill={url(b.kind)}
            data-kind={b.kind}
          >
            <title>{b.label}</title>
          </rect>
        ))}
      </g>

      {/* Lane labels. */}
      <g fontSize="12" fill={INK}>
        {Object.entries(LANES).map(([k, l]) => (
          <text key={k} x={PLOT_LEFT - 8} y={l.y + 4} textAnchor="end">
            {l.label}
          </text>
        ))}
      </g>

      {/* Axis and ticks in the display zone; UTC on hover. */}
      <g data-testid="timeline-axis">
        <line x1={layout.plotLeft} x2={right} y1={AXIS_Y} y2={AXIS_Y} stroke={INK} />
        {layout.ticks.map((t) => (
          <g key={t.at.getTime()}>
            <title>{bothZones(t.at, displayTimeZone)}</title>
            <line
              x1={t.x}
              x2={t.x}
              y1={t.kind === "day" ? TOP : AXIS_Y - 4}
              y2={AXIS_Y + 5}
              stroke={t.kind === "day" ? "#cbd5e1" : "#94a3b8"}
              strokeWidth={t.kind === "day" ? 1 : 0.75}
            />
            {/* A day label would run off the right edge: keep only its tick line. */}
            {(t.kind === "hour" || t.x <= VIEW_WIDTH - 75) && (
              <text
                x={t.kind === "day" ? t.x + 4 : t.x}
                y={AXIS_Y + (t.kind === "day" ? DAY_LABEL_DY : HOUR_LABEL_DY)}
                textAnchor={t.kind === "day" ? "start" : "middle"}
                fontSize={t.kind === "day" ? 12 : 10}
                fontWeight={t.kind === "day" ? 600 : 400}
                fill={t.kind === "day" ? INK : "#475569"}
                data-testid={t.kind === "day" ? "timeline-day-tick" : undefined}
              >
                {t.label}
              </text>
            )}
          </g>
        ))}
      </g>

      {/* Lane 1: TTL lowering, at least one old TTL (+ margin) before the start. */}
      {lead && (
        <rect
          x={lead.x0}
          y={LANES.lowering.y - 8}
          width={width(lead)}
          height={16}
          fill={url("lead")}
          stroke="#0e7490"
          data-testid="timeline-ttl-lead"
        >
          <title>{tip(lead)}</title>
        </rect>
      )}
      {latest && (
        <g>
          <title>{`${latest.label}: ${bothZones(latest.at, displayTimeZone)}`}</title>
          <line
            x1={latest.x}
            x2={latest.x}
            y1={LANES.lowering.y - 12}
            y2={LANES.lowering.y + 12}
            stroke="#0e7490"
            strokeWidth="2"
          />
        </g>
      )}
      {lowering && (
        <g data-testid="timeline-ttl-lowering" data-status={lowering.status}>
          <title>{`${lowering.label}${lowering.status === "short" ? " — too late" : ""}: ${bothZones(lowering.at, displayTimeZone)}`}</title>
          <path
            d={`M${lowering.x} ${LANES.lowering.y - 9}l9 9l-9 9l-9 -9z`}
            fill={lowering.status === "short" ? RED : "#0e7490"}
            stroke="white"
          />
          {lowering.status === "short" && (
            <text x={lowering.x + 12} y={LANES.lowering.y + 4} fontSize="11" fontWeight="700" fill={RED}>
              TOO LATE
            </text>
          )}
        </g>
      )}

      {/* Lane 2: the planned window; lane 3: the computed minimum against it. */}
      {win && (
        <g data-testid="timeline-window" data-status={win.status}>
          <title>{tip(win)}</title>
          <rect
            x={win.x0}
            y={LANES.window.y - 10}
            width={width(win)}
            height={20}
            fill={win.status === "short" ? url("short") : "#1d4ed8"}
            stroke={win.status === "short" ? RED : INK}
            strokeWidth={win.status === "short" ? 2 : 1}
          />
          {win.status === "short" ? (
            // Outside the bar: red text on the red hatch would not read.
            <text x={win.x1 + 6} y={LANES.window.y + 4} fontSize="11" fontWeight="700" fill={RED}>
              TOO SHORT
            </text>
          ) : (
            <text x={win.x0 + 4} y={LANES.window.y + 4} fontSize="11" fontWeight="700" fill="white">
              window
            </text>
          )}
        </g>
      )}
      {minimum && (
        <g data-testid="timeline-minimum">
          <title>{tip(minimum)}</title>
          <rect
            x={minimum.x0}
            y={LANES.minimum.y - 6}
            width={width(minimum)}
            height={12}
            fill="none"
            stroke={INK}
            strokeDasharray="4 3"
            strokeWidth="1.5"
          />
          <text x={minimum.x1 + 4} y={LANES.minimum.y + 4} fontSize="10" fill={INK}>
            min
          </text>
        </g>
      )}

      {/* Lane 4: the required overlap after the window; lane 5: what is planned. */}
      {overlap && (
        <g data-testid="timeline-overlap">
          <title>{tip(overlap)}</title>
          <rect
            x={overlap.x0}
            y={LANES.overlap.y - 9}
            width={width(overlap)}
            height={18}
            fill={url("hatch")}
            stroke="#3730a3"
          />
        </g>
      )}
      {planned && (
        <g data-testid="timeline-planned-overlap" data-status={planned.status}>
          <title>{tip(planned)}</title>
          <rect
            x={planned.x0}
            y={LANES.planned.y - 6}
            width={width(planned)}
            height={12}
            fill={planned.status === "short" ? url("short") : "#334155"}
            stroke={planned.status === "short" ? RED : INK}
          />
          {planned.status === "short" && (
            <text x={planned.x1 + 4} y={LANES.planned.y + 4} fontSize="11" fontWeight="700" fill={RED}>
              TOO SHORT
            </text>
          )}
        </g>
      )}
      {!planned && overlap && (
        <text x={overlap.x0 + 4} y={LANES.planned.y + 4} fontSize="10" fill="#475569">
          not planned
        </text>
      )}
      {retire && (
        <g data-testid="timeline-retire">
          <title>{`${retire.label} from ${bothZones(retire.at, displayTimeZone)}`}</title>
          <line x1={retire.x} x2={retire.x} y1={TOP} y2={AXIS_Y} stroke="#3730a3" strokeWidth="2" />
          {top.retire && (
            <text x={top.retire.x} y={topY(top.retire.row)} textAnchor="end" fontSize="11" fill="#3730a3">
              {top.retire.text}
            </text>
          )}
        </g>
      )}

      {/* Now. */}
      {now && (
        <g data-testid="timeline-now">
          <title>{`${nowLabel}: ${bothZones(now.at, displayTimeZone)}`}</title>
          <line x1={now.x} x2={now.x} y1={TOP} y2={AXIS_Y} stroke={INK} strokeWidth="1.5" strokeDasharray="2 3" />
          {top.now && (
            <text x={top.now.x} y={topY(top.now.row)} textAnchor="middle" fontSize="11" fontWeight="700" fill={INK}>
              {top.now.text}
            </text>
          )}
        </g>
      )}
      {top.outside && (
        <text
          x={top.outside.x}
          y={topY(top.outside.row)}
          textAnchor={top.outside.anchor}
          fontSize="11"
          fill={INK}
          data-testid="timeline-now-outside"
        >
          {top.outside.text}
        </text>
      )}
    </svg>
  );
}

/** Small swatches for the text legend: the same fills as the picture. */
export function Swatch({
  kind,
  idPrefix,
}: {
  kind: "weekend" | "holiday" | "hatch" | "lead" | "short" | "window" | "minimum" | "planned" | "now";
  idPrefix: string;
}) {
  const fill = (p: string) => `url(#${idPrefix}-${p})`;
  return (
    <svg
      width="28"
      height="14"
      viewBox="0 0 28 14"
      aria-hidden="true"
      className="mr-2 inline-block shrink-0 align-middle"
      style={{ printColorAdjust: "exact", WebkitPrintColorAdjust: "exact" }}
    >
      {kind === "window" && <rect x="1" y="2" width="26" height="10" fill="#1d4ed8" stroke={INK} />}
      {kind === "minimum" && (
        <rect x="1" y="3" width="26" height="8" fill="none" stroke={INK} strokeDasharray="4 3" strokeWidth="1.5" />
      )}
      {kind === "planned" && <rect x="1" y="3" width="26" height="8" fill="#334155" stroke={INK} />}
      {kind === "now" && <line x1="14" x2="14" y1="0" y2="14" stroke={INK} strokeWidth="1.5" strokeDasharray="2 3" />}
      {(kind === "weekend" || kind === "holiday" || kind === "hatch" || kind === "lead" || kind === "short") && (
        <rect x="1" y="1" width="26" height="12" fill={fill(kind)} stroke="#64748b" />
      )}
    </svg>
  );
}
