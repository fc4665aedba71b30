/**
 * Seeds the e2e database through lib/ (DESIGN §11), run with tsx by
 * e2e/checklist.spec.ts: `tsx e2e/support/seed-checklist.ts <command> <json>`.
 * Prints one JSON line.
 */
import { getDb } from "../../lib/db/client";
import { acknowledgeWarning, markBlockerFixed, seedParties, seedRun, seedTransfer } from "../../lib/signoff/testing/seed";

const [command, arg] = process.argv.slice(2);
const opts = JSON.parse(arg ?? "{}") as { domain?: string; transferId?: string };
const now = new Date();

async function main(): Promise<unknown> {
  switch (command) {
    case "transfer": {
      const id = await seedTransfer({ domain: opts.domain! });
      await seedRun({ transferId: id, withBlocker: true, at: now });
      await seedParties({ transferId: id, now });
      await acknowledgeWarning({ transferId: id, by: "Olga Owner", at: now });
      return { id };
    }
    case "fix": {
      // The maintainer added the missing delegation; the re-run no longer reports it.
      await seedRun({ transferId: opts.transferId!, withBlocker: false, at: now });
      await markBlockerFixed({ transferId: opts.transferId!, at: now });
      return { ok: true };
    }
    default:
      throw new Error(`unknown command ${command}`);
  }
}

main()
  .then(async (out) => {
    process.stdout.write(JSON.stringify(out) + "\n");
    await getDb().$disconnect();
  })
  .catch((e) => {
    console.error(e);
    process.exit(1);
  });
