// What the production build depends on, for `npm start` (lib/cli/start.mjs):
// a content fingerprint of the app-relevant sources only, so editing a test
// (*.test.ts), a golden file, a benchmark or anything under e2e/ never
// triggers a rebuild, while any change to what `next build` compiles does.
// Plain Node (no TypeScript): it runs before anything is compiled.
import { createHash } from "node:crypto";
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";

/** Roots `next build` reads (the app imports lib/; prisma/schema.prisma generates lib/generated). */
export const BUILD_ROOTS = ["app", "lib", "public", "next.config.ts", "postcss.config.mjs", "tsconfig.json", "tsconfig.build.json", "package.json", "prisma/schema.prisma"];

// Directories that never reach the bundle: dependencies, build output, generated
// client (covered by the schema), test data, the CLI and benchmarks.
const SKIP_DIRS = new Set(["node_modules", ".next", "generated", "__fixtures__", "__snapshots__", "artifacts", "bench", "e2e"]);
const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const CODE_FILE = /\.([cm]?[jt]sx?|css|json|prisma)$/;

/** Whether a path relative to the repository root (forward or back slashes) is an input of the build. */
export function isBuildInput(relPath) {
  const parts = relPath.split(/[\\/]/);
  if (parts.slice(0, -1).some((p) => SKIP_DIRS.has(p) || p.startsWith(".next"))) return false;
  if (parts[0] === "lib" && parts[1] === "cli") return false; // the CLI runs from source with tsx, never bundled
  const name = parts[parts.length - 1];
  if (TEST_FILE.test(name)) return false;
  // public/ is served as is: every file counts. Elsewhere only code and config.
  return parts[0] === "public" || CODE_FILE.test(name);
}

function listInputs(root) {
  const out = [];
  const visit = (abs) => {
    let st;
    try {
      st = statSync(abs);
    } catch {
      return;
    }
    const rel = relative(root, abs).split(sep).join("/");
    if (st.isDirectory()) {
      const base = rel.split("/").pop();
      if (SKIP_DIRS.has(base) || base.startsWith(".next")) return;
      for (const name of readdirSync(abs)) visit(join(abs, name));
    } else if (isBuildInput(rel)) {
      out.push(rel);
    }
  };
  BUILD_ROOTS.forEach((p) => visit(join(root, p)));
  return out.sort();
}

/** SHA-256 over the sorted build inputs' paths and contents: equal fingerprints, equal builds. */
export function buildFingerprint(root) {
  const hash = createHash("sha256");
  for (const rel of listInputs(root)) {
    hash.update(rel).update("\0").update(readFileSync(join(root, rel))).update("\0");
  }
  return hash.digest("hex");
}
