import { readdirSync, statSync } from "node:fs";
import { join, relative, sep } from "node:path";
import { validate } from "@readme/openapi-parser";
import { describe, expect, test } from "vitest";
import { openApiDocument } from "./openapi";
import { API_OPERATIONS } from "./operations";

const V1 = join(process.cwd(), "app", "api", "v1");

function routeFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return routeFiles(p);
    return e === "route.ts" ? [p] : [];
  });
}

/** app/api/v1/transfers/[id]/runs/route.ts → /api/v1/transfers/{id}/runs */
function pathOf(file: string): string {
  const dir = relative(join(process.cwd(), "app"), file).split(sep).slice(0, -1);
  return "/" + dir.map((s) => s.replace(/^\[(\w+)\]$/, "{$1}")).join("/");
}

describe("OpenAPI document", () => {
  test("is a valid OpenAPI 3.1 document", async () => {
    const doc = openApiDocument({ serverUrl: "https://cutover.example" });
    expect(doc.openapi).toMatch(/^3\.1\./);
    const r = await validate(structuredClone(doc) as never);
    expect(r.valid ? [] : r.errors, JSON.stringify(r)).toEqual([]);
    // The validator is not vacuous: a dangling reference is refused.
    const broken = structuredClone(doc) as { components: { schemas: Record<string, unknown> } };
    delete broken.components.schemas.Transfer;
    expect((await validate(broken as never)).valid).toBe(false);
  });

  test("every /api/v1 route on disk, and every method it exports, is documented — and nothing else", async () => {
    const doc = openApiDocument() as { paths: Record<string, Record<string, unknown>> };
    const onDisk: string[] = [];
    for (const file of routeFiles(V1)) {
      const mod = (await import(/* @vite-ignore */ file)) as Record<string, unknown>;
      for (const m of ["GET", "POST", "PUT", "PATCH", "DELETE"])
        if (typeof mod[m] === "function") onDisk.push(`${m} ${pathOf(file)}`);
    }
    const documented = Object.entries(doc.paths).flatMap(([p, ops]) =>
      Object.keys(ops).map((m) => `${m.toUpperCase()} ${p}`),
    );
    expect(onDisk.sort()).toEqual(documented.sort());
  }, 60_000);

  test("request bodies are the use cases' own zod schemas: the domain, the DNS-hosting answer and run options are described", () => {
    const doc = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          { requestBody?: { content: Record<string, { schema: Record<string, unknown> }> }; "x-cutover-scope": string }
        >
      >;
    };
    const create = doc.paths["/api/v1/transfers"]!.post!;
    const body = create.requestBody!.content["application/json"]!.schema as {
      required: string[];
      properties: Record<string, unknown>;
    };
    expect(body.required).toEqual(expect.arrayContaining(["domain", "dnsHostingMoves"]));
    expect(create["x-cutover-scope"]).toBe("write");
    const run = doc.paths["/api/v1/transfers/{id}/runs"]!.post!.requestBody!.content["application/json"]!.schema as {
      properties: Record<string, { default?: unknown }>;
      additionalProperties: boolean;
    };
    expect(run.properties.port!.default).toBe(53);
    expect(run.additionalProperties).toBe(false);
    expect(doc.paths["/api/v1/transfers"]!.get!["x-cutover-scope"]).toBe("read");
    expect(Object.keys(API_OPERATIONS).length).toBe(
      Object.values(doc.paths).reduce((n, ops) => n + Object.keys(ops).length, 0),
    );
  });

  test("creating a transfer documents the Idempotency-Key header and its 409", () => {
    const doc = openApiDocument() as {
      paths: Record<
        string,
        Record<
          string,
          {
            parameters?: { name: string; in: string; schema: { pattern?: string } }[];
            responses: Record<string, unknown>;
          }
        >
      >;
    };
    const create = doc.paths["/api/v1/transfers"]!.post!;
    expect(create.parameters).toEqual([
      expect.objectContaining({
        name: "Idempotency-Key",
        in: "header",
        required: false,
      }),
    ]);
    expect(create.parameters![0]!.schema.pattern).toBeTruthy();
    expect(Object.keys(create.responses)).toContain("409");
    expect(doc.paths["/api/v1/transfers"]!.get!.parameters).toBeUndefined();
  });
});
