/**
 * Where the database lives. Embedded default: SQLite under ./data/ relative
 * to the working directory (npm start runs from the repository root).
 */
import { mkdirSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { readEnvironment, type Environment } from "../config/environment";

export const DEFAULT_DATABASE_URL = "file:./data/cutover.db";

export function databaseUrl(env: Environment = readEnvironment()): string {
  return env.DATABASE_URL && env.DATABASE_URL.length > 0 ? env.DATABASE_URL : DEFAULT_DATABASE_URL;
}

/** File path of a `file:` SQLite URL, or null for ":memory:" and non-file URLs. */
export function sqliteFilePath(url: string): string | null {
  if (!url.startsWith("file:")) return null;
  const path = url.slice("file:".length).replace(/\?.*$/, "");
  if (path === "" || path === ":memory:") return null;
  return isAbsolute(path) ? path : resolve(/*turbopackIgnore: true*/ process.cwd(), path);
}

/** better-sqlite3 creates the file but not its directory. */
export function ensureDatabaseDirectory(url: string): void {
  const path = sqliteFilePath(url);
  if (path) mkdirSync(dirname(path), { recursive: true });
}
