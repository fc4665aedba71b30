import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { getSourceReport } from "@/lib/app/sources/get-source-report";
import { formatBytes } from "@/lib/app/sources/upload-rules";
import { Card } from "@/app/_components/ui/card";
import { DomainName } from "@/app/_components/ui/domain-name";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Import report");

const th = "px-3 py-2 text-left text-xs font-semibold uppercase tracking-wide text-slate-600";
const td = "px-3 py-2 align-top";

type ProviderRecord = Awaited<ReturnType<typeof getSourceReport>>["report"]["providerRecords"][number];

function providerItem(p: ProviderRecord, i: number) {
  return (
    <li key={i} className="rounded-md border border-amber-300 bg-amber-50 p-3 text-sm" data-testid="provider-record">
      <p className="font-mono">
        <span className="mr-2 rounded bg-amber-200 px-1.5 py-0.5 font-sans text-xs font-semibold text-amber-900">
          {p.provider} {p.kind}
        </span>
        {p.owner} {p.type} {p.value}
        {p.ttl !== null && <span className="text-slate-500"> (TTL {p.ttl})</span>}
      </p>
      <p className="mt-1">
        <span className="font-semibold">Why: </span>
        <span data-testid="provider-reason">{p.reason}</span>
      </p>
      <p>
        <span className="font-semibold">Replacement: </span>
        <span data-testid="provider-replacement">{p.replacement}</span>
      </p>
      {Object.keys(p.attributes).length > 0 && (
        <p className="mt-1 font-mono text-xs text-slate-600">
          {Object.entries(p.attributes)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(" · ")}
        </p>
      )}
      <p className="text-xs text-slate-500">
        {p.file}
        {p.line > 0 ? `:${p.line}` : ""}
      </p>
    </li>
  );
}

export default async function SourceReportPage({ params }: { params: Promise<{ id: string; sourceId: string }> }) {
  const { id, sourceId } = await params;
  const data = await pageCall(async () => getSourceReport(await pageStaff(), { transferId: id, sourceId }));
  if (!data) notFound();
  const { transfer: t, source: s, report } = data;
  const providerOnly = report.providerRecords.filter((p) => !p.represented);
  const withSetting = report.providerRecords.filter((p) => p.represented);
  const counts = Object.entries(report.counts).sort(([a], [b]) => a.localeCompare(b));
  return (
    <div className="space-y-6">
      <div>
        <Link
          href={`/transfers/${t.id}`}
          className="text-sm text-slate-500 hover:underline"
          data-testid="back-to-transfer"
        >
          ← <DomainName ascii={t.domainAscii} unicode={t.domainUnicode} />
        </Link>
        <h1 className="text-2xl font-semibold" data-testid="report-title">
          Import report: {s.label}
        </h1>
        <p className="mt-1 text-sm text-slate-600">
          Format <span className="font-mono">{report.format}</span> · importer {report.importerVersion} · origin{" "}
          <span className="font-mono">{report.origin ?? "unknown"}</span>
        </p>
        {!report.ok && (
          <p
            className="mt-2 rounded-md bg-red-50 p-3 text-sm font-medium text-red-800"
            role="alert"
            data-testid="report-failed"
          >
            This import is not usable: see the errors below. It is not treated as an empty zone.
          </p>
        )}
      </div>

      <Card title="Files">
        <ul className="space-y-1 text-sm" data-testid="report-files">
          {s.files.map((f) => (
            <li key={f.name + f.sha256}>
              <span className="font-medium">{f.name}</span> · {formatBytes(f.bytes)} · SHA-256{" "}
              <span className="break-all font-mono text-xs">{f.sha256}</span>
            </li>
          ))}
        </ul>
      </Card>

      <Card title="Counts per type">
        <table className="w-full text-sm" data-testid="counts-table">
          <thead className="bg-slate-50">
            <tr>
              <th className={th}>Type</th>
              <th className={th}>Read</th>
              <th className={th}>Represented</th>
              <th className={th}>Provider-only</th>
              <th className={th}>Rejected</th>
            </tr>
          </thead>
          <tbody className="divide-y divide-slate-100">
            {counts.map(([type, c]) => (
              <tr key={type} data-testid={`count-${type}`}>
                <td className={`${td} font-mono`}>{type}</td>
                <td className={td}>{c.read}</td>
                <td className={td}>{c.represented}</td>
                <td className={td}>{c.providerOnly}</td>
                <td className={td}>{c.rejected}</td>
              </tr>
            ))}
            <tr className="font-semibold" data-testid="count-total">
              <td className={td}>Total</td>
              <td className={td}>{report.totals.read}</td>
              <td className={td}>{report.totals.represented}</td>
              <td className={td}>{report.totals.providerOnly}</td>
              <td className={td}>{report.totals.rejected}</td>
            </tr>
          </tbody>
        </table>
      </Card>

      {/* Two lists, so each heading counts what the counts table counts: provider-only records are not in the zone at all;
          records with a provider setting are in it (represented) but lose the setting in a zone-file copy. */}
      <Card title={`Provider-only records (${providerOnly.length})`} testId="provider-records">
        {providerOnly.length === 0 ? (
          <p className="text-sm text-slate-600">None: every record in this export is plain DNS.</p>
        ) : (
          <div className="space-y-3">
            <p className="text-sm text-slate-600">
              These exist only inside the provider and do not survive a zone-file copy. Each needs the replacement shown
              before the move.
            </p>
            <ul className="space-y-3">{providerOnly.map(providerItem)}</ul>
          </div>
        )}
      </Card>

      {withSetting.length > 0 && (
        <Card title={`Represented records with a provider setting (${withSetting.length})`} testId="provider-settings">
          <p className="mb-3 text-sm text-slate-600">
            These records are in the zone (counted as represented); a setting only the provider knows is lost in a
            zone-file copy.
          </p>
          <ul className="space-y-3">{withSetting.map(providerItem)}</ul>
        </Card>
      )}

      <Card title={`Diagnostics (${report.diagnostics.length + report.diagnosticsDropped})`} testId="diagnostics">
        {report.diagnostics.length === 0 ? (
          <p className="text-sm text-slate-600">No warnings or errors.</p>
        ) : (
          <table className="w-full text-sm">
            <thead className="bg-slate-50">
              <tr>
                <th className={th}>Where</th>
                <th className={th}>Severity</th>
                <th className={th}>Code</th>
                <th className={th}>Message and line</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {report.diagnostics.map((d, i) => (
                <tr key={i} data-testid="diagnostic">
                  <td className={`${td} whitespace-nowrap font-mono text-xs`} data-testid="diagnostic-where">
                    {d.file}:{d.line}:{d.column}
                  </td>
                  <td className={td}>
                    <span
                      className={`rounded px-1.5 py-0.5 text-xs font-medium ${d.severity === "error" ? "bg-red-100 text-red-800" : "bg-amber-100 text-amber-900"}`}
                    >
                      {d.severity}
                    </span>
                  </td>
                  <td className={`${td} font-mono text-xs`} data-testid="diagnostic-code">
                    {d.code}
                  </td>
                  <td className={td}>
                    <p>{d.message}</p>
                    {d.text !== undefined && (
                      <pre className="mt-1 overflow-x-auto rounded bg-slate-100 p-2 font-mono text-xs">{d.text}</pre>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
        {report.diagnosticsDropped > 0 && (
          <p className="mt-2 text-sm text-slate-600">
            {report.diagnosticsDropped} more diagnostics were counted but not stored.
          </p>
        )}
      </Card>
    </div>
  );
}
