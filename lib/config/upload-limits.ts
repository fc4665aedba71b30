/**
 * Upload limits, enforced by the server whatever the browser did (README "Security": every limit holds on the
 * server). CUTOVER_MAX_UPLOAD_MB overrides the per-file limit, CUTOVER_MAX_UPLOAD_TOTAL_MB the limit for one request
 * (all files together). The messages that state them, which the browser shows too: lib/app/sources/upload-rules.ts.
 */
import { readEnvironment, type Environment } from "./environment";

export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_TOTAL_BYTES = 200 * 1024 * 1024;
/** Files in one source (Route 53 pages, a master file and its $INCLUDEs). */
export const MAX_FILES_PER_SOURCE = 20;
/** Files in one upload request, across all its sources. */
export const MAX_FILES_PER_UPLOAD = 50;

export interface UploadLimits {
  maxFileBytes: number;
  maxTotalBytes: number;
  maxFiles: number;
  maxFilesPerSource: number;
}

function megabytes(value: string | undefined, fallback: number): number {
  const mb = Number(value);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : fallback;
}

/** CUTOVER_IMPORT_IN_PROCESS=1: import large uploads in the request's process, not on a worker thread. */
export function importsInProcess(env: Environment = readEnvironment()): boolean {
  return env.CUTOVER_IMPORT_IN_PROCESS === "1";
}

export function maxFileBytes(env: Environment = readEnvironment()): number {
  return megabytes(env.CUTOVER_MAX_UPLOAD_MB, DEFAULT_MAX_FILE_BYTES);
}

export function uploadLimits(env: Environment = readEnvironment()): UploadLimits {
  const perFile = maxFileBytes(env);
  return {
    maxFileBytes: perFile,
    // Never below one full-size file, or a single allowed file could not be sent.
    maxTotalBytes: Math.max(perFile, megabytes(env.CUTOVER_MAX_UPLOAD_TOTAL_MB, DEFAULT_MAX_TOTAL_BYTES)),
    maxFiles: MAX_FILES_PER_UPLOAD,
    maxFilesPerSource: MAX_FILES_PER_SOURCE,
  };
}
