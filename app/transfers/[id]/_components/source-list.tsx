import Link from "next/link";
import type { SourceRow } from "@/lib/db/rows";
import { formatBytes } from "@/lib/app/sources/upload-rules";
import { RemoveSource } from "./remove-source";

export function SourceList({
  transferId,
  sources,
  canRemove = false,
}: {
  transferId: string;
  sources: SourceRow[];
  canRemove?: boolean;
}) {
  if (sources.length === 0) {
    return (
      <p className="text-sm text-slate-600">
        No exports imported yet. Upload the registrar export and every provider export you have.
      </p>
    );
  }
  return (
    <ul className="divide-y divide-slate-200" data-testid="source-list">
      {sources.map((s) => (
        <li key={s.id} className="flex flex-wrap items-center justify-between gap-3 py-3" data-testid="source-item">
          <div className="min-w-0">
            <Link
              href={`/transfers/${transferId}/sources/${s.id}`}
              className="font-medium text-slate-900 underline-offset-2 hover:underline"
              data-testid="source-link"
            >
              {s.label}
            </Link>
            <span className="ml-2 rounded bg-slate-100 px-1.5 py-0.5 font-mono text-xs text-slate-700">{s.format}</span>
            {!s.ok && (
              <span className="ml-2 rounded bg-red-100 px-1.5 py-0.5 text-xs font-medium text-red-800">
                import failed
              </span>
            )}
            <p className="mt-1 text-xs text-slate-500">
              {s.files.map((f) => (
                <span key={f.sha256 + f.name} className="mr-3 break-all" title={`SHA-256 ${f.sha256}`}>
                  {f.name} · {formatBytes(f.bytes)} · <span className="font-mono">{f.sha256.slice(0, 12)}…</span>
                </span>
              ))}
            </p>
          </div>
          <div className="space-y-1 text-right">
            <p className="text-sm text-slate-600">
              {s.recordCount} records · {s.providerCount} provider records · {s.diagnosticCount} diagnostics
            </p>
            {canRemove && (
              <RemoveSource
                transferId={transferId}
                sourceId={s.id}
                label={s.label}
                others={sources.filter((o) => o.id !== s.id).map((o) => ({ id: o.id, label: o.label }))}
              />
            )}
          </div>
        </li>
      ))}
    </ul>
  );
}
