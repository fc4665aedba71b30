/**
 * Abuse limits, all from the environment with safe defaults:
 *   CUTOVER_MAX_RECORDS_PER_IMPORT      zone records one source may hold (default 1,000,000)
 *   CUTOVER_MAX_RECORDS_PER_UPLOAD      zone records one upload may add, all its sources together (default 1,000,000)
 *   CUTOVER_MAX_RECORDS_PER_TRANSFER    zone records a transfer's sources may hold in total (default 2,000,000)
 *   CUTOVER_MAX_QUERIES_PER_RUN         DNS queries one live run may send, retries included (default 50,000)
 *   CUTOVER_ORG_QUERIES_PER_HOUR        DNS queries an organisation's runs may send per hour (default 500,000)
 *   CUTOVER_MAX_JSON_BODY_KB            JSON request bodies of route handlers (default 256 KiB)
 * Upload sizes and counts: upload-limits.ts; sign-off/invite link use and sign-in: lib/security/rate-limits.ts.
 */
import { readEnvironment, type Environment } from "./environment";
function positive(v: string | undefined, fallback: number): number {
  const n = Number(v);
  return Number.isFinite(n) && n > 0 ? Math.floor(n) : fallback;
}

export interface AbuseLimits {
  maxRecordsPerImport: number;
  maxRecordsPerUpload: number;
  maxRecordsPerTransfer: number;
  orgQueriesPerHour: number;
  maxQueriesPerRun: number;
  maxJsonBodyBytes: number;
}

export function abuseLimits(env: Environment = readEnvironment()): AbuseLimits {
  return {
    maxRecordsPerImport: positive(env.CUTOVER_MAX_RECORDS_PER_IMPORT, 1_000_000),
    maxRecordsPerUpload: positive(env.CUTOVER_MAX_RECORDS_PER_UPLOAD, 1_000_000),
    maxRecordsPerTransfer: positive(env.CUTOVER_MAX_RECORDS_PER_TRANSFER, 2_000_000),
    orgQueriesPerHour: positive(env.CUTOVER_ORG_QUERIES_PER_HOUR, 500_000),
    maxQueriesPerRun: positive(env.CUTOVER_MAX_QUERIES_PER_RUN, 50_000),
    maxJsonBodyBytes: positive(env.CUTOVER_MAX_JSON_BODY_KB, 256) * 1024,
  };
}
