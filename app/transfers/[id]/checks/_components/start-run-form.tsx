"use client";

import { useRouter } from "next/navigation";
import { useState, type FormEvent } from "react";
import { Field, inputClass } from "@/app/_components/ui/field";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";

/** The route's 422 `issues` (lib/app/use-case.ts), first message per field. */
function fieldErrors(issues: { path: string; message: string }[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[i.path.split(".")[0] || "form"] ??= i.message;
  return errors;
}

/** The last run's servers and options: the form starts the next run the same way. */
export interface LastRunSettings {
  newServers: string[];
  port: number;
  rootHints: string;
  allowPrivate: boolean;
  ratePerServer: string;
  deadlineSeconds: string;
  maxQueries: string;
}

/** Defaults shown in the form (lib/dns DEFAULT_LOAD_LIMITS and the per-run query cap). */
const DEFAULT_RATE = 400;

/** Enter/confirm the servers and operator options, discover the old servers, start a live check. */
export function StartRunForm({
  transferId,
  zone,
  initialOld,
  initialRdap = "",
  initialHttp = false,
  last,
  privateScope = "none",
}: {
  transferId: string;
  zone: string;
  initialOld: string;
  initialRdap?: string;
  initialHttp?: boolean;
  last?: LastRunSettings;
  privateScope?: "none" | "loopback" | "private";
}) {
  const router = useRouter();
  const [oldServers, setOld] = useState(initialOld);
  const [newServers, setNew] = useState((last?.newServers ?? []).join("\n"));
  const [allowPrivate, setAllowPrivate] = useState(last?.allowPrivate ?? false);
  const [port, setPort] = useState(String(last?.port ?? 53));
  const [rootHints, setRootHints] = useState(last?.rootHints ?? "");
  const [rate, setRate] = useState(last?.ratePerServer ?? "");
  const [deadline, setDeadline] = useState(last?.deadlineSeconds ?? "");
  const [maxQueries, setMaxQueries] = useState(last?.maxQueries ?? "");
  // The CLI's pipeline extras (cutover check --http, --rdap URL).
  const [http, setHttp] = useState(initialHttp);
  const [rdapBaseUrl, setRdap] = useState(initialRdap);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [busy, setBusy] = useState<"" | "start" | "discover">("");
  const [note, setNote] = useState("");

  async function discover() {
    setBusy("discover");
    setNote("");
    try {
      const res = await fetch(`/api/transfers/${transferId}/runs/discover`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ zone, allowPrivate, port, rootHints }),
      });
      const body = await res.json();
      if (!res.ok) setNote(body.message ?? "discovery failed");
      else {
        setOld(body.servers.join("\n"));
        setNote(
          body.problem
            ? `Delegation walk: ${body.problem}`
            : `Found ${body.servers.length} server address(es) in the delegation.`,
        );
      }
    } finally {
      setBusy("");
    }
  }

  async function submit(e: FormEvent) {
    e.preventDefault();
    setBusy("start");
    setErrors({});
    try {
      const res = await fetch(`/api/transfers/${transferId}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          oldServers,
          newServers,
          allowPrivate,
          port,
          rootHints,
          http,
          rdapBaseUrl,
          ...(rate.trim() ? { ratePerServer: rate } : {}),
          ...(deadline.trim() ? { deadlineSeconds: deadline } : {}),
          ...(maxQueries.trim() ? { maxQueries } : {}),
        }),
      });
      const body = await res.json();
      if (res.status === 201) router.push(`/transfers/${transferId}/checks/${body.runId}`);
      else setErrors(Array.isArray(body.issues) ? fieldErrors(body.issues) : { form: "could not start the run" });
    } finally {
      setBusy("");
    }
  }

  return (
    <form onSubmit={submit} className="space-y-4" data-testid="start-run-form">
      <div className="grid gap-4 md:grid-cols-2">
        <Field
          label="Old operator's servers"
          htmlFor="oldServers"
          error={errors.oldServers}
          hint="name=address[:port], one per line. Empty: walk the delegation from the root hints."
        >
          <textarea
            id="oldServers"
            className={`${inputClass} font-mono`}
            rows={4}
            value={oldServers}
            onChange={(e) => setOld(e.target.value)}
          />
        </Field>
        <Field
          label="New operator's servers"
          htmlFor="newServers"
          error={errors.newServers}
          hint="name=address[:port], queried undelegated: only these, never the old servers."
        >
          <textarea
            id="newServers"
            className={`${inputClass} font-mono`}
            rows={4}
            value={newServers}
            onChange={(e) => setNew(e.target.value)}
          />
        </Field>
      </div>
      <details className="rounded-md border border-slate-200 p-3" data-testid="operator-options">
        <summary className="cursor-pointer text-sm font-medium">Operator options</summary>
        <div className="mt-3 grid gap-4 md:grid-cols-3">
          {/* The operator's CUTOVER_ALLOW_PRIVATE decides the scope; ticking only asks for it (the server refuses more). */}
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              id="allowPrivate"
              checked={allowPrivate}
              disabled={privateScope === "none"}
              onChange={(e) => setAllowPrivate(e.target.checked)}
            />
            <span>
              Allow private and loopback addresses (lab)
              <span className="block text-xs text-slate-500" data-testid="private-scope">
                {privateScope === "none"
                  ? "Not allowed on this server."
                  : privateScope === "loopback"
                    ? "This server allows loopback only."
                    : "This server allows loopback and private addresses."}
              </span>
              {errors.allowPrivate && (
                <span role="alert" className="block text-xs text-red-700">
                  {errors.allowPrivate}
                </span>
              )}
            </span>
          </label>
          <Field label="Port" htmlFor="port" error={errors.port}>
            <input
              id="port"
              className={inputClass}
              inputMode="numeric"
              value={port}
              onChange={(e) => setPort(e.target.value)}
            />
          </Field>
          <Field
            label="Queries per second per server"
            htmlFor="ratePerServer"
            error={errors.ratePerServer}
            hint={`Empty: the default, ${DEFAULT_RATE} per server address.`}
          >
            <input
              id="ratePerServer"
              className={inputClass}
              inputMode="decimal"
              placeholder={String(DEFAULT_RATE)}
              value={rate}
              onChange={(e) => setRate(e.target.value)}
            />
          </Field>
        </div>
        <div className="mt-3 grid gap-4 md:grid-cols-3">
          <Field
            label="Deadline per snapshot (seconds)"
            htmlFor="deadlineSeconds"
            error={errors.deadlineSeconds}
            hint="Empty: derived from the plan (planned queries ÷ rate, plus a margin)."
          >
            <input
              id="deadlineSeconds"
              className={inputClass}
              inputMode="numeric"
              placeholder="derived"
              value={deadline}
              onChange={(e) => setDeadline(e.target.value)}
            />
          </Field>
          <Field
            label="Maximum queries per run"
            htmlFor="maxQueries"
            error={errors.maxQueries}
            hint="Empty: the server's per-run cap (50,000 unless the operator set another)."
          >
            <input
              id="maxQueries"
              className={inputClass}
              inputMode="numeric"
              placeholder="50000"
              value={maxQueries}
              onChange={(e) => setMaxQueries(e.target.value)}
            />
          </Field>
        </div>
        <div className="mt-3 grid gap-4 md:grid-cols-3">
          <label className="flex items-center gap-2 text-sm">
            <input
              type="checkbox"
              id="httpProbe"
              checked={http}
              onChange={(e) => setHttp(e.target.checked)}
              data-testid="http-probe"
            />
            Probe HTTP(S) of the apex and www, and the MTA-STS policy
          </label>
          <div className="md:col-span-2">
            <Field
              label="RDAP base URL"
              htmlFor="rdapBaseUrl"
              error={errors.rdapBaseUrl}
              hint="The registry's RDAP service (https). Empty: registration status needs manual evidence."
            >
              <input
                id="rdapBaseUrl"
                className={inputClass}
                placeholder="https://rdap.example/"
                value={rdapBaseUrl}
                onChange={(e) => setRdap(e.target.value)}
              />
            </Field>
          </div>
        </div>
        <div className="mt-3">
          <Field
            label="Root hints"
            htmlFor="rootHints"
            error={errors.rootHints}
            hint="Master-file lines (. NS name / name A address). Empty: the IANA root servers."
          >
            <textarea
              id="rootHints"
              className={`${inputClass} font-mono`}
              rows={3}
              value={rootHints}
              onChange={(e) => setRootHints(e.target.value)}
            />
          </Field>
        </div>
      </details>
      {errors.form && (
        <p role="alert" className="text-sm text-red-700">
          {errors.form}
        </p>
      )}
      {note && (
        <p className="text-sm text-slate-600" data-testid="discover-note">
          {note}
        </p>
      )}
      <div className="flex gap-3">
        <button type="submit" className={buttonClass} disabled={busy !== ""} data-testid="start-run">
          {busy === "start" ? "Starting…" : "Start live check"}
        </button>
        <button
          type="button"
          className={secondaryButtonClass}
          disabled={busy !== ""}
          onClick={discover}
          data-testid="discover"
        >
          {busy === "discover" ? "Walking the delegation…" : "Discover old servers"}
        </button>
      </div>
    </form>
  );
}
