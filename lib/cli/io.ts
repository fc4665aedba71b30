/** Where a command writes; tests pass buffers, bin.mjs passes the process streams. */
export interface CliIo {
  stdout: { write(chunk: string): unknown };
  stderr: { write(chunk: string): unknown };
}

/** Exit codes shared by every subcommand. */
export const EXIT = {
  /** Done, nothing wrong. */
  OK: 0,
  /** Done, but the input had errors (rejected records, failed import, failed checks). */
  FAILED: 1,
  /** The command line itself was wrong (unknown flag/format, no files, unreadable file). */
  USAGE: 2,
} as const;
