import type { MatrixRow } from "@/lib/app/runs/matrix";

const STATUS_CLASS: Record<MatrixRow["status"], string> = {
  ok: "",
  stale: "bg-amber-100 text-amber-950",
  "ns-differs": "bg-amber-50 text-amber-950",
  lame: "bg-red-50 text-red-950",
  dead: "bg-red-100 text-red-950",
};

const yes = (b: boolean) => (b ? "yes" : "NO");

/** Rows: server × address; the stale or dead server stands out in colour and in words. */
export function ServerMatrix({ rows }: { rows: MatrixRow[] }) {
  if (!rows.length) return <p className="text-sm text-slate-500">No server was queried.</p>;
  return (
    <div className="overflow-x-auto">
      <table className="w-full text-left text-sm" data-testid="server-matrix">
        <thead className="text-xs uppercase tracking-wide text-slate-500">
          <tr>
            <th className="py-2 pr-3">Operator</th>
            <th className="pr-3">Server</th>
            <th className="pr-3">Address</th>
            <th className="pr-3">SOA serial</th>
            <th className="pr-3">NS set</th>
            <th className="pr-3">UDP</th>
            <th className="pr-3">TCP</th>
            <th className="pr-3">AXFR</th>
            <th className="pr-3">AA</th>
            <th>Status</th>
          </tr>
        </thead>
        <tbody>
          {rows.map((r) => (
            <tr
              key={`${r.operator} ${r.server} ${r.address}`}
              className={`border-t border-slate-100 ${STATUS_CLASS[r.status]}`}
              data-testid="matrix-row"
              data-status={r.status}
              data-server={r.server}
              data-address={r.address}
            >
              <td className="py-1.5 pr-3">{r.operator}</td>
              <td className="pr-3 font-mono">{r.server}</td>
              <td className="pr-3 font-mono">{r.address}</td>
              <td className="pr-3 font-mono" data-testid="matrix-serial">
                {r.serial ?? "—"}
              </td>
              <td className="pr-3 font-mono text-xs">{r.ns.join(" ") || "—"}</td>
              <td className="pr-3">{yes(r.udp)}</td>
              <td className="pr-3">{yes(r.tcp)}</td>
              <td className="pr-3" data-testid="matrix-axfr" data-axfr={r.axfr}>
                {r.axfrText}
              </td>
              <td className="pr-3">{yes(r.aa)}</td>
              <td data-testid="matrix-status">
                <strong>{r.status === "ok" ? "ok" : r.status.toUpperCase()}</strong>
                {r.status !== "ok" && <span className="block text-xs">{r.note}</span>}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}
