/**
 * PowerDNS master files: standard RFC 1035 syntax plus the ALIAS and LUA
 * types (private numbers 65401/65402), which become provider records of kind
 * `alias-type` / `lua`. The shared master driver does the work; this module
 * exists so the format is named in reports and can be chosen explicitly.
 */
import { importBind } from "./bind";
import type { DecodedFile, FormatOptions, FormatOutput } from "./internal";

export function importPowerDns(files: DecodedFile[], options: FormatOptions): FormatOutput {
  return importBind(files, options);
}
