/**
 * RFC 1035 master files (BIND style). Everything is done by parseZone; this
 * module only adds the report origin and keeps PowerDNS-only types out of
 * the portable records should they appear.
 */
import { masterFileOutput, originWireOf, parseMasterFiles } from "./master";
import type { DecodedFile, FormatOptions, FormatOutput } from "./internal";

export function importBind(files: DecodedFile[], options: FormatOptions): FormatOutput {
  const explicitDiags: FormatOutput["diagnostics"] = [];
  const explicit = originWireOf(options.origin, files[0]?.name ?? "", explicitDiags);
  const parsed = parseMasterFiles(files, { ...options, originWire: explicit });
  return masterFileOutput({ explicit, parsed, diagnostics: (all) => [...explicitDiags, ...all], ok: true });
}
