import { transferMetadata } from "@/app/_lib/transfer-metadata";
import Link from "next/link";
import { notFound } from "next/navigation";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { getChecklistPage } from "@/lib/app/checklist/get-checklist";
import { PARTY_ROLE_LABELS } from "@/lib/schedule/parties";
import { Card } from "@/app/_components/ui/card";
import { secondaryButtonClass } from "@/app/_components/ui/button-link";
import { CreateRevisionForm } from "./_components/create-revision-form";
import { LinkForm } from "./_components/link-form";
import { LinkList } from "./_components/link-list";
import { decisionText, RevisionDocument, signerText } from "./_components/revision-document";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Checklist");

export default async function ChecklistPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await pageCall(async () => getChecklistPage(await pageStaff(), { transferId: id }));
  if (!data) notFound();
  const { transfer: t, current, finality } = data;
  const base = `/api/transfers/${t.id}/checklist`;
  return (
    // Missing items and changes quote finding subjects and RDATA with no break opportunity: wrap anywhere.
    <div className="space-y-6 [overflow-wrap:anywhere]">
      <div className="flex flex-wrap items-end justify-between gap-4">
        <div>
          <p className="text-sm text-slate-500">
            <Link href={`/transfers/${t.id}`} className="inline-flex min-h-6 items-center underline">
              {t.domainUnicode}
            </Link>
          </p>
          <h1 className="text-2xl font-semibold">Go/no-go checklist</h1>
          <p className="text-xs text-slate-500">
            Signing key id{" "}
            <span className="font-mono" data-testid="active-key-id">
              {data.activeKeyId}
            </span>{" "}
            (
            <a className="underline" href="/.well-known/cutover-signing-key">
              public key
            </a>
            )
          </p>
        </div>
        <div className="flex flex-wrap gap-2">
          <Link href={`/transfers/${t.id}/schedule`} className={secondaryButtonClass} data-testid="to-schedule">
            Schedule
          </Link>
          <CreateRevisionForm transferId={t.id} />
        </div>
      </div>

      <Card title="Status" testId="finality">
        {current === null ? (
          <p className="text-sm">No revision yet. {data.hasRun ? "" : "No live check has finished either."}</p>
        ) : finality?.final ? (
          <p className="text-lg font-semibold text-green-700" data-testid="final-status">
            FINAL — revision {current.revision.revisionNumber} is approved by every party.
          </p>
        ) : (
          <div>
            <p className="font-semibold text-amber-800" data-testid="final-status">
              Not final — missing:
            </p>
            <ul className="list-disc pl-5 text-sm" data-testid="missing-items">
              {finality?.missing.map((m, i) => (
                <li key={i}>{m}</li>
              ))}
            </ul>
          </div>
        )}
        {current !== null && data.outdated && (
          <p className="mt-3 rounded bg-amber-50 p-2 text-sm text-amber-900" data-testid="outdated">
            Things changed since revision {current.revision.revisionNumber} (a run, a waiver, the window or contacts):
            create a new revision to sign them.
          </p>
        )}
        {data.rolesToSignAgain.length > 0 && (
          <p className="mt-3 text-sm text-red-800" data-testid="sign-again">
            Must sign again: {data.rolesToSignAgain.map((r) => PARTY_ROLE_LABELS[r]).join(", ")}
          </p>
        )}
      </Card>

      {current !== null && (
        <Card
          title={`Current revision ${current.revision.revisionNumber}`}
          testId="current-revision"
          actions={
            <div className="flex flex-wrap gap-2 text-sm">
              <a className={secondaryButtonClass} href={`${base}/bundle`} data-testid="download-bundle">
                Bundle (JSON)
              </a>
              <a className={secondaryButtonClass} href={`${base}/findings.csv`} data-testid="download-csv">
                Findings (CSV)
              </a>
              <Link
                className={secondaryButtonClass}
                href={`/transfers/${t.id}/checklist/print`}
                data-testid="printable"
              >
                Printable / PDF
              </Link>
            </div>
          }
        >
          <p className="mb-3 break-all font-mono text-xs">
            digest <span data-testid="current-digest">{current.digest}</span> · key id{" "}
            <span data-testid="current-key-id">{current.keyId}</span>
          </p>
          <RevisionDocument revision={current.revision} digest={current.digest} keyId={current.keyId} />
        </Card>
      )}

      <Card title="Sign-off links" testId="links">
        <LinkForm transferId={t.id} />
        <LinkList transferId={t.id} links={data.links} />
      </Card>

      <Card title="Sign-offs" testId="signoffs">
        {data.signoffs.length === 0 ? (
          <p className="text-sm">None yet.</p>
        ) : (
          <table className="block w-full text-left text-sm md:table">
            <thead className="hidden md:table-header-group">
              <tr className="border-b">
                <th className="py-1">Role</th>
                <th>Signer</th>
                <th>Decision</th>
                <th>Revision</th>
                <th>At</th>
              </tr>
            </thead>
            <tbody className="block md:table-row-group">
              {data.signoffs.map((s, i) => (
                // Stale rows stay readable (slate-600 on white is 7:1; WCAG 1.4.3 asks 4.5:1): the "stale" label marks them.
                <tr
                  key={i}
                  className={`block border-b py-2 md:table-row md:py-0 ${s.stale ? "text-slate-600" : ""}`}
                  data-testid="signoff-row"
                  data-role={s.role}
                  data-stale={String(s.stale)}
                  data-decision={s.decision}
                >
                  <td className="block py-1 md:table-cell">{PARTY_ROLE_LABELS[s.role]}</td>
                  <td className="block break-all md:table-cell" data-testid="signer">
                    {signerText(s)}
                  </td>
                  <td className="block md:table-cell">{decisionText(s)}</td>
                  <td className="block md:table-cell">
                    <span className="md:hidden">Revision </span>
                    {s.revisionNumber}
                    {s.stale && <strong className="ml-2 text-red-700">stale</strong>}
                  </td>
                  <td className="block md:table-cell">{s.signedAt}</td>
                </tr>
              ))}
            </tbody>
          </table>
        )}
      </Card>

      <Card title="Revision history" testId="history">
        <ol className="space-y-3 text-sm">
          {[...data.revisions].reverse().map((r) => (
            <li key={r.digest} data-testid="history-item" data-number={r.revision.revisionNumber}>
              <p>
                <strong>Revision {r.revision.revisionNumber}</strong> · {r.revision.createdAt} ·{" "}
                {r.revision.verdict.decision.toUpperCase()} ·{" "}
                <span className="break-all font-mono text-xs">{r.digest}</span> ·{" "}
                <a className="underline" href={`${base}/bundle?revision=${r.revision.revisionNumber}`}>
                  bundle
                </a>
              </p>
              {r.changes.length > 0 && (
                <ul className="list-disc pl-5 text-slate-700" data-testid="history-changes">
                  {r.changes.map((c, i) => (
                    <li key={i}>{c}</li>
                  ))}
                </ul>
              )}
            </li>
          ))}
        </ol>
      </Card>
    </div>
  );
}
