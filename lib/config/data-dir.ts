/**
 * The data directory: where the database lives unless CUTOVER_DATA_DIR says
 * otherwise (./data by default), so the signing key sits beside the data it signs.
 */
import { dirname, resolve } from "node:path";
import { databaseUrl, sqliteFilePath } from "../db/url";

export function dataDir(env: NodeJS.ProcessEnv = process.env): string {
  if (env.CUTOVER_DATA_DIR) return resolve(/*turbopackIgnore: true*/ process.cwd(), env.CUTOVER_DATA_DIR);
  const db = sqliteFilePath(databaseUrl(env));
  return db !== null ? dirname(db) : resolve(/*turbopackIgnore: true*/ process.cwd(), "data");
}
