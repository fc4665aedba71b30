/**
 * Import one source (one or more uploaded files) into a transfer: size
 * limits, importer, SHA-256 per file, and storage of report + records.
 * Uploads of several sources go through parseUploadForm + importSources.
 */
import type { Db } from "../../db/client";
import type { SourceRow } from "../../db/rows";
import type { ImportFile, ImportReport } from "../../zone/import/types";
import { importSources } from "./import-sources";
import { sourceInputSchema } from "./source-input";
import { oversizeMessage } from "./upload-rules";
import { MAX_FILES_PER_SOURCE, maxFileBytes } from "../../config/upload-limits";

export { sha256Hex } from "./import-sources";

export interface ImportSourceOptions {
  transferId: string;
  /** Unvalidated label/format as they arrived from the form. */
  input: { label?: unknown; format?: unknown };
  files: ImportFile[];
  /** Defaults to maxFileBytes() (CUTOVER_MAX_UPLOAD_MB or 50 MiB). */
  maxBytes?: number;
  db?: Db;
}

export type ImportSourceResult =
  | { ok: true; source: SourceRow; report: ImportReport }
  | { ok: false; status: 404 | 413 | 422 | 500; errors: Record<string, string> };

export async function importSource(options: ImportSourceOptions): Promise<ImportSourceResult> {
  const { transferId, files, db } = options;
  const parsed = sourceInputSchema.safeParse(options.input);
  if (!parsed.success) {
    const errors: Record<string, string> = {};
    for (const issue of parsed.error.issues) errors[String(issue.path[0] ?? "form")] ??= issue.message;
    return { ok: false, status: 422, errors };
  }
  if (files.length === 0) return { ok: false, status: 422, errors: { files: "Choose at least one file to import" } };
  if (files.length > MAX_FILES_PER_SOURCE) {
    return { ok: false, status: 422, errors: { files: `At most ${MAX_FILES_PER_SOURCE} files per source` } };
  }
  const limit = options.maxBytes ?? maxFileBytes();
  const tooBig = files.find((f) => f.bytes.byteLength > limit);
  if (tooBig) return { ok: false, status: 413, errors: { files: oversizeMessage(tooBig.name, tooBig.bytes.byteLength, limit) } };

  const r = await importSources({ transferId, sources: [{ ...parsed.data, files }], db });
  if (!r.ok) return r;
  const [only] = r.results;
  if (!only.ok) return { ok: false, status: 500, errors: { form: only.error } };
  return { ok: true, source: only.source, report: only.report };
}
