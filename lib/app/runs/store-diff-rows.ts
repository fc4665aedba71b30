/** A run's diff rows stored one row each, a bounded batch at a time (read back by page, get-diff-page.ts). */
import type { Db } from "../../db/client";
import { clearDiffRows, EVIDENCE_BATCH, insertDiffRows, type RunDiffRowData } from "../../db/run-evidence";
import type { DiffRow } from "./diff-rows";

export async function storeDiffRows(runId: string, rows: readonly DiffRow[], db?: Db): Promise<void> {
  await clearDiffRows(runId, db);
  for (let i = 0; i < rows.length; i += EVIDENCE_BATCH) {
    const batch: RunDiffRowData[] = [];
    for (let k = i; k < Math.min(rows.length, i + EVIDENCE_BATCH); k++) {
      const r = rows[k];
      batch.push({ seq: k, comparison: r.comparison, kind: r.kind, owner: r.owner.toLowerCase(), type: r.type, explained: r.explained !== null, rowJson: JSON.stringify(r) });
    }
    await insertDiffRows(runId, batch, db);
  }
}
