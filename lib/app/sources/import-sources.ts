/**
 * Import several sources from one upload: staff of the organisation, or the maintainer invited to the transfer.
 * Each source is imported and stored on its own: a file that fails (a refused `dig AXFR`, unreadable JSON, even an
 * importer crash) becomes a stored source whose report says so, and the other sources are imported all the same.
 * Over a record limit (lib/config/abuse-limits.ts, the same for staff and invite holders) a source is refused, not
 * stored.
 */
import { createHash } from "node:crypto";
import { appendAuditEvent } from "../../audit/chain";
import type { AuditActor } from "../../audit/events";
import { auditActor, type Actor } from "../../auth/actor";
import { requireTransferAccess } from "../../auth/require";
import { abuseLimits } from "../../config/abuse-limits";
import type { Deps } from "../use-case";
import { auditStore } from "../../db/audit-entries";
import { createSource } from "../../db/create-source";
import { getDb } from "../../db/client";
import type { Db } from "../../db/client";
import type { SourceRow } from "../../db/rows";
import { DIAGNOSTIC_CODES } from "../../zone/diagnostics";
import { IMPORTER_VERSION } from "../../zone/import/report";
import type { ImportFile, ImportReport, ImportResult } from "../../zone/import/types";
import { runImportJob, type ImportJobResult } from "./import-job";
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

interface StoreSourcesOptions {
  transferId: string;
  sources: SourceToImport[];
  db?: Db;
  /** Zone records one source may hold; over it the source is refused, not stored truncated. */
  maxRecords?: number;
  /** Zone records one upload may add, all its sources together. */
  maxRecordsPerUpload?: number;
  /** Zone records the transfer's stored sources may hold in total, this upload included. */
  maxRecordsPerTransfer?: number;
  /** Who uploaded: each stored file's `source.imported` entry names them, written in the source's transaction. */
  actor: AuditActor;
}

/** The tightest record limit left for the next source, and what it is, for the refusal message. */
interface RecordBudget {
  limit: number;
  reason: string;
}

export interface ImportSourcesResult {
  /** One per source, in the order given. */
  results: ImportedSource[];
}

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
      {
        file: source.files[0]?.name ?? "",
        line: 0,
        column: 0,
        code: DIAGNOSTIC_CODES.BAD_FORMAT,
        severity: "error",
        message: `the importer failed: ${message}`,
      },
    ],
    diagnosticsDropped: 0,
    providerRecords: [],
    ok: false,
  };
  return { records: [], providerRecords: [], diagnostics: report.diagnostics, report };
}

/** `source.imported` per file, in the transaction that stores the source (one attempt: a taken seq retries the import). */
function auditImport(transferId: string, actor: AuditActor): (tx: Db, row: SourceRow) => Promise<void> {
  return async (tx, row) => {
    const at = new Date().toISOString();
    for (const f of row.files)
      await appendAuditEvent(
        auditStore(tx),
        { type: "source.imported", transferId, at, actor, sourceId: row.id, fileName: f.name, sha256: f.sha256 },
        1,
      );
  };
}

