/**
 * One source's import — parse and stored rows — off the main thread (issue 11
 * §3): a 1M-record upload is ~7 s of parsing and ~9 s of row text on this
 * machine, all synchronous, and the probe saw every other request stall for
 * 36 s. The worker (import-worker.mjs) sends the rows back in chunks, so the
 * main thread only ever takes one chunk at a time. Where the worker cannot
 * start (no tsx at runtime), the same work runs here in slices with a yield
 * between them: slower to finish, never a long stall.
 */
import { threadId, Worker } from "node:worker_threads";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { SourceRecordRow } from "../db/rows";
import { importZone } from "../zone/import";
import type { ImportFile, ImportReport } from "../zone/import/types";
import { recordRow } from "./record-text";
import type { SourceFormat } from "./source-input";

export interface ImportJob {
  files: ImportFile[];
  format: SourceFormat;
  maxRecords?: number;
}

export interface ImportJobResult {
  report: ImportReport;
  recordCount: number;
  providerCount: number;
  rows: SourceRecordRow[];
  /** The thread that parsed (0: the main thread, the fallback). */
  threadId: number;
}

/** Rows per message (and per slice in the fallback). */
export const ROW_CHUNK = 10_000;

const yieldToEventLoop = () => new Promise<void>((resolve) => setImmediate(resolve));

function importOptions(job: ImportJob) {
  return { format: job.format, includes: "bundle" as const, ...(job.maxRecords ? { limits: { maxRecords: job.maxRecords } } : {}) };
}

/** In this thread, yielding between slices of rows (the parse itself is one slice). */
async function importHere(job: ImportJob): Promise<ImportJobResult> {
  const result = importZone(job.files, importOptions(job));
  const rows: SourceRecordRow[] = new Array(result.records.length);
  for (let i = 0; i < result.records.length; i += ROW_CHUNK) {
    await yieldToEventLoop();
    const end = Math.min(i + ROW_CHUNK, result.records.length);
    for (let j = i; j < end; j++) rows[j] = recordRow(result.records[j]);
  }
  return { report: result.report, recordCount: result.records.length, providerCount: result.providerRecords.length, rows, threadId: threadId };
}

/** The worker script lives beside the sources (the server runs from the project root, as `npm start` does). */
function workerPath(): string | null {
  const p = join(process.cwd(), "lib/transfer/import-worker.mjs");
  return existsSync(p) ? p : null;
}

type WorkerMessage = { kind: "rows"; rows: SourceRecordRow[] } | { kind: "done"; report: ImportReport; recordCount: number; providerCount: number; threadId: number } | { kind: "error"; message: string };

function importInWorker(job: ImportJob, path: string): Promise<ImportJobResult> {
  return new Promise((resolve, reject) => {
    const rows: SourceRecordRow[] = [];
    let settled = false;
    const worker = new Worker(path, { workerData: { files: job.files, options: importOptions(job), chunk: ROW_CHUNK } });
    const finish = (f: () => void) => {
      if (settled) return;
      settled = true;
      void worker.terminate();
      f();
    };
    worker.on("message", (m: WorkerMessage) => {
      if (m.kind === "rows") for (const r of m.rows) rows.push(r);
      else if (m.kind === "done") finish(() => resolve({ report: m.report, recordCount: m.recordCount, providerCount: m.providerCount, rows, threadId: m.threadId }));
      else finish(() => reject(new Error(m.message)));
    });
    worker.once("error", (e) => finish(() => reject(e)));
    worker.once("exit", (code) => finish(() => reject(new Error(`the import worker exited (${code})`))));
  });
}

class WorkerUnavailable extends Error {}

/** Runs the import off the main thread when possible; an importer that throws rejects (the caller records it). */
export async function runImportJob(job: ImportJob): Promise<ImportJobResult> {
  const path = workerPath();
  if (path && process.env.CUTOVER_IMPORT_IN_PROCESS !== "1") {
    try {
      return await importInWorker(job, path).catch((e: unknown) => {
        // A worker that could not even load its modules: do the work here instead.
        if (e instanceof Error && /Cannot find (module|package)|ERR_MODULE_NOT_FOUND|Unknown file extension/.test(e.message)) throw new WorkerUnavailable(e.message);
        throw e;
      });
    } catch (e) {
      if (!(e instanceof WorkerUnavailable)) throw e;
    }
  }
  return importHere(job);
}
