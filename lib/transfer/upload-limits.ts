/**
 * Upload limits, enforced by the server whatever the browser did (DESIGN §10).
 * CUTOVER_MAX_UPLOAD_MB overrides the per-file limit.
 */
export const DEFAULT_MAX_FILE_BYTES = 50 * 1024 * 1024;
export const MAX_FILES_PER_SOURCE = 20;

export function maxFileBytes(env: NodeJS.ProcessEnv = process.env): number {
  const mb = Number(env.CUTOVER_MAX_UPLOAD_MB);
  return Number.isFinite(mb) && mb > 0 ? Math.floor(mb * 1024 * 1024) : DEFAULT_MAX_FILE_BYTES;
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
