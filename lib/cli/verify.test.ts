import { execFile } from "node:child_process";
import { createServer, type Server } from "node:http";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { promisify } from "node:util";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createBundle } from "../checklist/bundle";
import { keyringToJwks } from "../checklist/jwk";
import { createRevision } from "../checklist/revision";
import { sampleRevisionContent } from "../checklist/sample-revision";
import { generateSigningKey } from "../checklist/signing-key";

const BIN = join(dirname(fileURLToPath(import.meta.url)), "bin.mjs");
const exec = promisify(execFile);

async function run(...args: string[]) {
  try {
    const r = await exec(process.execPath, [BIN, "verify", ...args], { encoding: "utf8", timeout: 60_000 });
    return { code: 0, stdout: r.stdout, stderr: r.stderr };
  } catch (e) {
    const err = e as { code: number; stdout: string; stderr: string };
    return { code: err.code, stdout: err.stdout, stderr: err.stderr };
  }
}

const key = generateSigningKey();
const other = generateSigningKey();
const forger = generateSigningKey();
const revision = createRevision({
  transferId: "tr-9",
  previous: null,
  content: sampleRevisionContent(),
  now: new Date("2026-10-05T12:00:00Z"),
});
let dir = "";
let server: Server;
let url = "";
const p = (name: string) => join(dir, name);

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cutover-verify-"));
  const { bytes } = createBundle({ revision, signoffs: [], key });
  writeFileSync(p("bundle.json"), bytes);
  const tampered = Buffer.from(bytes);
  const at = tampered.indexOf("no open blocker");
  tampered[at] = "N".charCodeAt(0);
  writeFileSync(p("tampered.json"), tampered);
  writeFileSync(p("key.jwk"), JSON.stringify(key.publicJwk));
  writeFileSync(p("other.jwk"), JSON.stringify(other.publicJwk));
  writeFileSync(p("not-json.jwk"), "hello");
  // The forgery: the real bundle's revision with the verdict turned to GO, re-signed with a key of the forger's own,
  // which the bundle embeds. Intact under its embedded key, signed by nobody we trust.
  const forgedRevision = { ...revision, verdict: { decision: "go" as const, reasons: ["forged: no open blocker"] } };
  writeFileSync(p("forged.json"), createBundle({ revision: forgedRevision, signoffs: [], key: forger }).bytes);
  // A pinned keyring as the server keeps it (<data dir>/signing/keyring.json).
  writeFileSync(
    p("keyring.json"),
    JSON.stringify({
      version: 1,
      activeKeyId: key.keyId,
      keys: [{ jwk: key.publicJwk, createdAt: "2026-10-01T00:00:00.000Z", retiredAt: null }],
    }),
  );
  server = createServer((req, res) => {
    if (req.url === "/.well-known/cutover-signing-key") {
      res.writeHead(200, { "content-type": "application/jwk-set+json" });
      res.end(JSON.stringify(keyringToJwks(new Map([[key.keyId, key.publicJwk]]))));
    } else {
      res.writeHead(404).end();
    }
  });
  await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
  const addr = server.address() as { port: number };
  url = `http://127.0.0.1:${addr.port}`;
});
afterAll(async () => {
  await new Promise((r) => server.close(r));
  rmSync(dir, { recursive: true, force: true });
});

