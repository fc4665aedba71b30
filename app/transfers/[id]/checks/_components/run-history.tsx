import Link from "next/link";
import type { RunRow } from "@/lib/db/runs";
import { VerdictBadge } from "./verdict-badge";

export function RunHistory({ transferId, runs }: { transferId: string; runs: RunRow[] }) {
  if (runs.length === 0) return <p className="text-sm text-slate-500">No live check yet.</p>;
  return (
    <table className="w-full text-left text-sm" data-testid="run-history">
      <thead className="text-xs uppercase tracking-wide text-slate-500">
        <tr>
          <th className="py-2">Started</th>
          <th>Status</th>
          <th>Verdict</th>
          <th>Blockers</th>
          <th>Warnings</th>
          <th>Info</th>
        </tr>
      </thead>
      <tbody>
        {runs.map((r) => (
          <tr key={r.id} className="border-t border-slate-100" data-testid="run-row" data-status={r.status}>
            <td className="py-2">
              <Link
                className="text-slate-900 underline"
                href={`/transfers/${transferId}/checks/${r.id}`}
                data-testid="run-link"
              >
                {(r.startedAt ?? r.createdAt).toISOString().replace("T", " ").slice(0, 19)} UTC
              </Link>
            </td>
            <td>{r.status}</td>
            <td>{r.verdict ? <VerdictBadge verdict={r.verdict} /> : "—"}</td>
            <td>{r.status === "done" ? r.blockers : "—"}</td>
            <td>{r.status === "done" ? r.warnings : "—"}</td>
            <td>{r.status === "done" ? r.infos : "—"}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
