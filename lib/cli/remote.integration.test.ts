/**
 * `cutover check --server` and `cutover verify --server` against the real route handlers (app/api/v1, served
 * in-process over HTTP on loopback) and the DNS lab: the remote check prints what the local check prints for
 * the same export and servers, with the same exit code; verify fetches a bundle and checks it here.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Readable } from "node:stream";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { startLab, type Lab } from "../lab/lab";
import { createTestDb, type TestDb } from "../db/test-db";

const here = new URL(".", import.meta.url).pathname;
const APP = join(here, "../../app");
const EXPORT = join(here, "../lab/zones/project.test.export-incomplete.zone");

/** The routes the CLI calls, as Next.js would match them: pattern → route module. */
const ROUTES: [RegExp, string, string[]][] = [
  [/^\/api\/v1\/transfers$/, "api/v1/transfers/route.ts", []],
  [/^\/api\/v1\/transfers\/([^/]+)$/, "api/v1/transfers/[id]/route.ts", ["id"]],
  [/^\/api\/v1\/transfers\/([^/]+)\/sources$/, "api/v1/transfers/[id]/sources/route.ts", ["id"]],
  [/^\/api\/v1\/transfers\/([^/]+)\/runs$/, "api/v1/transfers/[id]/runs/route.ts", ["id"]],
  [/^\/api\/v1\/transfers\/([^/]+)\/runs\/([^/]+)$/, "api/v1/transfers/[id]/runs/[runId]/route.ts", ["id", "runId"]],
  [
    /^\/api\/v1\/transfers\/([^/]+)\/runs\/([^/]+)\/cancel$/,
    "api/v1/transfers/[id]/runs/[runId]/cancel/route.ts",
    ["id", "runId"],
  ],
  [
    /^\/api\/v1\/transfers\/([^/]+)\/runs\/([^/]+)\/findings$/,
    "api/v1/transfers/[id]/runs/[runId]/findings/route.ts",
    ["id", "runId"],
  ],
  [
    /^\/api\/v1\/transfers\/([^/]+)\/checklist\/revisions$/,
    "api/v1/transfers/[id]/checklist/revisions/route.ts",
    ["id"],
  ],
  [
    /^\/api\/v1\/transfers\/([^/]+)\/checklist\/revisions\/([^/]+)\/bundle$/,
    "api/v1/transfers/[id]/checklist/revisions/[number]/bundle/route.ts",
    ["id", "number"],
  ],
  [/^\/\.well-known\/cutover-signing-key$/, ".well-known/cutover-signing-key/route.ts", []],
];

function serveRoutes(): Promise<Server> {
  const server = createServer(async (req, res) => {
    try {
      const url = new URL(req.url ?? "/", `http://${req.headers.host}`);
      const hit = ROUTES.map(([re, file, names]) => ({ m: re.exec(url.pathname), file, names })).find((x) => x.m);
      const mod = hit
        ? ((await import(/* @vite-ignore */ join(APP, hit.file))) as Record<
            string,
            (r: Request, c: unknown) => Promise<Response>
          >)
        : null;
      const handler = mod?.[req.method ?? "GET"];
      if (!hit || !handler) {
        res.writeHead(404).end();
        return;
      }
      const params = Object.fromEntries(hit.names.map((n, i) => [n, decodeURIComponent(hit.m![i + 1]!)]));
      const body =
        req.method === "GET" || req.method === "HEAD" ? undefined : (Readable.toWeb(req) as ReadableStream<Uint8Array>);
      const headers = new Headers(
        Object.entries(req.headers).flatMap(([k, v]) =>
          v === undefined ? [] : [[k, Array.isArray(v) ? v.join(", ") : v] as [string, string]],
        ),
      );
      const r = await handler(new Request(url, { method: req.method, headers, body, duplex: "half" } as RequestInit), {
        params: Promise.resolve(params),
      });
      res.writeHead(r.status, Object.fromEntries(r.headers));
      res.end(Buffer.from(await r.arrayBuffer()));
    } catch (e) {
      res.writeHead(500).end(String(e));
    }
  });
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve(server)));
}

function buffers() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
  };
}