describe("cutover verify", () => {
  test("valid bundle with a key file: exit 0, digest and key id printed", async () => {
    const r = await run(p("bundle.json"), "--key", p("key.jwk"));
    expect(r.code).toBe(0);
    expect(r.stdout).toContain("VALID: project.test transfer tr-9, revision 1 (not final), 0 sign-offs");
    expect(r.stdout).toContain(`signing key: ${key.keyId}\n`);
    expect(r.stderr).toBe("");
  });
  test("key from a URL (the well-known JWK Set)", async () => {
    const r = await run(p("bundle.json"), `--key=${url}/.well-known/cutover-signing-key`);
    expect(r.code).toBe(0);
    const missing = await run(p("bundle.json"), "--key", `${url}/nope`);
    expect(missing.code).toBe(2);
    expect(missing.stderr).toContain("HTTP 404");
  });
  test("without a trusted key: exit 3, integrity only, said on the first line", async () => {
    const r = await run(p("bundle.json"));
    expect(r.code).toBe(3);
    expect(r.stdout.split("\n")[0]).toMatch(/^INTEGRITY ONLY \(not trusted\): project\.test transfer tr-9, revision 1/);
    const j = await run(p("bundle.json"), "--json");
    expect(j.code).toBe(3);
    expect(JSON.parse(j.stdout)).toMatchObject({
      valid: true,
      trusted: false,
      keySource: "embedded",
      keyId: key.keyId,
    });
  });
  test("a forged bundle re-signed with the forger's embedded key never exits 0", async () => {
    const bare = await run(p("forged.json"));
    expect(bare.code).toBe(3);
    expect(bare.stdout).toMatch(/^INTEGRITY ONLY \(not trusted\)/);
    expect(bare.stdout).not.toMatch(/^VALID/m);
    expect(bare.stdout).toContain(`signing key: ${forger.keyId} (embedded in the bundle, not trusted)`);
    // Against the server's key, by any of the three ways to trust it: unknown key.
    const byFile = await run(p("forged.json"), "--key", p("key.jwk"));
    const byUrl = await run(p("forged.json"), "--key-url", `${url}/.well-known/cutover-signing-key`);
    const byKeyring = await run(p("forged.json"), "--keyring", p("keyring.json"));
    expect([byFile.code, byUrl.code, byKeyring.code]).toEqual([1, 1, 1]);
    for (const r of [byFile, byUrl, byKeyring]) expect(r.stderr).toContain("[unknown-key]");
  });
  test("the genuine bundle with a pinned keyring file or --key-url: exit 0", async () => {
    const byKeyring = await run(p("bundle.json"), "--keyring", p("keyring.json"));
    expect(byKeyring.code).toBe(0);
    expect(byKeyring.stdout).toMatch(/^VALID: project\.test/);
    const byUrl = await run(p("bundle.json"), `--key-url=${url}/.well-known/cutover-signing-key`, "--json");
    expect(byUrl.code).toBe(0);
    expect(JSON.parse(byUrl.stdout)).toMatchObject({ valid: true, trusted: true, keySource: "supplied" });
    // Several sources: the bundle's key must be among them.
    const both = await run(p("bundle.json"), "--key", p("other.jwk"), "--keyring", p("keyring.json"));
    expect(both.code).toBe(0);
  });
  test("tampered bundle and wrong key: exit 1 with the reason", async () => {
    const t = await run(p("tampered.json"), "--key", p("key.jwk"));
    expect(t.code).toBe(1);
    expect(t.stderr).toMatch(
      /^INVALID: revisionDigest [0-9a-f]{64} does not match the revision .*\[digest-mismatch\]\n$/,
    );
    const w = await run(p("bundle.json"), "--key", p("other.jwk"));
    expect(w.code).toBe(1);
    expect(w.stderr).toContain("[unknown-key]");
  });
  test("usage errors: exit 2", async () => {
    const runs = await Promise.all([
      run(),
      run(p("missing.json")),
      run(p("bundle.json"), "--key"),
      run(p("bundle.json"), "--frobnicate"),
      run(p("bundle.json"), "--key", p("not-json.jwk")),
      run(p("bundle.json"), p("bundle.json")),
      run(p("bundle.json"), "--key-url", p("key.jwk")),
      run(p("bundle.json"), "--keyring", url),
    ]);
    expect(runs.map((r) => r.code)).toEqual([2, 2, 2, 2, 2, 2, 2, 2]);
    expect(runs[1].stderr).toContain("ENOENT");
    expect(runs[4].stderr).toContain("is not JSON");
    expect(runs[0].stderr).toContain("usage: cutover verify");
  });
});
