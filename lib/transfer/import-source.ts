/**
 * Import one source (one or more uploaded files) into a transfer: size
 * limits, importer, SHA-256 per file, and storage of report + records.
 */
import { createHash } from "node:crypto";
import { createSource } from "../db/create-source";
import { getTransfer } from "../db/get-transfer";
import type { Db } from "../db/client";
import type { SourceRow } from "../db/rows";
import { importZone } from "../zone/import";
import type { ImportFile, ImportReport } from "../zone/import/types";
import { sourceInputSchema } from "./source-input";
import { MAX_FILES_PER_SOURCE, maxFileBytes, oversizeMessage } from "./upload-limits";
import { recordRow } from "./record-text";

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
  | { ok: false; status: 404 | 413 | 422; errors: Record<string, string> };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

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

  if (!(await getTransfer(transferId, db))) return { ok: false, status: 404, errors: { transfer: "Transfer not found" } };

  const { label, format } = parsed.data;
  const result = await importZone(files, { format, includes: "bundle" });
  const report = result.report;
  const source = await createSource(
    {
      transferId,
      label,
      format: report.format,
      importerVersion: report.importerVersion,
      origin: report.origin,
      ok: report.ok,
      providerCount: result.providerRecords.length,
      diagnosticCount: report.diagnostics.length + report.diagnosticsDropped,
      reportJson: JSON.stringify(report),
      // Hash here rather than trusting the report: the stored hash is evidence (DESIGN §3).
      files: files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes), bytes: f.bytes.byteLength })),
      records: result.records.map(recordRow),
    },
    db,
  );
  return { ok: true, source, report };
}
