// The importer on a worker thread (lib/transfer/import-job.ts, issue 11 §3).
// Plain JavaScript so Node can start it without a build; tsx compiles the
// TypeScript sources it imports, as it does for the CLI.
import { parentPort, threadId, workerData } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
try {
  const { importZone } = await import("../zone/import/index.ts");
  const { recordRow } = await import("./record-text.ts");
  const files = workerData.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
  const result = importZone(files, workerData.options);
  for (let i = 0; i < result.records.length; i += workerData.chunk) {
    parentPort.postMessage({ kind: "rows", rows: result.records.slice(i, i + workerData.chunk).map(recordRow) });
  }
  parentPort.postMessage({ kind: "done", report: result.report, recordCount: result.records.length, providerCount: result.providerRecords.length, threadId });
} catch (e) {
  parentPort.postMessage({ kind: "error", message: e instanceof Error ? `${e.message}` : String(e) });
}
