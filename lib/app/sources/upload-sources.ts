/**
 * One upload request, end to end: authorise before a byte is read, read the multipart body with its size counted
 * while it streams (lib/http/read-body.ts), validate the manifest (upload-request.ts), import one source per
 * labelled group, and say what the route answers. A source whose import failed is stored with its failed report and
 * does not stop the others; a source over the record limit is refused and not stored.
 */
import type { Actor } from "../../auth/actor";
import { requireTransferAccess } from "../../auth/require";
import type { Deps } from "../use-case";
import { isAppError } from "../../errors/app-error";
import { readFormBody } from "../../http/read-body";
import { importSources } from "./import-sources";
import { warmRecordsTable } from "./get-records-table";
import { formatBytes } from "./upload-rules";
import { uploadLimits } from "../../config/upload-limits";
import { parseUploadForm } from "./upload-request";

// Multipart boundaries and the manifest add a little to the files' own bytes.
const MULTIPART_SLACK = 1024 * 1024;

export type UploadedSource =
  | {
      ok: true;
      label: string;
      id: string;
      format: string;
      importOk: boolean;
      recordCount: number;
      providerCount: number;
      diagnosticCount: number;
      /** Records read and rejected: the page announces "imported with N of M rejected" as a warning. */
      readCount: number;
      rejectedCount: number;
    }
  | { ok: false; label: string; files: string[]; error: string };

/** What the upload route answers: 201 when a source was stored; 400/413/422 with `errors` by field; 413/500 when none was. */
export type UploadSourcesResult =
  | { status: 201 | 413 | 500; body: { sources: UploadedSource[] } }
  | { status: 400 | 413 | 422; body: { errors: Record<string, string> } };

export interface UploadSourcesInput {
  transferId: string;
  request: Request;
}

/** Staff of the organisation, or the maintainer invited to this transfer (X-Cutover-Invite). */
/** `afterResponse` runs a task once the response is sent (Next.js `after`): the merged records table is built there. */
export async function uploadSources(
  actor: Actor | null,
  input: UploadSourcesInput,
  deps: Deps & { afterResponse?: (task: () => Promise<void>) => void } = {},
): Promise<UploadSourcesResult> {
  const { transferId } = input;
  const { db, env } = deps;
  const limits = uploadLimits(env);
  let form: FormData;
  try {
    // Authorised before a byte is read: an invite for another transfer, or another organisation's session, must
    // not make us read its upload.
    form = await readFormBody({
      request: input.request,
      maxBytes: limits.maxTotalBytes + MULTIPART_SLACK,
      authorise: () => requireTransferAccess(actor, transferId, "upload", db),
      tooLarge: () =>
        `Upload too large: the limit is ${formatBytes(limits.maxFileBytes)} per file and ${formatBytes(limits.maxTotalBytes)} per upload.`,
    });
  } catch (e) {
    if (isAppError(e) && e.code === "TOO_LARGE") return { status: 413, body: { errors: { files: e.message } } };
    if (isAppError(e) && e.code === "INVALID")
      return { status: 400, body: { errors: { form: "Expected a multipart form upload" } } };
    throw e;
  }
  const plan = parseUploadForm(form, limits);
  if (!plan.ok) return { status: plan.status, body: { errors: plan.errors } };

  const bytes = await Promise.all(plan.files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
  const result = await importSources(
    actor,
    {
      transferId,
      sources: plan.groups.map((g) => ({
        label: g.label,
        format: g.format,
        files: g.files.map((i) => ({ name: plan.files[i].name, bytes: bytes[i] })),
      })),
    },
    { db, env },
  );
  const sources: UploadedSource[] = result.results.map((r) =>
    r.ok
      ? {
          ok: true,
          label: r.label,
          id: r.source.id,
          format: r.source.format,
          importOk: r.source.ok,
          recordCount: r.source.recordCount,
          providerCount: r.source.providerCount,
          diagnosticCount: r.source.diagnosticCount,
          readCount: r.report.totals.read,
          rejectedCount: r.report.totals.rejected,
        }
      : { ok: false, label: r.label, files: r.files, error: r.error },
  );
  const stored = sources.filter((s) => s.ok).length;
  // Build the merged table once the response is sent, so opening the records page right after an import of 100k
  // records does not wait for it.
  if (stored > 0) deps.afterResponse?.(() => warmRecordsTable(transferId, db));
  const tooLarge = result.results.some((r) => !r.ok && r.tooLarge);
  return { status: stored > 0 ? 201 : tooLarge ? 413 : 500, body: { sources } };
}
