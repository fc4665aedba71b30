/**
 * Stored import reports are our own JSON, but old rows may predate a field:
 * fill the collections so pages never crash on a missing one.
 */
import type { ImportReport } from "../../zone/import/types";

export function parseReport(json: string): ImportReport {
  let raw: Partial<ImportReport>;
  try {
    raw = JSON.parse(json) as Partial<ImportReport>;
  } catch {
    raw = {};
  }
  return {
    format: raw.format ?? "bind",
    importerVersion: raw.importerVersion ?? "unknown",
    files: raw.files ?? [],
    origin: raw.origin ?? null,
    counts: raw.counts ?? {},
    totals: raw.totals ?? { read: 0, represented: 0, providerOnly: 0, rejected: 0 },
    diagnostics: raw.diagnostics ?? [],
    diagnosticsDropped: raw.diagnosticsDropped ?? 0,
    providerRecords: raw.providerRecords ?? [],
    providerDependencies: raw.providerDependencies ?? [],
    ok: raw.ok ?? false,
  };
}
