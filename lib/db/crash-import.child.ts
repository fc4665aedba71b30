// Child process of crash-import.test.ts: imports a large source into DATABASE_URL
// and prints "importing" before and "done" after; the test kills it in between.
import { createDb } from "./client";
import { createSource } from "./create-source";

const [url, transferId, count] = process.argv.slice(2) as [string, string, string];
const db = createDb(url);
const records = Array.from({ length: Number(count) }, (_, i) => ({
  ownerText: `h${i}.crash.test.`,
  ownerKey: `h${i}.crash.test.`,
  ttl: 300,
  class: 1,
  type: 1,
  rdataHex: "c0000201",
  rdataText: "192.0.2.1",
  file: "big.zone",
  line: i + 1,
}));
console.log("importing");
await createSource(
  {
    transferId,
    label: "killed",
    format: "bind",
    importerVersion: "1",
    origin: null,
    ok: true,
    providerCount: 0,
    diagnosticCount: 0,
    reportJson: "{}",
    files: [{ name: "big.zone", sha256: "00".repeat(32), bytes: 1 }],
    records,
  },
  db,
);
console.log("done");
await db.$disconnect();
