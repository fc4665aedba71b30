/**
 * The operator's check configuration file (severity overrides, disabled
 * checks, timing margin): a JSON file named by CUTOVER_CHECKS_CONFIG for the
 * web app, or by `cutover check --config FILE`. A bad file is an error with
 * the reason, never silently ignored: severities decide GO / NO-GO.
 */
import { readFileSync } from "node:fs";
import { checkConfigSchema, DEFAULT_CONFIG, type CheckConfig } from "./config";
import { readEnvironment, type Environment } from "../config/environment";

export type LoadedCheckConfig = { ok: true; config: CheckConfig } | { ok: false; error: string };

export function readCheckConfig(path: string): LoadedCheckConfig {
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, "utf8"));
  } catch (e) {
    return { ok: false, error: `${path}: ${(e as Error).message}` };
  }
  const parsed = checkConfigSchema.safeParse(json);
  if (!parsed.success) {
    const issues = parsed.error.issues.map((i) => `${i.path.join(".") || "(root)"}: ${i.message}`).join("; ");
    return { ok: false, error: `${path}: ${issues}` };
  }
  return { ok: true, config: parsed.data };
}

/** The configuration in force for the web app (defaults when CUTOVER_CHECKS_CONFIG is unset). Throws on a bad file. */
export function checkConfigFromEnv(env: Environment = readEnvironment()): CheckConfig {
  const path = env.CUTOVER_CHECKS_CONFIG;
  if (!path) return DEFAULT_CONFIG;
  const loaded = readCheckConfig(path);
  if (!loaded.ok) throw new Error(`CUTOVER_CHECKS_CONFIG ${loaded.error}`);
  return loaded.config;
}
