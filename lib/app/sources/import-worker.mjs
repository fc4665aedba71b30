// The importer on a worker thread (lib/app/sources/import-job.ts).
// Plain JavaScript so Node can start it without a build; tsx compiles the
// TypeScript sources it imports, as it does for the CLI. Loaded once, then
// one message per job; rows go back in chunks so the main thread never
// deserialises a whole source at once.
import { parentPort, threadId } from "node:worker_threads";
import { register } from "tsx/esm/api";

register();
const loaded = Promise.all([import("../../zone/import/index.ts"), import("./record-text.ts")]);

parentPort.on("message", async (job) => {
  try {
    const [{ importZone }, { recordRow }] = await loaded;
    const files = job.files.map((f) => ({ name: f.name, bytes: new Uint8Array(f.bytes) }));
    const result = importZone(files, job.options);
    for (let i = 0; i < result.records.length; i += job.chunk) {
      parentPort.postMessage({ id: job.id, kind: "rows", rows: result.records.slice(i, i + job.chunk).map(recordRow) });
    }
    parentPort.postMessage({
      id: job.id,
      kind: "done",
      report: result.report,
      recordCount: result.records.length,
      providerCount: result.providerRecords.length,
      threadId,
    });
  } catch (e) {
    parentPort.postMessage({ id: job.id, kind: "error", message: e instanceof Error ? e.message : String(e) });
  }
});
