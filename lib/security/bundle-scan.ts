/**
 * Finds server-only configuration in client JavaScript (no
 * secrets in client bundles). Pure functions over file texts; the file-system
 * walk is in scan-client-bundles.ts.
 *
 * Next inlines only NEXT_PUBLIC_* variables (and NODE_ENV) into browser code;
 * any other `process.env.X` left in a client chunk means server code was
 * bundled for the browser, and a server variable's name or value there means
 * its configuration travelled with it.
 */

export type FindingKind = "env-reference" | "server-env-name" | "server-env-value" | "secret-shape";

export interface BundleFinding {
  file: string;
  kind: FindingKind;
  /** What matched, truncated, with env values masked: the report must not leak them either. */
  match: string;
}

export interface ScanRules {
  /** Server-only variable names (see serverEnvNames). */
  serverNames: ReadonlySet<string>;
  /** Values of server-only variables that must not appear verbatim. */
  serverValues: ReadonlyMap<string, string>;
}

export function isPublicEnvName(name: string): boolean {
  return name.startsWith("NEXT_PUBLIC_") || name === "NODE_ENV";
}

const ENV_REFERENCE = /process\.env(?:\.([A-Za-z_$][\w$]*)|\[\s*["'`]([^"'`]+)["'`]\s*\])/g;
// In server sources: process.env.X, env.X and env["X"] (functions take `env = process.env`).
const SOURCE_ENV_NAME = /\benv(?:\.([A-Z][A-Z0-9_]*)\b|\[\s*["']([A-Z][A-Z0-9_]*)["']\s*\])/g;

/**
 * Names of environment variables the server reads, from its source texts.
 * Only names with an underscore: bare words like PORT also occur in unrelated
 * minified code and would drown the report in false positives.
 */
export function serverEnvNames(sources: Iterable<string>): Set<string> {
  const names = new Set<string>();
  for (const text of sources) {
    for (const m of text.matchAll(SOURCE_ENV_NAME)) {
      const name = m[1] ?? m[2];
      if (name.includes("_") && !isPublicEnvName(name)) names.add(name);
    }
  }
  return names;
}

/** Shapes that are secrets or server-only locations whatever variable held them. */
const SECRET_SHAPES: readonly RegExp[] = [
  /-----BEGIN (?:[A-Z]+ )*PRIVATE KEY-----/g,
  // A PostgreSQL connection string, with or without credentials.
  /\bpostgres(?:ql)?:\/\/[^\s"'`]+/g,
  // A SQLite database URL (file:./data/cutover.db, file:/tmp/x/e2e.db).
  /\bfile:\.{0,2}\/[\w.~/%-]*\.(?:db|sqlite3?)\b/g,
  // The private member of a JWK (RFC 7517 §4, RFC 8037 §2: "d").
  /"d"\s*:\s*"[A-Za-z0-9_-]{32,}"/g,
];

/** Values shorter than this ("1", "true", "4") occur everywhere by chance. */
export const MIN_VALUE_LENGTH = 8;

function clip(s: string): string {
  return s.length > 80 ? `${s.slice(0, 77)}...` : s;
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, "\\$&");
}

export function scanChunk(file: string, text: string, rules: ScanRules): BundleFinding[] {
  const out: BundleFinding[] = [];
  for (const m of text.matchAll(ENV_REFERENCE)) {
    const name = m[1] ?? m[2];
    if (!isPublicEnvName(name)) out.push({ file, kind: "env-reference", match: clip(m[0]) });
  }
  for (const name of rules.serverNames) {
    if (new RegExp(`(?<![\\w$])${escapeRegExp(name)}(?![\\w$])`).test(text))
      out.push({ file, kind: "server-env-name", match: name });
  }
  for (const [name, value] of rules.serverValues) {
    if (value.length >= MIN_VALUE_LENGTH && text.includes(value))
      out.push({ file, kind: "server-env-value", match: `value of ${name}` });
  }
  for (const shape of SECRET_SHAPES) {
    for (const m of text.matchAll(shape))
      out.push({ file, kind: "secret-shape", match: clip(m[0].replace(/:\/\/[^@/]*@/, "://***@")) });
  }
  return out;
}

/** Server-only values to look for: the current values of the server's variables. */
export function serverEnvValues(names: Iterable<string>, env: Record<string, string | undefined>): Map<string, string> {
  const values = new Map<string, string>();
  for (const name of names) {
    const v = env[name];
    if (v !== undefined && v.length >= MIN_VALUE_LENGTH) values.set(name, v);
  }
  return values;
}