let lab: Lab;
let tdb: TestDb;
let http: Server;
let base = "";
let dir = "";
const tokens = { read: "", write: "", revoked: "" };

beforeAll(async () => {
  dir = mkdtempSync(join(tmpdir(), "cutover-remote-"));
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.env.CUTOVER_DATA_DIR = dir;
  process.env.CUTOVER_ALLOW_PRIVATE = "loopback";
  lab = await startLab({ scenario: "incomplete-export" });
  writeFileSync(join(dir, "root.hints"), lab.rootHints);
  http = await serveRoutes();
  base = `http://127.0.0.1:${(http.address() as AddressInfo).port}`;
  const { getDb } = await import("../db/client");
  const { createApiToken } = await import("../app/api-tokens/create");
  const { revokeApiToken } = await import("../app/api-tokens/revoke");
  const ann = {
    kind: "staff" as const,
    userId: "u-ann",
    name: "Ann",
    email: "ann@registrar-a.test",
    organisationId: "default-org",
  };
  tokens.read = (await createApiToken(ann, { name: "read", scope: "read" }, { db: getDb() })).token;
  tokens.write = (await createApiToken(ann, { name: "ci", scope: "write" }, { db: getDb() })).token;
  const revoked = await createApiToken(ann, { name: "old", scope: "write" }, { db: getDb() });
  await revokeApiToken(ann, { tokenId: revoked.apiToken.id }, { db: getDb() });
  tokens.revoked = revoked.token;
}, 120_000);

afterAll(async () => {
  await new Promise((r) => http?.close(r));
  await lab?.stop();
  const { getDb } = await import("../db/client");
  await getDb().$disconnect();
  await tdb?.dispose();
  rmSync(dir, { recursive: true, force: true });
}, 60_000);

const serverArgs = () => [
  "--new-ns",
  "ns1.newhost.test=127.0.0.5",
  "--port",
  String(lab.port),
  "--root-hints",
  join(dir, "root.hints"),
  "--allow-private",
];

