/**
 * Child process of the benchmark: read one file, run Cutover on it, print
 * one JSON line. Run in its own process so peak RSS is ours alone.
 * Modes: "parse" = read as latin1 + parseZone; "import" = read the bytes +
 * importZone (format detection, decoding, hashing, parse, counts, report:
 * the full import a user waits for).
 */
import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { parseZone } from "../../../zone/parse";
import { name } from "../../../zone/name";
import { importZone } from "../../../zone/import";
import type { Diagnostic } from "../../../zone/types";

const [file, origin, mode = "parse"] = process.argv.slice(2);

function report(
  readMs: number,
  workMs: number,
  records: number,
  diagnostics: Diagnostic[],
  dropped: number,
  phases?: Record<string, number>,
): void {
  const errors = diagnostics.filter((d) => d.severity === "error");
  process.stdout.write(
    JSON.stringify({
      readMs,
      parseMs: workMs,
      records,
      errors: errors.length + dropped,
      firstErrors: errors.slice(0, 3),
      maxRssKb: process.resourceUsage().maxRSS,
      ...(phases ? { phases } : {}),
    }) + "\n",
  );
}

const t0 = performance.now();
if (mode === "import") {
  const bytes = readFileSync(file);
  const t1 = performance.now();
  const r = importZone([{ name: basename(file), bytes }], { origin });
  const t2 = performance.now();
  report(t1 - t0, t2 - t1, r.records.length, r.diagnostics, r.report.diagnosticsDropped);
} else {
  const text = readFileSync(file, "latin1");
  const t1 = performance.now();
  const r = parseZone(text, { file, origin: name(origin) });
  const t2 = performance.now();
  report(t1 - t0, t2 - t1, r.records.length, r.diagnostics, r.diagnosticsDropped);
}
