"use client";

import Link from "next/link";
import { useRouter } from "next/navigation";
import { useEffect, useState, type FormEvent } from "react";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";
import { Field, inputClass } from "@/app/_components/ui/field";
import type { MemberSummary } from "@/lib/app/portfolios/summary";
import { STAGE_LABELS } from "@/lib/app/portfolios/summary";

function Verdict({ v }: { v: MemberSummary["verdict"] }) {
  if (!v)
    return (
      <span className="text-slate-400" data-testid="member-verdict">
        —
      </span>
    );
  return (
    <span
      data-testid="member-verdict"
      className={`inline-block rounded px-2 py-0.5 text-xs font-bold ${v === "go" ? "bg-emerald-100 text-emerald-900" : "bg-red-100 text-red-900"}`}
    >
      {v === "go" ? "GO" : "NO-GO"}
    </span>
  );
}

function windowText(w: MemberSummary["window"]): string {
  if (!w) return "—";
  const f = (s: string) => s.slice(0, 16).replace("T", " ");
  return `${f(w.start)} – ${f(w.end)} UTC`;
}

/**
 * The members with their stage, verdict, blockers and window; a selection
 * (or all) is checked with the run options below. While checks are queued
 * or running the page re-reads itself, which also moves the queue on.
 */
export function MemberTable({
  portfolioId,
  members,
  checking,
  privateScope,
}: {
  portfolioId: string;
  members: MemberSummary[];
  checking: boolean;
  privateScope: "none" | "loopback" | "private";
}) {
  const router = useRouter();
  const [selected, setSelected] = useState<string[]>([]);
  const [allowPrivate, setAllowPrivate] = useState(false);
  const [port, setPort] = useState("53");
  const [rootHints, setRootHints] = useState("");
  const [rate, setRate] = useState("");
  const [busy, setBusy] = useState(false);
  const [message, setMessage] = useState("");
  const [errors, setErrors] = useState<{ domain: string; message: string }[]>([]);

  useEffect(() => {
    if (!checking) return;
    const t = setInterval(() => router.refresh(), 1500);
    return () => clearInterval(t);
  }, [checking, router]);

  async function start(e: FormEvent, all: boolean) {
    e.preventDefault();
    setBusy(true);
    setMessage("");
    setErrors([]);
    try {
      const res = await fetch(`/api/portfolios/${portfolioId}/runs`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({
          transferIds: all ? [] : selected,
          allowPrivate,
          port,
          rootHints,
          ...(rate.trim() ? { ratePerServer: rate } : {}),
        }),
      });
      const body = await res.json();
      if (res.ok) {
        setMessage(
          `${body.queued} check(s) queued${body.alreadyQueued ? `, ${body.alreadyQueued} already waiting` : ""}.`,
        );
        setSelected([]);
        router.refresh();
      } else
        setErrors(
          Array.isArray(body.issues) && body.issues.length > 0
            ? body.issues.map((i: { path: string; message: string }) => ({ domain: i.path, message: i.message }))
            : [{ domain: "", message: body.message ?? "the checks could not be started" }],
        );
    } finally {
      setBusy(false);
    }
  }

  const toggle = (id: string) => setSelected((s) => (s.includes(id) ? s.filter((x) => x !== id) : [...s, id]));

  return (
    <div className="space-y-4">
      <div className="overflow-x-auto">
        <table className="w-full text-left text-sm" data-testid="member-table">
          <thead className="text-xs uppercase text-slate-500">
            <tr>
              <th className="py-1 pr-2">
                <span className="sr-only">Select</span>
              </th>
              <th className="py-1 pr-3">Domain</th>
              <th className="py-1 pr-3">Stage</th>
              <th className="py-1 pr-3">Verdict</th>
              <th className="py-1 pr-3">Blockers</th>
              <th className="py-1 pr-3">Window</th>
              <th className="py-1">Open</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {members.map((m) => (
              <tr
                key={m.transferId}
                data-testid="member-row"
                data-domain={m.domainAscii}
                data-stage={m.stage}
                data-verdict={m.verdict ?? "none"}
              >
                <td className="py-2 pr-2">
                  <input
                    type="checkbox"
                    checked={selected.includes(m.transferId)}
                    onChange={() => toggle(m.transferId)}
                    aria-label={`Select ${m.domain}`}
                    data-testid="member-select"
                  />
                </td>
                <td className="py-2 pr-3 font-medium">
                  <Link href={`/transfers/${m.transferId}`} className="underline" data-testid="member-link">
                    {m.domain}
                  </Link>
                </td>
                <td className="py-2 pr-3" data-testid="member-stage">
                  {STAGE_LABELS[m.stage]}
                  {m.error && (
                    <span className="block text-xs text-red-700" data-testid="member-error">
                      {m.error}
                    </span>
                  )}
                </td>
                <td className="py-2 pr-3">
                  <Verdict v={m.verdict} />
                </td>
                <td className="py-2 pr-3" data-testid="member-blockers">
                  {m.blockers ?? "—"}
                </td>
                <td className="py-2 pr-3" data-testid="member-window">
                  {windowText(m.window)}
                </td>
                <td className="py-2 text-xs">
                  <Link
                    href={
                      m.runId ? `/transfers/${m.transferId}/checks/${m.runId}` : `/transfers/${m.transferId}/checks`
                    }
                    className="underline"
                    data-testid="member-checks-link"
                  >
                    checks
                  </Link>{" "}
                  ·{" "}
                  <Link href={`/transfers/${m.transferId}/schedule`} className="underline">
                    schedule
                  </Link>{" "}
                  ·{" "}
                  <Link href={`/transfers/${m.transferId}/checklist`} className="underline">
                    checklist
                  </Link>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
        {members.length === 0 && (
          <p className="py-4 text-sm text-slate-600" data-testid="no-members">
            No member matches the filters.
          </p>
        )}
      </div>
      <form
        className="space-y-3 rounded-md border border-slate-200 p-4"
        data-testid="check-form"
        onSubmit={(e) => start(e, false)}
      >
        <p className="text-sm font-medium">Live checks</p>
        <details className="text-sm" data-testid="check-options">
          <summary className="cursor-pointer">Operator options</summary>
          <div className="mt-3 grid gap-4 md:grid-cols-3">
            <label className="flex items-center gap-2">
              <input
                type="checkbox"
                id="check-allowPrivate"
                checked={allowPrivate}
                disabled={privateScope === "none"}
                onChange={(e) => setAllowPrivate(e.target.checked)}
              />
              Allow private and loopback addresses (lab)
            </label>
            <Field label="Port" htmlFor="check-port">
              <input
                id="check-port"
                className={inputClass}
                inputMode="numeric"
                value={port}
                onChange={(e) => setPort(e.target.value)}
              />
            </Field>
            <Field label="Queries per second per server" htmlFor="check-rate">
              <input
                id="check-rate"
                className={inputClass}
                inputMode="decimal"
                value={rate}
                onChange={(e) => setRate(e.target.value)}
              />
            </Field>
          </div>
          <Field label="Root hints (lab)" htmlFor="check-rootHints">
            <textarea
              id="check-rootHints"
              className={`${inputClass} font-mono`}
              rows={2}
              value={rootHints}
              onChange={(e) => setRootHints(e.target.value)}
            />
          </Field>
        </details>
        <div className="flex flex-wrap items-center gap-3">
          <button
            type="submit"
            className={buttonClass}
            disabled={busy || selected.length === 0}
            data-testid="check-selected"
          >
            Check {selected.length} selected
          </button>
          <button
            type="button"
            className={secondaryButtonClass}
            disabled={busy}
            onClick={(e) => start(e, true)}
            data-testid="check-all"
          >
            Check all
          </button>
          {message && (
            <span className="text-sm text-emerald-800" data-testid="check-message">
              {message}
            </span>
          )}
        </div>
        {errors.length > 0 && (
          <ul role="alert" className="text-sm text-red-700" data-testid="check-errors">
            {errors.map((er) => (
              <li key={er.domain + er.message}>
                {er.domain ? `${er.domain}: ` : ""}
                {er.message}
              </li>
            ))}
          </ul>
        )}
      </form>
    </div>
  );
}
