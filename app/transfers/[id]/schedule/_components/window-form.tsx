"use client";

import { startTransition, useActionState, useEffect, useState } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import { saveWindowAction, type FormState } from "../actions";

/** datetime-local value (viewer's zone) of a UTC instant. */
function toLocalInput(iso: string | null): string {
  if (!iso) return "";
  const d = new Date(iso);
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${d.getFullYear()}-${pad(d.getMonth() + 1)}-${pad(d.getDate())}T${pad(d.getHours())}:${pad(d.getMinutes())}`;
}
/** A datetime-local value is read in the viewer's zone by the browser; stored as UTC. */
const toUtc = (local: string) => (local ? new Date(local).toISOString() : "");

const initial: FormState = { ok: false, message: "", issues: [] };

export function WindowForm(props: {
  transferId: string;
  start: string | null;
  end: string | null;
  ttlLoweringAt: string | null;
  timeZone: string | null;
  holidayRegion: string | null;
}) {
  const [state, action, pending] = useActionState(saveWindowAction.bind(null, props.transferId), initial);
  const [viewerZone, setViewerZone] = useState("UTC");
  const [start, setStart] = useState("");
  const [end, setEnd] = useState("");
  const [lowering, setLowering] = useState("");
  // Controlled, and submitted through onSubmit rather than <form action>: React resets a form after its action
  // runs, which emptied the zone after a failed save (its placeholder still showing a zone), blocked the resubmit on
  // `required`, and put the holiday calendar back to its first value.
  const [timeZone, setTimeZone] = useState(props.timeZone ?? "");
  const [holidayRegion, setHolidayRegion] = useState(props.holidayRegion ?? "DE");
  useEffect(() => {
    // Local times depend on the viewer's zone, known only in the browser.
    setViewerZone(Intl.DateTimeFormat().resolvedOptions().timeZone);
    setStart(toLocalInput(props.start));
    setEnd(toLocalInput(props.end));
    setLowering(toLocalInput(props.ttlLoweringAt));
  }, [props.start, props.end, props.ttlLoweringAt]);
  const utc = (v: string) => (v ? toUtc(v).replace(".000Z", "Z") : "—");
  return (
    <form
      onSubmit={(e) => {
        e.preventDefault();
        const data = new FormData(e.currentTarget);
        startTransition(() => action(data));
      }}
      className="space-y-4"
      data-testid="window-form"
    >
      <p className="text-sm text-slate-600">
        Times are in your time zone, <strong data-testid="viewer-zone">{viewerZone}</strong>, and stored in UTC.
      </p>
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Window start" htmlFor="window-start" hint={<span data-testid="start-utc">UTC {utc(start)}</span>}>
          <input
            id="window-start"
            type="datetime-local"
            className={inputClass}
            value={start}
            onChange={(e) => setStart(e.target.value)}
            required
          />
        </Field>
        <Field label="Window end" htmlFor="window-end" hint={<span data-testid="end-utc">UTC {utc(end)}</span>}>
          <input
            id="window-end"
            type="datetime-local"
            className={inputClass}
            value={end}
            onChange={(e) => setEnd(e.target.value)}
            required
          />
        </Field>
        <Field
          label="TTL lowering planned at"
          htmlFor="ttl-lowering"
          hint={<span data-testid="lowering-utc">UTC {utc(lowering)}</span>}
        >
          <input
            id="ttl-lowering"
            type="datetime-local"
            className={inputClass}
            value={lowering}
            onChange={(e) => setLowering(e.target.value)}
          />
        </Field>
        <Field label="Owner's time zone" htmlFor="time-zone" hint="weekends and holidays are judged here">
          <input
            id="time-zone"
            name="timeZone"
            className={inputClass}
            value={timeZone}
            onChange={(e) => setTimeZone(e.target.value)}
            placeholder={`e.g. ${viewerZone}`}
            required
          />
        </Field>
        <Field label="Holiday calendar" htmlFor="holiday-region">
          <select
            id="holiday-region"
            name="holidayRegion"
            className={inputClass}
            value={holidayRegion}
            onChange={(e) => setHolidayRegion(e.target.value)}
          >
            <option value="">none</option>
            <option value="DE">DE</option>
            <option value="US">US</option>
            <option value="GB-ENG">GB-ENG</option>
          </select>
        </Field>
      </div>
      <input type="hidden" name="start" value={toUtc(start)} />
      <input type="hidden" name="end" value={toUtc(end)} />
      <input type="hidden" name="ttlLoweringAt" value={toUtc(lowering)} />
      <div className="flex items-center gap-4">
        <button className={buttonClass} disabled={pending} data-testid="save-window">
          Save window
        </button>
        {state.message && (
          <p
            role="status"
            data-testid="window-status"
            className={state.ok ? "text-sm text-green-700" : "text-sm text-red-700"}
          >
            {state.message}
            {state.issues.map((i) => ` · ${i.path}: ${i.message}`).join("")}
          </p>
        )}
      </div>
    </form>
  );
}
