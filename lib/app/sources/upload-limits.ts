/**
 * Upload limits, enforced by the server whatever the browser did (DESIGN §10).
 * CUTOVER_MAX_UPLOAD_MB overrides the per-file limit,
 * CUTOVER_MAX_UPLOAD_TOTAL_MB the limit for one request (all files together).
 */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const DEFAULT_MAX_TOTAL_BYTES = 200 * 1024 * 1024;
/** Files in one source (Route 53 pages, a master file and its $INCLUDEs). */
export const MAX_FILES_PER_SOURCE = 20;
/** Files in one upload request, across all its sources. */
export const MAX_FILES_PER_UPLOAD = 50;
export const MAX_LABEL_LENGTH = 100;
export const MAX_FILE_NAME_LENGTH = 255;

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

export function maxFileBytes(env: Record<string, string | undefined> = process.env): number {
  return megabytes(env.CUTOVER_MAX_UPLOAD_MB, DEFAULT_MAX_FILE_BYTES);
}

export function uploadLimits(env: Record<string, string | undefined> = process.env): UploadLimits {
  const perFile = maxFileBytes(env);
  return {
    maxFileBytes: perFile,
    // Never below one full-size file, or a single allowed file could not be sent.
    maxTotalBytes: Math.max(perFile, megabytes(env.CUTOVER_MAX_UPLOAD_TOTAL_MB, DEFAULT_MAX_TOTAL_BYTES)),
    maxFiles: MAX_FILES_PER_UPLOAD,
    maxFilesPerSource: MAX_FILES_PER_SOURCE,
  };
}

export function formatBytes(n: number): string {
  if (n < 1024) return `${n} B`;
  if (n < 1024 * 1024) return `${(n / 1024).toFixed(1)} KiB`;
  return `${(n / 1024 / 1024).toFixed(1)} MiB`;
}

/** The message users see for a file over the limit (client and server say the same thing). */
export function oversizeMessage(fileName: string, bytes: number, limit: number): string {
  return `${fileName} is ${formatBytes(bytes)}; the limit is ${formatBytes(limit)} per file.`;
}

export function totalOversizeMessage(bytes: number, limit: number): string {
  return `The files add up to ${formatBytes(bytes)}; the limit is ${formatBytes(limit)} per upload.`;
}
