/** A transfer's stored sources as the diff reads them (records back to wire form). */
import type { Db } from "../../db/client";
import { listSourceReports } from "../../db/list-source-reports";
import { listSources } from "../../db/list-sources";
import { listTransferRecords } from "../../db/list-transfer-records";
import type { DiffSource } from "../../diff/build-diff";
import { parseReport } from "../sources/parse-report";
import { name as wire } from "../../zone/name";
import type { ZoneRecord } from "../../zone/types";

export async function loadStoredSources(transferId: string, db?: Db): Promise<DiffSource[]> {
  const [sources, reports, rows] = await Promise.all([
    listSources(transferId, db),
    listSourceReports(transferId, db),
    listTransferRecords(transferId, db),
  ]);
  const byId = new Map<string, ZoneRecord[]>(sources.map((s) => [s.id, []]));
  for (const r of rows) {
    byId.get(r.sourceId)?.push({
      owner: wire(r.ownerText),
      ttl: r.ttl,
      class: r.class,
      type: r.type,
      rdata: Uint8Array.from(Buffer.from(r.rdataHex, "hex")),
      file: r.file,
      line: r.line,
    });
  }
  const reportOf = new Map(reports.map((r) => [r.id, parseReport(r.reportJson)]));
  // A failed import (e.g. "; Transfer failed.") holds no data and must not count as a complete export.
  return sources
    .filter((s) => s.ok)
    .map((s) => {
      const report = reportOf.get(s.id)!;
      return {
        name: s.label,
        result: {
          records: byId.get(s.id) ?? [],
          providerRecords: report.providerRecords,
          diagnostics: report.diagnostics,
          report,
        },
      };
    });
}
