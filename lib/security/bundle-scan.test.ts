import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { isPublicEnvName, scanChunk, serverEnvNames, serverEnvValues, type ScanRules } from "./bundle-scan";
import { scanClientBundles } from "./scan-client-bundles";

const none: ScanRules = { serverNames: new Set(), serverValues: new Map() };

describe("serverEnvNames", () => {
  it("collects process.env.X, env.X and env['X'] with an underscore, never public ones", () => {
    const names = serverEnvNames([
      "const u = process.env.DATABASE_URL; const p = process.env.PORT;",
      'export function f(env = process.env) { return env.CUTOVER_DATA_DIR ?? env["AUTH_SECRET"]; }',
      "const x = process.env.NEXT_PUBLIC_SITE_NAME; const m = process.env.NODE_ENV; const y = myenv.FAKE_NAME;",
    ]);
    expect([...names].sort()).toEqual(["AUTH_SECRET", "CUTOVER_DATA_DIR", "DATABASE_URL"]);
  });
});

describe("isPublicEnvName", () => {
  it("treats NEXT_PUBLIC_* and NODE_ENV as public", () => {
    expect(isPublicEnvName("NEXT_PUBLIC_X")).toBe(true);
    expect(isPublicEnvName("NODE_ENV")).toBe(true);
    expect(isPublicEnvName("NEXT_PUBLICX")).toBe(false);
    expect(isPublicEnvName("DATABASE_URL")).toBe(false);
  });
});

describe("scanChunk", () => {
  it("passes clean minified code", () => {
    expect(
      scanChunk("a.js", 'let e={PAGE_SEGMENT_KEY:"__PAGE__"};fetch("/api/x",{method:"POST"});"production"', none),
    ).toEqual([]);
  });

  it("flags non-public process.env references in either syntax", () => {
    const text =
      'a=process.env.DATABASE_URL;b=process.env["SECRET_KEY"];c=process.env.NEXT_PUBLIC_OK;d=process.env.NODE_ENV';
    expect(scanChunk("a.js", text, none)).toEqual([
      { file: "a.js", kind: "env-reference", match: "process.env.DATABASE_URL" },
      { file: "a.js", kind: "env-reference", match: 'process.env["SECRET_KEY"]' },
    ]);
  });

  it("flags a server variable's name as a whole word only", () => {
    const rules: ScanRules = { serverNames: new Set(["CUTOVER_DATA_DIR"]), serverValues: new Map() };
    expect(scanChunk("a.js", 'x.CUTOVER_DATA_DIR_OLD;"MY_CUTOVER_DATA_DIR"', rules)).toEqual([]);
    expect(scanChunk("a.js", 'e["CUTOVER_DATA_DIR"]', rules)).toEqual([
      { file: "a.js", kind: "server-env-name", match: "CUTOVER_DATA_DIR" },
    ]);
  });

  it("flags a server value without printing it", () => {
    const rules: ScanRules = { serverNames: new Set(), serverValues: new Map([["AUTH_SECRET", "s3cr3t-v4lue-123"]]) };
    const findings = scanChunk("a.js", 'const k="s3cr3t-v4lue-123"', rules);
    expect(findings).toEqual([{ file: "a.js", kind: "server-env-value", match: "value of AUTH_SECRET" }]);
    expect(JSON.stringify(findings)).not.toContain("s3cr3t");
  });

  it("flags secret shapes, masking URL credentials", () => {
    const text = [
      '"-----BEGIN PRIVATE KEY-----\\nMC4C"',
      '"postgres://cutover:hunter2@db.internal:5432/cutover"',
      '"file:./data/cutover.db"',
      '{"kty":"OKP","crv":"Ed25519","d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"}',
      // Not secrets: a scheme table and a field named file.
      "{file:null,http:80};({file:e,label:r.label})",
    ].join(";");
    expect(scanChunk("a.js", text, none).map((f) => [f.kind, f.match])).toEqual([
      ["secret-shape", "-----BEGIN PRIVATE KEY-----"],
      ["secret-shape", "postgres://***@db.internal:5432/cutover"],
      ["secret-shape", "file:./data/cutover.db"],
      ["secret-shape", '"d":"nWGxne_9WmC6hEr0kuwsxERJxWl7MmkZcDusAxyuf2A"'],
    ]);
  });
});

describe("serverEnvValues", () => {
  it("keeps set values long enough not to match by chance", () => {
    const v = serverEnvValues(["DATABASE_URL", "CUTOVER_MAX_UPLOAD_MB", "UNSET_VAR"], {
      DATABASE_URL: "file:/tmp/x.db",
      CUTOVER_MAX_UPLOAD_MB: "4",
    });
    expect([...v]).toEqual([["DATABASE_URL", "file:/tmp/x.db"]]);
  });
});

describe("scanClientBundles", () => {
  const root = mkdtempSync(join(tmpdir(), "cutover-bundle-scan-"));
  afterAll(() => rmSync(root, { recursive: true, force: true }));

  it("walks <distDir>/static/**/*.js with names from the app's sources and values from env", () => {
    mkdirSync(join(root, "lib/db"), { recursive: true });
    mkdirSync(join(root, "app"), { recursive: true });
    mkdirSync(join(root, ".next-x/static/chunks/app"), { recursive: true });
    mkdirSync(join(root, ".next-x/server"), { recursive: true });
    writeFileSync(join(root, "lib/db/url.ts"), "export const u = (env = process.env) => env.DATABASE_URL;");
    writeFileSync(join(root, "lib/db/url.test.ts"), "process.env.TEST_ONLY_VAR;");
    writeFileSync(join(root, "app/page.tsx"), "const s = process.env.SIGNING_SECRET;");
    writeFileSync(join(root, ".next-x/static/chunks/clean.js"), "console.log(1)");
    writeFileSync(
      join(root, ".next-x/static/chunks/app/leak.js"),
      'x="super-secret-signing";y=process.env.SIGNING_SECRET',
    );
    writeFileSync(join(root, ".next-x/static/chunks/app/style.css"), "process.env.DATABASE_URL");
    // Server output is not shipped to browsers and is not scanned.
    writeFileSync(join(root, ".next-x/server/page.js"), "process.env.DATABASE_URL");

    const report = scanClientBundles(root, ".next-x", { SIGNING_SECRET: "super-secret-signing" });
    expect(report.chunks).toBe(2);
    expect(report.serverNames).toEqual(["DATABASE_URL", "SIGNING_SECRET"]);
    expect(report.findings.map((f) => [f.file, f.kind, f.match])).toEqual([
      [".next-x/static/chunks/app/leak.js", "env-reference", "process.env.SIGNING_SECRET"],
      [".next-x/static/chunks/app/leak.js", "server-env-name", "SIGNING_SECRET"],
      [".next-x/static/chunks/app/leak.js", "server-env-value", "value of SIGNING_SECRET"],
    ]);
  });
});