describe("the CLI against a Cutover server", () => {
  let transferId = "";

  test("check --server: creates nothing by itself; the organisation's transfer for the domain is needed", async () => {
    const { check } = await import("./check");
    const { out, io } = buffers();
    expect(
      await check(["project.test", "--zone", EXPORT, ...serverArgs(), "--server", base, "--token", tokens.write], io),
    ).toBe(2);
    expect(out.stderr).toContain("no transfer for project.test");
  });

  test("check --server prints what a local check prints, with the same exit code; a second check uploads nothing again", async () => {
    const { apiClient } = await import("./api-client");
    const api = apiClient(new URL(base), tokens.write);
    const t = await api.send<{ id: string }>("POST", "/api/v1/transfers", {
      domain: "project.test",
      losingRegistrar: "Old Reg",
      gainingRegistrar: "New Reg",
      currentDnsOperator: "Old Host",
      futureDnsOperator: "New Host",
      dnsHostingMoves: true,
    });
    transferId = t.id;
    const { check } = await import("./check");
    const local = buffers();
    const localCode = await check(
      ["project.test", "--zone", EXPORT, ...serverArgs(), "--dns-hosting-moves", "yes"],
      local.io,
    );
    const remote = buffers();
    const remoteCode = await check(
      ["project.test", "--zone", EXPORT, ...serverArgs(), "--server", base, "--token", tokens.write],
      remote.io,
    );
    expect(remote.out.stderr).toBe("");
    expect(remoteCode).toBe(localCode);
    expect(remoteCode).toBe(1); // the incomplete export: NO-GO
    expect(remote.out.stdout.split("\n")[0]).toMatch(/^project\.test\.: NO-GO — \d+ blocker\(s\)/);
    // Line for line the same report, but for the parties finding: the server's transfer holds its parties
    // (none named yet) where the local run had no facts file, so OPS-CONTACTS words it after them.
    // The derived deadline (lib/dns/query-plan.ts) may round a second apart between the two processes.
    const withoutContacts = (s: string) =>
      s
        .replace(/\n {2}OPS-CONTACTS .*(\n {4}.*)*/, "\n  OPS-CONTACTS")
        .replace(/, deadline \d+ s \(derived/g, ", deadline N s (derived");
    expect(withoutContacts(remote.out.stdout)).toBe(withoutContacts(local.out.stdout));
    expect(remote.out.stdout).toMatch(/\n {2}OPS-CONTACTS /);
    expect(remote.out.stdout).toMatch(/\n {2}INV-/);
    expect(remote.out.stdout).toMatch(/\nminimum overlap \d+ s, minimum window \d+ s; queries sent \d+\n/);
    expect(remote.out.stdout).toMatch(/\nold snapshot: rate \d+ q\/s per server/);

    const sources = async () =>
      (await api.get<{ sources: unknown[] }>(`/api/v1/transfers/${transferId}`)).sources.length;
    expect(await sources()).toBe(1);
    const json = buffers();
    expect(
      await check(
        ["project.test", "--zone", EXPORT, ...serverArgs(), "--server", base, "--token", tokens.write, "--json"],
        json.io,
      ),
    ).toBe(1);
    expect(await sources()).toBe(1);
    const j = JSON.parse(json.out.stdout);
    expect(j).toMatchObject({ verdict: "no-go", server: { transferId } });
    expect(j.findings.length).toBeGreaterThan(0);
  }, 240_000);

  test("check --server with a read token or a revoked one: exit 2 with the server's refusal", async () => {
    const { check } = await import("./check");
    const read = buffers();
    expect(
      await check(
        ["project.test", "--zone", EXPORT, ...serverArgs(), "--server", base, "--token", tokens.read],
        read.io,
      ),
    ).toBe(2);
    expect(read.out.stderr).toMatch(/403 FORBIDDEN: this token has read scope/);
    const revoked = buffers();
    expect(
      await check(["project.test", "--zone", EXPORT, "--server", base, "--token", tokens.revoked], revoked.io),
    ).toBe(2);
    expect(revoked.out.stderr).toContain("401 UNAUTHENTICATED");
    const facts = buffers();
    expect(
      await check(
        ["project.test", "--zone", EXPORT, "--server", base, "--token", tokens.write, "--ack", "x.json"],
        facts.io,
      ),
    ).toBe(2);
    expect(facts.out.stderr).toContain("--ack is not available with --server");
  });

  test("verify --server fetches a revision's bundle and verifies it here against the server's published key", async () => {
    const { apiClient } = await import("./api-client");
    const rev = await apiClient(new URL(base), tokens.write).send<{ number: number; digest: string }>(
      "POST",
      `/api/v1/transfers/${transferId}/checklist/revisions`,
    );
    const { main: verify } = await import("./verify");
    const byId = buffers();
    expect(await verify(["--server", base, "--token", tokens.read, transferId], byId.io)).toBe(0);
    expect(byId.out.stdout).toContain(`VALID: project.test transfer ${transferId}, revision ${rev.number}`);
    expect(byId.out.stdout).toContain(`revision digest (SHA-256): ${rev.digest}`);
    const byDomain = buffers();
    expect(await verify(["--server", base, "--token", tokens.read, `project.test:${rev.number}`], byDomain.io)).toBe(0);
    // Given a key that did not sign it, the fetched bundle is not trusted.
    writeFileSync(
      join(dir, "other.jwk"),
      JSON.stringify({ kty: "OKP", crv: "Ed25519", x: "11qYAYKxCrfVS_7TyWQHOg7hcvPapiMlrwIaaPcHURo" }),
    );
    const wrongKey = buffers();
    expect(
      await verify(
        ["--server", base, "--token", tokens.read, transferId, "--key", join(dir, "other.jwk")],
        wrongKey.io,
      ),
    ).toBe(1);
    const missing = buffers();
    expect(await verify(["--server", base, "--token", tokens.read, `${transferId}:99`], missing.io)).toBe(2);
    expect(missing.out.stderr).toContain("404 NOT_FOUND");
    const revoked = buffers();
    expect(await verify(["--server", base, "--token", tokens.revoked, transferId], revoked.io)).toBe(2);
    expect(revoked.out.stderr).toContain("401");
  }, 60_000);
});
