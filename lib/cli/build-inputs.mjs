// What the production build depends on, for `npm start` (lib/cli/start.mjs):
// a content fingerprint of the app's sources only. The inputs are every file
// under app/ (tests excluded), public/, the build configuration, and the
// local modules those files import, followed transitively. So editing a test
// (*.test.ts), a golden file, e2e/, the CLI or a lib/ module the app does not
// import never triggers a rebuild, while any change to what `next build`
// compiles does. Plain Node (no TypeScript): it runs before anything is compiled.
import { createHash } from "node:crypto";
import { existsSync, readFileSync, readdirSync, statSync } from "node:fs";
import { dirname, join, relative, resolve, sep } from "node:path";

/** Files that shape every build whatever imports them. */
// Root entry files Next.js loads by name (proxy, instrumentation) count as well.
export const CONFIG_FILES = [
  "next.config.ts",
  "postcss.config.mjs",
  "tsconfig.json",
  "tsconfig.build.json",
  "package.json",
  "package-lock.json",
  "prisma/schema.prisma",
  "proxy.ts",
  "instrumentation.ts",
  "instrumentation-client.ts",
];
/** Directories whose every (non-test) file is a build input: routes are files, not imports. */
export const TREE_ROOTS = ["app", "public"];

const TEST_FILE = /\.(test|spec)\.[cm]?[jt]sx?$/;
const SKIP_DIRS = new Set(["node_modules", ".next", "__fixtures__", "__snapshots__"]);
const EXTENSIONS = [
  "",
  ".ts",
  ".tsx",
  ".mts",
  ".js",
  ".mjs",
  ".jsx",
  ".json",
  ".css",
  "/index.ts",
  "/index.tsx",
  "/index.js",
];
// import … from "x", export … from "x", import "x", import("x"), require("x"), CSS @import "x".
const SPECIFIER =
  /\bfrom\s*["']([^"']+)["']|\bimport\s*\(\s*["']([^"']+)["']\s*\)|\bimport\s*["']([^"']+)["']|\brequire\(\s*["']([^"']+)["']\s*\)|@import\s+["']([^"']+)["']/g;

function toRel(root, abs) {
  return relative(root, abs).split(sep).join("/");
}

function isFile(abs) {
  try {
    return statSync(abs).isFile();
  } catch {
    return false;
  }
}

/** Resolve a local specifier ("./x", "../x", "@/x") from a file; null for packages or unresolvable ones. */
export function resolveLocal(root, fromAbs, specifier) {
  let base;
  if (specifier.startsWith("./") || specifier.startsWith("../")) base = resolve(dirname(fromAbs), specifier);
  else if (specifier.startsWith("@/")) base = resolve(root, specifier.slice(2));
  else return null;
  for (const ext of EXTENSIONS) if (isFile(base + ext)) return base + ext;
  return null;
}

function walk(abs, out) {
  let st;
  try {
    st = statSync(abs);
  } catch {
    return;
  }
  if (st.isDirectory()) {
    // .next* are build directories (NEXT_DIST_DIR), never inputs.
    for (const name of readdirSync(abs))
      if (!SKIP_DIRS.has(name) && !name.startsWith(".next")) walk(join(abs, name), out);
  } else if (!TEST_FILE.test(abs)) {
    out.push(abs);
  }
}

/** Sorted repository-relative paths of every build input. */
export function listBuildInputs(root) {
  const seen = new Set();
  const queue = [];
  const add = (abs) => {
    if (seen.has(abs) || TEST_FILE.test(abs)) return;
    // The generated Prisma client follows from prisma/schema.prisma.
    if (toRel(root, abs).startsWith("lib/generated/")) return;
    seen.add(abs);
    queue.push(abs);
  };
  const roots = [];
  TREE_ROOTS.forEach((d) => walk(join(root, d), roots));
  CONFIG_FILES.map((f) => join(root, f))
    .filter(existsSync)
    .forEach((f) => roots.push(f));
  roots.forEach(add);
  while (queue.length > 0) {
    const abs = queue.shift();
    if (!/\.([cm]?[jt]sx?|css)$/.test(abs)) continue;
    const text = readFileSync(abs, "utf8");
    for (const m of text.matchAll(SPECIFIER)) {
      const target = resolveLocal(root, abs, m[1] ?? m[2] ?? m[3] ?? m[4] ?? m[5]);
      if (target) add(target);
    }
  }
  return [...seen].map((abs) => toRel(root, abs)).sort();
}

/** SHA-256 over the sorted build inputs' paths and contents: equal fingerprints, equal builds. */
export function buildFingerprint(root) {
  const hash = createHash("sha256");
  for (const rel of listBuildInputs(root)) {
    hash
      .update(rel)
      .update("\0")
      .update(readFileSync(join(root, rel)))
      .update("\0");
  }
  return hash.digest("hex");
}
