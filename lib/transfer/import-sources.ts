/**
 * Import several sources from one upload. Each source is imported and stored
 * on its own: a file that fails (a refused `dig AXFR`, unreadable JSON, even
 * an importer crash) becomes a stored source whose report says so, and the
 * other sources are imported all the same.
 */
import { createHash } from "node:crypto";
import { appendAuditEvent } from "../audit/chain";
import type { AuditActor } from "../audit/events";
import { auditStore } from "../db/audit-entries";
import { createSource } from "../db/create-source";
import { getTransfer } from "../db/get-transfer";
import type { Db } from "../db/client";
import type { SourceRow } from "../db/rows";
import { DIAGNOSTIC_CODES } from "../zone/diagnostics";
import { importZone } from "../zone/import";
import { IMPORTER_VERSION } from "../zone/import/report";
import type { ImportFile, ImportReport, ImportResult } from "../zone/import/types";
import { recordRow } from "./record-text";
import type { SourceFormat } from "./source-input";

export interface SourceToImport {
  label: string;
  format: SourceFormat;
  files: ImportFile[];
}

export type ImportedSource =
  | { ok: true; label: string; source: SourceRow; report: ImportReport }
  /** Storing failed (database error), or the source is over a limit (`tooLarge`): nothing of this source was kept. */
  | { ok: false; label: string; files: string[]; error: string; tooLarge?: boolean };

export interface ImportSourcesOptions {
  transferId: string;
  sources: SourceToImport[];
  db?: Db;
  /** Zone records one source may hold (issue 6 §3); over it the source is refused, not stored truncated. */
  maxRecords?: number;
  /** Who uploaded: each stored file's `source.imported` entry names them, written in the source's transaction. */
  actor?: AuditActor;
}

export type ImportSourcesResult = { ok: true; results: ImportedSource[] } | { ok: false; status: 404; errors: Record<string, string> };

export function sha256Hex(bytes: Uint8Array): string {
  return createHash("sha256").update(bytes).digest("hex");
}

/** An importer that throws is a bug, but the upload must still leave a trace (DESIGN §4: nothing vanishes). */
function crashedImport(source: SourceToImport, err: unknown): ImportResult {
  const message = err instanceof Error ? err.message : String(err);
  const report: ImportReport = {
    format: source.format === "auto" ? "bind" : source.format,
    importerVersion: IMPORTER_VERSION,
    files: source.files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes), bytes: f.bytes.byteLength })),
    origin: null,
    counts: {},
    totals: { read: 0, represented: 0, providerOnly: 0, rejected: 0 },
    diagnostics: [
      { file: source.files[0]?.name ?? "", line: 0, column: 0, code: DIAGNOSTIC_CODES.BAD_FORMAT, severity: "error", message: `the importer failed: ${message}` },
    ],
    diagnosticsDropped: 0,
    providerRecords: [],
    ok: false,
  };
  return { records: [], providerRecords: [], diagnostics: report.diagnostics, report };
}

/** `source.imported` per file, in the transaction that stores the source (one attempt: a taken seq retries the import). */
function auditImport(transferId: string, actor: AuditActor): (tx: Db, row: SourceRow) => Promise<unknown> {
  return async (tx, row) => {
    const at = new Date().toISOString();
    for (const f of row.files) await appendAuditEvent(auditStore(tx), { type: "source.imported", transferId, at, actor, sourceId: row.id, fileName: f.name, sha256: f.sha256 }, 1);
  };
}

export async function importAndStore(transferId: string, source: SourceToImport, db?: Db, maxRecords?: number, actor?: AuditActor): Promise<ImportedSource> {
  let result: ImportResult;
  try {
    result = importZone(source.files, { format: source.format, includes: "bundle", ...(maxRecords ? { limits: { maxRecords } } : {}) });
  } catch (err) {
    result = crashedImport(source, err);
  }
  const report = result.report;
  if (maxRecords && report.diagnostics.some((d) => d.code === DIAGNOSTIC_CODES.LIMIT_RECORDS)) {
    return { ok: false, label: source.label, files: source.files.map((f) => f.name), error: `${source.label}: more than ${maxRecords} records; the limit per import is ${maxRecords}. Nothing was stored.`, tooLarge: true };
  }
  try {
    const row = await createSource(
      {
        transferId,
        label: source.label,
        format: report.format,
        importerVersion: report.importerVersion,
        origin: report.origin,
        ok: report.ok,
        providerCount: result.providerRecords.length,
        diagnosticCount: report.diagnostics.length + report.diagnosticsDropped,
        reportJson: JSON.stringify(report),
        // Hash here rather than trusting the report: the stored hash is evidence (DESIGN §3).
        files: source.files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes), bytes: f.bytes.byteLength })),
        records: result.records.map(recordRow),
      },
      db,
      actor ? auditImport(transferId, actor) : undefined,
    );
    return { ok: true, label: source.label, source: row, report };
  } catch (err) {
    return { ok: false, label: source.label, files: source.files.map((f) => f.name), error: `Could not store this source: ${err instanceof Error ? err.message : String(err)}` };
  }
}

/** Sources are imported one after another (SQLite has one writer anyway), in the given order. */
export async function importSources(options: ImportSourcesOptions): Promise<ImportSourcesResult> {
  const { transferId, sources, db } = options;
  if (!(await getTransfer(transferId, db))) return { ok: false, status: 404, errors: { transfer: "Transfer not found" } };
  const results: ImportedSource[] = [];
  for (const s of sources) results.push(await importAndStore(transferId, s, db, options.maxRecords, options.actor));
  return { ok: true, results };
}
