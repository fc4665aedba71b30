/**
 * Scans a Next.js build's client chunks (<distDir>/static/**\/*.js) for
 * server-only configuration (bundle-scan.ts). Server variable names come from
 * the app's own sources, so a variable someone adds later is covered too.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { scanChunk, serverEnvNames, serverEnvValues, type BundleFinding } from "./bundle-scan";

const SKIP_DIRS = new Set(["node_modules", "generated", "__fixtures__", "bench"]);
const SOURCE = /\.(?:[cm]?ts|tsx|[cm]?js)$/;
const TEST = /\.(?:test|spec)\.[cm]?[jt]sx?$/;

function walk(dir: string, accept: (path: string) => boolean, out: string[] = []): string[] {
  let entries: string[];
  try {
    entries = readdirSync(dir);
  } catch {
    return out;
  }
  for (const name of entries) {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) {
      if (!SKIP_DIRS.has(name) && !name.startsWith(".")) walk(path, accept, out);
    } else if (accept(path)) out.push(path);
  }
  return out;
}

export interface ClientBundleReport {
  chunks: number;
  bytes: number;
  serverNames: string[];
  findings: BundleFinding[];
}

export function scanClientBundles(
  root: string,
  distDir: string,
  env: Record<string, string | undefined> = process.env,
): ClientBundleReport {
  const sources = ["lib", "app"].flatMap((d) => walk(join(root, d), (p) => SOURCE.test(p) && !TEST.test(p)));
  const names = serverEnvNames(sources.map((p) => readFileSync(p, "utf8")));
  const rules = { serverNames: names, serverValues: serverEnvValues(names, env) };
  const chunks = walk(join(root, distDir, "static"), (p) => p.endsWith(".js"));
  let bytes = 0;
  const findings: BundleFinding[] = [];
  for (const path of chunks) {
    const text = readFileSync(path, "utf8");
    bytes += text.length;
    findings.push(...scanChunk(relative(root, path), text, rules));
  }
  return { chunks: chunks.length, bytes, serverNames: [...names].sort(), findings };
}
