import { transferMetadata } from "@/app/_lib/transfer-metadata";
import { notFound } from "next/navigation";
import { pageCall, pageStaff } from "@/app/_lib/auth";
import { getChecklistPage } from "@/lib/app/checklist/get-checklist";
import { RevisionDocument } from "../_components/revision-document";
import { ScheduleTimeline } from "../../schedule/_components/timeline";

export const dynamic = "force-dynamic";
export const generateMetadata = transferMetadata("Checklist (print)");

// Print CSS: only the document, no site chrome, no page-breaks inside rows.
// A4 portrait leaves ~180 mm: the findings table is fixed-layout and wraps inside its columns (revision-document.tsx).
const PRINT_CSS = `@media print { body > header { display: none } main { padding: 0 !important; max-width: none !important; width: 100% !important } tr { break-inside: avoid } @page { size: A4; margin: 15mm } }`;

export default async function PrintPage({ params }: { params: Promise<{ id: string }> }) {
  const { id } = await params;
  const data = await pageCall(async () => getChecklistPage(await pageStaff(), { transferId: id }));
  if (!data || data.current === null) notFound();
  const c = data.current;
  return (
    <div className="bg-white p-6 [overflow-wrap:anywhere] print:p-0" data-testid="printable-view">
      <style>{PRINT_CSS}</style>
      <p className="mb-4 text-sm font-semibold" data-testid="print-final">
        {data.finality?.final
          ? "FINAL — approved by every party"
          : `NOT FINAL: ${data.finality?.missing.length ?? 0} item(s) missing`}
      </p>
      <RevisionDocument
        revision={c.revision}
        digest={c.digest}
        keyId={c.keyId}
        signoffs={data.signoffs.filter((s) => !s.stale)}
      />
      <section className="mt-6 break-inside-avoid text-sm" data-testid="print-timeline">
        <h3 className="mb-2 font-semibold">Timeline</h3>
        <ScheduleTimeline
          window={c.revision.window}
          timing={c.revision.timing}
          now={new Date(c.revision.createdAt)}
          nowLabel="revision created"
        />
      </section>
    </div>
  );
}
