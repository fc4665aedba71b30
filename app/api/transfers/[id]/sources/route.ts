import { NextResponse, after } from "next/server";
import { route } from "@/app/_lib/auth";
import { isAppError } from "@/lib/errors/app-error";
import { requireTransferAccess } from "@/lib/auth/require";
import { readFormBody } from "@/lib/http/read-body";
import { importSourcesFor } from "@/lib/app/transfers/guarded";
import { getRecordsTable } from "@/lib/app/sources/get-records-table";
import { parseUploadForm } from "@/lib/app/sources/upload-request";
import { formatBytes, uploadLimits } from "@/lib/app/sources/upload-limits";

export const dynamic = "force-dynamic";

// Multipart boundaries and the manifest add a little to the files' own bytes.
const MULTIPART_SLACK = 1024 * 1024;

/**
 * POST multipart: files[] + manifest (one { label, format, partOf } per file)
 * -> one Source per labelled group. 201 with a result per source; a source
 * whose import failed is stored with its failed report and does not stop the
 * others; a source over the record limit is refused and not stored.
 * Staff of the organisation, or the maintainer invited to this transfer (X-Cutover-Invite).
 */
export const POST = route<{ id: string }>(async ({ request, actor, params }) => {
  const { id } = params;
  const limits = uploadLimits();
  let form: FormData;
  try {
    // Authorised before a byte is read (an invite for another transfer, or another organisation's
    // session, must not make us read its upload); the body is counted while it streams (issue 11 §2).
    form = await readFormBody({
      request,
      maxBytes: limits.maxTotalBytes + MULTIPART_SLACK,
      authorise: () => requireTransferAccess(actor, id, "upload"),
      tooLarge: () => `Upload too large: the limit is ${formatBytes(limits.maxFileBytes)} per file and ${formatBytes(limits.maxTotalBytes)} per upload.`,
    });
  } catch (e) {
    if (isAppError(e) && e.code === "TOO_LARGE") return NextResponse.json({ errors: { files: e.message } }, { status: 413 });
    if (isAppError(e) && e.code === "INVALID") return NextResponse.json({ errors: { form: "Expected a multipart form upload" } }, { status: 400 });
    throw e;
  }
  const plan = parseUploadForm(form, limits);
  if (!plan.ok) return NextResponse.json({ errors: plan.errors }, { status: plan.status });

  const bytes = await Promise.all(plan.files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
  const result = await importSourcesFor(actor, {
    transferId: id,
    sources: plan.groups.map((g) => ({ label: g.label, format: g.format, files: g.files.map((i) => ({ name: plan.files[i].name, bytes: bytes[i] })) })),
  });
  const sources = result.results.map((r) =>
    r.ok
      ? { ok: true, label: r.label, id: r.source.id, format: r.source.format, importOk: r.source.ok, recordCount: r.source.recordCount, providerCount: r.source.providerCount, diagnosticCount: r.source.diagnosticCount, readCount: r.report.totals.read, rejectedCount: r.report.totals.rejected }
      : { ok: false, label: r.label, files: r.files, error: r.error },
  );
  const stored = sources.filter((s) => s.ok).length;
  // Build the merged table once the response is sent, so opening the records
  // page right after an import of 100k records does not wait for it.
  if (stored > 0) {
    const warm = () => getRecordsTable(id).then(() => undefined, () => undefined);
    // after() exists only inside a Next.js request; called directly (tests), warm nothing.
    try {
      after(warm);
    } catch {
      // outside a request scope
    }
  }
  const tooLarge = result.results.some((r) => !r.ok && r.tooLarge);
  return NextResponse.json({ sources }, { status: stored > 0 ? 201 : tooLarge ? 413 : 500 });
});
