/**
 * The session-signing secret: CUTOVER_AUTH_SECRET (or BETTER_AUTH_SECRET),
 * else 256 random bits generated on first start into the data directory,
 * so `npm start` works offline with nothing to configure. Several instances
 * must share it: set the variable (or share the data directory).
 */
import { randomBytes } from "node:crypto";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { dataDir } from "./data-dir";
import { readEnvironment, type Environment } from "./environment";

export function authSecret(env: Environment = readEnvironment()): string {
  const given = env.CUTOVER_AUTH_SECRET || env.BETTER_AUTH_SECRET;
  if (given) return given;
  const dir = dataDir(env);
  const file = join(dir, "auth-secret");
  try {
    return readFileSync(file, "utf8").trim();
  } catch {
    mkdirSync(dir, { recursive: true });
    const secret = randomBytes(32).toString("base64url");
    try {
      // "wx": two processes starting at once must not overwrite each other's secret.
      writeFileSync(file, secret + "\n", { mode: 0o600, flag: "wx" });
      return secret;
    } catch {
      return readFileSync(file, "utf8").trim();
    }
  }
}
