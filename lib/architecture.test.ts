/**
 * The import rules of ARCHITECTURE.md ("Data flow"), checked on every source file: data flows one way, from
 * app/ through the application layer (lib/app) to the core and the repositories (lib/db).
 */
import { readdirSync, readFileSync } from "node:fs";
import { dirname, join, normalize, relative } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(dirname(new URL(import.meta.url).pathname), "..");
const CORE = ["lib/zone", "lib/dns", "lib/diff", "lib/checks", "lib/schedule", "lib/checklist", "lib/providers"];

/**
 * What app/ may import from lib/ besides the application layer (lib/app) and `import type`: framework-free
 * helpers a page or route needs to render or to read a request, none of which reads or writes stored data.
 */
const APP_MAY_IMPORT = [
  "lib/auth/", // the session and guards: who is asking (pageStaff/actionActor), CSRF, better-auth's route handler
  "lib/errors/", // AppError and its code → HTTP status table
  "lib/http/", // request bodies read within their size limit
  "lib/security/", // the client address behind the proxy
  "lib/schedule/", // pure: time zones, the timeline's geometry, party roles, window display
  "lib/config/", // limits the forms show before the server enforces them
  "lib/net/private-scope", // which private addresses the run form may offer
  "lib/dns/query-plan", // pure: the planned query counts the progress bar shows
  "lib/checks/glossary", // pure: each check id's plain title, meaning and fix (glossary page, finding titles)
];

/**
 * Where `process.env` may be read outside lib/config/environment.ts (ARCHITECTURE.md, "Configuration"): the launcher,
 * which is plain Node started before any TypeScript and hands the environment to `next start`; the client-bundle
 * scan, which looks for the value of every variable in client chunks; the test database helper (CI, the test server).
 */
const ENV_READERS = [
  "lib/config/environment.ts",
  "lib/cli/start.mjs",
  "lib/security/scan-client-bundles.ts",
  "lib/db/test-db.ts",
];

interface Import {
  file: string; // repository-relative
  spec: string;
  target: string | null; // repository-relative for relative/@ imports, else null (a package)
  typeOnly: boolean;
}

function walk(dir: string, out: string[] = []): string[] {
  for (const e of readdirSync(join(ROOT, dir), { withFileTypes: true })) {
    const p = `${dir}/${e.name}`;
    if (e.isDirectory()) {
      if (e.name !== "node_modules" && e.name !== "generated" && !e.name.startsWith(".")) walk(p, out);
    } else if (/\.(ts|tsx|mts|mjs)$/.test(e.name)) out.push(p);
  }
  return out;
}

const isTest = (f: string) =>
  /\.test\.tsx?$/.test(f) ||
  /\/(testing|__fixtures__)\//.test(f) ||
  f.startsWith("lib/lab/") ||
  f.startsWith("lib/tools/");

function importsOf(file: string): Import[] {
  const src = readFileSync(join(ROOT, file), "utf8");
  const out: Import[] = [];
  const re =
    /(?:^|\n)\s*(import|export)\s+(type\s+)?(?:[^"';]*?\sfrom\s+)?["']([^"']+)["']|import\(\s*["']([^"']+)["']\s*\)/g;
  for (const m of src.matchAll(re)) {
    const spec = m[3] ?? m[4]!;
    const target = spec.startsWith("@/")
      ? normalize(spec.slice(2))
      : spec.startsWith(".")
        ? relative(ROOT, join(ROOT, dirname(file), spec))
        : null;
    out.push({ file, spec, target, typeOnly: Boolean(m[2]) });
  }
  return out;
}

const all = [...walk("lib"), ...walk("app")].flatMap(importsOf);
const under = (p: string | null, dir: string) => p !== null && (p === dir || p.startsWith(`${dir}/`));
const pkg = (i: Import, name: string) => i.target === null && (i.spec === name || i.spec.startsWith(`${name}/`));
const show = (list: Import[]) => list.map((i) => `${i.file} → ${i.spec}`);

