/**
 * RFC 1035 master files (BIND style). Everything is done by parseZone; this
 * module only adds the report origin and keeps PowerDNS-only types out of
 * the portable records should they appear.
 */
import { extractProviderTypes, originWireOf, parseMasterFiles, reportOrigin } from "./master";
import type { DecodedFile, FormatOptions, FormatOutput } from "./internal";
import type { ProviderRecord } from "./types";

export function importBind(files: DecodedFile[], options: FormatOptions): FormatOutput {
  const explicitDiags: FormatOutput["diagnostics"] = [];
  const explicit = originWireOf(options.origin, files[0]?.name ?? "", explicitDiags);
  const parsed = parseMasterFiles(files, { ...options, originWire: explicit });
  const origin = reportOrigin(explicit, parsed.records, parsed.origin);
  const providerRecords: ProviderRecord[] = [];
  extractProviderTypes(parsed, origin, providerRecords);
  return {
    records: parsed.records,
    providerRecords,
    diagnostics: [...explicitDiags, ...parsed.diagnostics],
    diagnosticsDropped: parsed.diagnosticsDropped,
    counts: parsed.counts,
    origin,
    ok: true,
  };
}
