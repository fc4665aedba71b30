/**
 * Child process of the benchmark: read one file as latin1, parseZone it,
 * print one JSON line. Run in its own process so peak RSS is the parser's.
 */
import { readFileSync } from "node:fs";
import { parseZone } from "../parse";
import { name } from "../name";

const [file, origin] = process.argv.slice(2);
const t0 = performance.now();
const text = readFileSync(file, "latin1");
const t1 = performance.now();
const r = parseZone(text, { file, origin: name(origin) });
const t2 = performance.now();
const errors = r.diagnostics.filter((d) => d.severity === "error");
process.stdout.write(
  JSON.stringify({
    readMs: t1 - t0,
    parseMs: t2 - t1,
    records: r.records.length,
    errors: errors.length + r.diagnosticsDropped,
    firstErrors: errors.slice(0, 3),
    maxRssKb: process.resourceUsage().maxRSS,
  }) + "\n",
);
