/**
 * The OpenAPI 3.1 document of the HTTP API, generated from API_OPERATIONS: request bodies from the very zod
 * schemas the use cases validate with, responses from lib/http/api-wire.ts (zod 4 `z.toJSONSchema`, JSON
 * Schema 2020-12, which OpenAPI 3.1 uses as its schema dialect, OpenAPI 3.1 §4.8.24).
 */
import { z } from "zod";
import { uploadEntrySchema } from "../sources/upload-request";
import { API_OPERATIONS, type ApiOperation } from "./operations";
import { ApiErrorSchema } from "../../http/api-wire";

type Json = Record<string, unknown>;

const COMPONENT = "#/components/schemas/";

const STATUS_TEXT: Record<number, string> = {
  401: "no token, or a wrong or revoked one",
  403: "the token's scope does not allow this (a read token on a write operation)",
  404: "no such transfer, run or revision — or it belongs to another organisation",
  409: "the state forbids it now",
  413: "the body is over its size limit",
  422: "the body failed validation; `error.issues` says where",
  429: "the organisation's hourly DNS query budget is used up; `Retry-After` says when to retry",
};

/** A schema for the document: named sub-schemas (`.meta({ id })`) go to components, referenced from there. */
function schemaOf(schema: z.ZodType, io: "input" | "output", components: Json): Json {
  const js = relink(z.toJSONSchema(schema, { io, unrepresentable: "any" })) as Json;
  const { $schema: _dialect, $defs, ...rest } = js;
  for (const [id, def] of Object.entries(($defs ?? {}) as Json)) components[id] = def;
  // A top-level schema with an id of its own: keep it in components and refer to it.
  const id = (z.globalRegistry.get(schema) as { id?: string } | undefined)?.id;
  if (id) {
    components[id] = rest;
    return { $ref: COMPONENT + id };
  }
  return rest;
}

/** `#/$defs/X` (relative to one schema) → `#/components/schemas/X` (relative to the document). */
function relink(v: unknown): unknown {
  if (Array.isArray(v)) return v.map(relink);
  if (v === null || typeof v !== "object") return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [
      k,
      k === "$ref" && typeof x === "string" && x.startsWith("#/$defs/") ? COMPONENT + x.slice(8) : relink(x),
    ]),
  );
}

function parametersOf(path: string): Json[] {
  return [...path.matchAll(/\{(\w+)\}/g)].map(([, name]) => ({
    name,
    in: "path",
    required: true,
    schema: name === "number" ? { type: "integer", minimum: 1 } : { type: "string", minLength: 1 },
    description: name === "number" ? "revision number" : name === "id" ? "transfer id" : "run id",
  }));
}

function operationOf(operationId: string, op: ApiOperation, components: Json): Json {
  const errorRef = { $ref: COMPONENT + "Error" };
  const responses: Json = {
    [op.ok.status]: {
      description: op.ok.description,
      content:
        "schema" in op.ok
          ? { "application/json": { schema: schemaOf(op.ok.schema, "output", components) } }
          : { [op.ok.contentType]: {} },
    },
  };
  for (const status of [401, 403, 404, ...(op.errors ?? [])])
    responses[status] = {
      description: STATUS_TEXT[status] ?? "error",
      content: { "application/json": { schema: errorRef } },
    };
  const out: Json = {
    operationId,
    summary: op.summary,
    description: `Needs a **${op.scope}** token${op.scope === "read" ? " (a write token may read too)" : ""}.`,
    tags: [op.tag],
    security: [{ bearerToken: [] }],
    "x-cutover-scope": op.scope,
    responses,
  };
  const params = [
    ...parametersOf(op.path),
    ...(op.headers ?? []).map((h) => ({
      name: h.name,
      in: "header",
      required: false,
      schema: schemaOf(h.schema, "input", components),
      description: h.description,
    })),
  ];
  if (params.length) out.parameters = params;
  if (op.body?.kind === "json")
    out.requestBody = {
      required: true,
      content: { "application/json": { schema: schemaOf(op.body.schema, "input", components) } },
    };
  if (op.body?.kind === "multipart") {
    const manifest = schemaOf(z.array(uploadEntrySchema), "input", components);
    out.requestBody = {
      required: true,
      content: {
        "multipart/form-data": {
          schema: {
            type: "object",
            required: ["files", "manifest"],
            properties: {
              files: {
                type: "array",
                items: { type: "string", contentMediaType: "application/octet-stream" },
                description: "the exports, one part per file",
              },
              manifest: {
                type: "string",
                contentMediaType: "application/json",
                contentSchema: manifest,
                description:
                  "one { label, format, partOf } per file, in order; partOf: the index of the file this one belongs with (one source), or null",
              },
            },
          },
        },
      },
    };
  }
  return out;
}

export function openApiDocument(options: { serverUrl?: string; version?: string } = {}): Json {
  const components: Json = {};
  schemaOf(ApiErrorSchema, "output", components);
  const paths: Record<string, Json> = {};
  for (const [id, op] of Object.entries(API_OPERATIONS) as [string, ApiOperation][]) {
    paths[op.path] ??= {};
    paths[op.path]![op.method.toLowerCase()] = operationOf(id, op, components);
  }
  return {
    openapi: "3.1.1",
    info: {
      title: "Cutover API",
      version: options.version ?? "1",
      description:
        "Transfers, sources, live-check runs, schedule and signed checklists of one organisation. Authenticate with `Authorization: Bearer <token>`: an API token staff create (and revoke) on the API tokens settings page, with read or write scope. Errors are `{ error: { code, message } }` with the status of the code.",
    },
    ...(options.serverUrl ? { servers: [{ url: options.serverUrl }] } : {}),
    tags: [{ name: "transfers" }, { name: "sources" }, { name: "runs" }, { name: "schedule" }, { name: "checklist" }],
    paths,
    components: {
      schemas: components,
      securitySchemes: {
        bearerToken: { type: "http", scheme: "bearer", description: "an organisation API token (`cutover_…`)" },
      },
    },
  };
}