async function importAndStore(
  transferId: string,
  source: SourceToImport,
  db: Db | undefined,
  budget: RecordBudget | undefined,
  actor: AuditActor,
): Promise<ImportedSource> {
  const refuse = (b: RecordBudget): ImportedSource => ({
    ok: false,
    label: source.label,
    files: source.files.map((f) => f.name),
    error: `${source.label}: more than ${b.limit} records; ${b.reason}. Nothing was stored.`,
    tooLarge: true,
  });
  // Nothing left: refused without reading a line.
  if (budget && budget.limit <= 0) return refuse(budget);
  let result: ImportJobResult;
  try {
    // Off the main thread (import-job.ts): other requests go on while a large source is parsed.
    result = await runImportJob({ files: source.files, format: source.format, maxRecords: budget?.limit });
  } catch (err) {
    result = { report: crashedImport(source, err).report, recordCount: 0, providerCount: 0, rows: [], threadId: 0 };
  }
  const report = result.report;
  // The parser stops at the limit (a $GENERATE before expanding it); JSON formats have no expansion, so a count suffices.
  if (
    budget &&
    (result.recordCount > budget.limit || report.diagnostics.some((d) => d.code === DIAGNOSTIC_CODES.LIMIT_RECORDS))
  )
    return refuse(budget);
  try {
    const row = await createSource(
      {
        transferId,
        label: source.label,
        format: report.format,
        importerVersion: report.importerVersion,
        origin: report.origin,
        ok: report.ok,
        providerCount: result.providerCount,
        diagnosticCount: report.diagnostics.length + report.diagnosticsDropped,
        reportJson: JSON.stringify(report),
        // Hash here rather than trusting the report: the stored hash is evidence (DESIGN §3).
        files: source.files.map((f) => ({ name: f.name, sha256: sha256Hex(f.bytes), bytes: f.bytes.byteLength })),
        records: result.rows,
      },
      db,
      auditImport(transferId, actor),
    );
    return { ok: true, label: source.label, source: row, report };
  } catch (err) {
    return {
      ok: false,
      label: source.label,
      files: source.files.map((f) => f.name),
      error: `Could not store this source: ${err instanceof Error ? err.message : String(err)}`,
    };
  }
}

export async function importSources(
  actor: Actor | null,
  input: { transferId: string; sources: SourceToImport[] },
  deps: Deps = {},
): Promise<ImportSourcesResult> {
  const access = await requireTransferAccess(actor, input.transferId, "upload", deps.db);
  const limits = abuseLimits(deps.env);
  return storeSources({
    transferId: input.transferId,
    sources: input.sources,
    db: deps.db,
    maxRecords: limits.maxRecordsPerImport,
    maxRecordsPerUpload: limits.maxRecordsPerUpload,
    maxRecordsPerTransfer: limits.maxRecordsPerTransfer,
    actor: auditActor(access.actor),
  });
}

/** Sources are imported one after another (SQLite has one writer anyway), in the given order. */
async function storeSources(options: StoreSourcesOptions): Promise<ImportSourcesResult> {
  const { transferId, sources, db } = options;
  const results: ImportedSource[] = [];
  let stored = options.maxRecordsPerTransfer !== undefined ? await storedRecordCount(transferId, db) : 0;
  let uploaded = 0;
  for (const s of sources) {
    const r = await importAndStore(transferId, s, db, recordBudget(options, { stored, uploaded }), options.actor);
    if (r.ok) {
      stored += r.source.recordCount;
      uploaded += r.source.recordCount;
    }
    results.push(r);
    // A source's parse is synchronous work; let other requests in before the next one.
    await new Promise((resolve) => setImmediate(resolve));
  }
  return { results };
}

async function storedRecordCount(transferId: string, db?: Db): Promise<number> {
  const r = await (db ?? getDb()).source.aggregate({ where: { transferId }, _sum: { recordCount: true } });
  return r._sum.recordCount ?? 0;
}

/** The tightest of the per-source, per-upload and per-transfer limits (undefined: no limit configured). */
function recordBudget(o: StoreSourcesOptions, used: { stored: number; uploaded: number }): RecordBudget | undefined {
  const candidates: RecordBudget[] = [];
  if (o.maxRecords !== undefined)
    candidates.push({ limit: o.maxRecords, reason: `the limit per import is ${o.maxRecords}` });
  if (o.maxRecordsPerUpload !== undefined) {
    candidates.push({
      limit: o.maxRecordsPerUpload - used.uploaded,
      reason: `the limit per upload is ${o.maxRecordsPerUpload} and this upload's earlier sources hold ${used.uploaded}`,
    });
  }
  if (o.maxRecordsPerTransfer !== undefined) {
    candidates.push({
      limit: o.maxRecordsPerTransfer - used.stored,
      reason: `the limit per transfer is ${o.maxRecordsPerTransfer} and its sources already hold ${used.stored}`,
    });
  }
  return candidates.sort((a, b) => a.limit - b.limit)[0];
}
