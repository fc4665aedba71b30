/**
 * The data directory: where the database lives unless CUTOVER_DATA_DIR says
 * otherwise (./data by default), so the signing key sits beside the data it signs.
 */
import { dirname, resolve } from "node:path";
import { databaseUrl, sqliteFilePath } from "../db/url";
import { readEnvironment, type Environment } from "./environment";

/** CUTOVER_SIGNING_KEY_FILE: the operator's checklist-signing key, instead of one generated into the data directory. */
export function signingKeyFile(env: Environment = readEnvironment()): string | undefined {
  return env.CUTOVER_SIGNING_KEY_FILE || undefined;
}

export function dataDir(env: Environment = readEnvironment()): string {
  if (env.CUTOVER_DATA_DIR) return resolve(/*turbopackIgnore: true*/ process.cwd(), env.CUTOVER_DATA_DIR);
  const db = sqliteFilePath(databaseUrl(env));
  return db !== null ? dirname(db) : resolve(/*turbopackIgnore: true*/ process.cwd(), "data");
}
