/**
 * What the upload form and the server both say about an upload: the fixed lengths of labels and file names, and
 * the messages for files over the configured limits (lib/config/upload-limits.ts, read on the server only: this
 * module is imported by client components and must not read the environment).
 */
export const MAX_LABEL_LENGTH = 100;
export const MAX_FILE_NAME_LENGTH = 255;

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