describe("architecture: who may import what", () => {
  it("finds the sources it checks", () => {
    expect(all.filter((i) => i.file.startsWith("app/")).length).toBeGreaterThan(50);
    expect(all.filter((i) => CORE.some((c) => i.file.startsWith(`${c}/`))).length).toBeGreaterThan(200);
  });

  it("the core never imports the application layer, lib/db, Next.js or React", () => {
    const bad = all.filter(
      (i) =>
        !isTest(i.file) &&
        CORE.some((c) => i.file.startsWith(`${c}/`)) &&
        (under(i.target, "lib/app") ||
          under(i.target, "lib/db") ||
          pkg(i, "next") ||
          pkg(i, "react") ||
          pkg(i, "react-dom")),
    );
    expect(show(bad)).toEqual([]);
  });

  it("lib/http (read by app/ and by the remote CLI) never imports the application layer, lib/db, Next.js or React", () => {
    const http = all.filter((i) => i.file.startsWith("lib/http/") && !isTest(i.file));
    expect(http.some((i) => i.file === "lib/http/api-wire.ts")).toBe(true);
    const bad = http.filter(
      (i) =>
        under(i.target, "lib/app") ||
        under(i.target, "lib/db") ||
        pkg(i, "next") ||
        pkg(i, "react") ||
        pkg(i, "react-dom"),
    );
    expect(show(bad)).toEqual([]);
  });

  it("only lib/db imports Prisma or its generated clients", () => {
    const bad = all.filter(
      (i) =>
        !i.file.startsWith("lib/db/") &&
        (pkg(i, "@prisma") || i.spec.startsWith("@prisma/") || under(i.target, "lib/generated")),
    );
    expect(show(bad)).toEqual([]);
  });

  it("nothing in lib/ outside tests imports app/ or e2e/", () => {
    const bad = all.filter(
      (i) => i.file.startsWith("lib/") && !isTest(i.file) && (under(i.target, "app") || under(i.target, "e2e")),
    );
    expect(show(bad)).toEqual([]);
  });

  it("app/ imports the application layer, types, and the listed framework-free helpers only", () => {
    const bad = all.filter(
      (i) =>
        i.file.startsWith("app/") &&
        !isTest(i.file) &&
        !i.typeOnly &&
        under(i.target, "lib") &&
        !under(i.target, "lib/app") &&
        !APP_MAY_IMPORT.some((a) => i.target!.startsWith(a) || `${i.target}/` === a),
    );
    expect(show(bad)).toEqual([]);
  });

  it("use cases in lib/app take (actor, input, deps): one request object, no guarded twin named …For", () => {
    const bad: string[] = [];
    for (const file of walk("lib/app").filter((f) => f.endsWith(".ts") && !isTest(f))) {
      const src = readFileSync(join(ROOT, file), "utf8");
      for (const m of src.matchAll(/export async function (\w+)\s*\(([^)]*(?:\([^)]*\)[^)]*)*)\)/g)) {
        const [, name, params] = m;
        const list = params!
          .split(/,(?![^{<(]*[}>)])/)
          .map((p) => p.trim())
          .filter(Boolean);
        if (!list[0]?.startsWith("actor")) continue;
        if (/For$/.test(name!)) bad.push(`${file}: ${name} (the use case is the guarded one; drop the suffix)`);
        if (list.length > 3) bad.push(`${file}: ${name} takes ${list.length} parameters`);
      }
    }
    expect(bad).toEqual([]);
  });

  it("only lib/config reads the process environment (with the listed exceptions)", () => {
    const code = (f: string) =>
      readFileSync(join(ROOT, f), "utf8")
        .replace(/\/\*[\s\S]*?\*\//g, "")
        .replace(/\/\/.*$/gm, "");
    const readers = [...walk("lib"), ...walk("app")].filter((f) => !isTest(f) && /\bprocess\.env\b/.test(code(f)));
    expect(readers.filter((f) => !ENV_READERS.includes(f))).toEqual([]);
    expect(readers).toContain("lib/config/environment.ts");
  });
});
