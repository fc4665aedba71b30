/** The example exports the tests import (a registrar panel, Route 53, Cloudflare, dig AXFR, PowerDNS): test-only. */
import { fileURLToPath } from "node:url";

export const EXPORTS_DIR = fileURLToPath(new URL("./__fixtures__/exports/", import.meta.url));

export function exportPath(name: string): string {
  return EXPORTS_DIR + name;
}
