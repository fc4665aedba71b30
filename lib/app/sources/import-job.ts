/**
 * One source's import — parse and stored rows — off the main thread: a 1M-record upload is ~7 s of parsing and ~9 s of row text on this
 * machine, all synchronous, and the probe saw every other request stall for
 * 36 s. The worker (import-worker.mjs) sends the rows back in chunks, so the
 * main thread only ever takes one chunk at a time. Where the worker cannot
 * start (no tsx at runtime), the same work runs here in slices with a yield
 * between them: slower to finish, never a long stall.
 */
import { threadId, Worker } from "node:worker_threads";
import { importsInProcess } from "../../config/upload-limits";
import { existsSync } from "node:fs";
import { join } from "node:path";
import type { SourceRecordRow } from "../../db/rows";
import { importZone } from "../../zone/import";
import type { ImportFile, ImportReport } from "../../zone/import/types";
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
  return {
    format: job.format,
    includes: "bundle" as const,
    ...(job.maxRecords ? { limits: { maxRecords: job.maxRecords } } : {}),
  };
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
  return {
    report: result.report,
    recordCount: result.records.length,
    providerCount: result.providerRecords.length,
    rows,
    threadId: threadId,
  };
}

/** The worker script lives beside the sources (the server runs from the project root, as `npm start` does). */
function workerPath(): string | null {
  const p = join(process.cwd(), "lib/app/sources/import-worker.mjs");
  return existsSync(p) ? p : null;
}

type WorkerMessage = { id: number } & (
  | { kind: "rows"; rows: SourceRecordRow[] }
  | { kind: "done"; report: ImportReport; recordCount: number; providerCount: number; threadId: number }
  | { kind: "error"; message: string }
);

interface Pending {
  rows: SourceRecordRow[];
  resolve: (r: ImportJobResult) => void;
  reject: (e: Error) => void;
}

/**
 * One long-lived worker (loading the importer takes ~1.4 s here), started on
 * first use and unref'd so it never keeps a process alive; jobs are tagged,
 * and a worker that dies fails its jobs and is replaced on the next one.
 */
class ImportWorker {
  private readonly worker: Worker;
  private readonly pending = new Map<number, Pending>();
  private nextId = 1;
  dead = false;

  constructor(path: string) {
    this.worker = new Worker(path);
    this.worker.unref();
    this.worker.on("message", (m: WorkerMessage) => {
      const p = this.pending.get(m.id);
      if (!p) return;
      if (m.kind === "rows") {
        for (const r of m.rows) p.rows.push(r);
        return;
      }
      this.pending.delete(m.id);
      if (this.pending.size === 0) this.worker.unref();
      if (m.kind === "done")
        p.resolve({
          report: m.report,
          recordCount: m.recordCount,
          providerCount: m.providerCount,
          rows: p.rows,
          threadId: m.threadId,
        });
      else p.reject(new Error(m.message));
    });
    const fail = (e: Error) => {
      this.dead = true;
      for (const p of this.pending.values()) p.reject(e);
      this.pending.clear();
    };
    this.worker.once("error", fail);
    this.worker.once("exit", (code) => fail(new Error(`the import worker exited (${code})`)));
  }

  run(job: ImportJob): Promise<ImportJobResult> {
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      this.pending.set(id, { rows: [], resolve, reject });
      // Referenced while a job runs: the caller is waiting for it.
      this.worker.ref();
      this.worker.postMessage({ id, files: job.files, options: importOptions(job), chunk: ROW_CHUNK });
    });
  }
}

const holder = globalThis as unknown as { __cutoverImportWorker?: ImportWorker };

function sharedWorker(path: string): ImportWorker {
  if (!holder.__cutoverImportWorker || holder.__cutoverImportWorker.dead)
    holder.__cutoverImportWorker = new ImportWorker(path);
  return holder.__cutoverImportWorker;
}

class WorkerUnavailable extends Error {}

/** Small inputs without $GENERATE (the one amplifying directive) are parsed here: a worker round trip would cost more. */
export function needsWorker(files: ImportFile[]): boolean {
  const bytes = files.reduce((n, f) => n + f.bytes.byteLength, 0);
  if (bytes >= 256 * 1024) return true;
  return files.some((f) =>
    /\$generate/i.test(Buffer.from(f.bytes.buffer, f.bytes.byteOffset, f.bytes.byteLength).toString("latin1")),
  );
}

/** Runs the import off the main thread when it may be large; an importer that throws rejects (the caller records it). */
export async function runImportJob(job: ImportJob): Promise<ImportJobResult> {
  const path = workerPath();
  if (path && !importsInProcess() && needsWorker(job.files)) {
    try {
      return await sharedWorker(path)
        .run(job)
        .catch((e: unknown) => {
          // A worker that could not even load its modules: do the work here instead.
          if (
            e instanceof Error &&
            /Cannot find (module|package)|ERR_MODULE_NOT_FOUND|Unknown file extension/.test(e.message)
          )
            throw new WorkerUnavailable(e.message);
          throw e;
        });
    } catch (e) {
      if (!(e instanceof WorkerUnavailable)) throw e;
    }
  }
  return importHere(job);
}
