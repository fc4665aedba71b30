/**
 * Prisma's WASM schema engine, loaded by hand: the CLI's native engine cannot
 * be downloaded here, and on Node 20 a `.wasm` import is not supported, so we
 * instantiate the module ourselves with its wasm-bindgen glue as imports.
 * The engine talks to the database through a driver adapter: better-sqlite3
 * for SQLite URLs, pg for postgres:// URLs.
 */
import { readFile } from "node:fs/promises";
import { createRequire } from "node:module";
import { PrismaBetterSqlite3 } from "@prisma/adapter-better-sqlite3";
import { PrismaPg } from "@prisma/adapter-pg";
import { bindMigrationAwareSqlAdapterFactory } from "@prisma/driver-adapter-utils";
import type { SqlDriverAdapter, SqlMigrationAwareDriverAdapterFactory } from "@prisma/driver-adapter-utils";
import * as glue from "@prisma/schema-engine-wasm/schema_engine_bg";
import type { SchemaEngine } from "@prisma/schema-engine-wasm";
import { dialectOf } from "./dialect";
import { ensureDatabaseDirectory } from "./url";

let ready: Promise<void> | null = null;

function instantiate(): Promise<void> {
  ready ??= (async () => {
    const require = createRequire(import.meta.url);
    const wasmPath = require.resolve("@prisma/schema-engine-wasm/schema_engine_bg").replace(/\.js$/, ".wasm");
    const bytes = await readFile(wasmPath);
    const { instance } = await WebAssembly.instantiate(bytes, {
      "./schema_engine_bg.js": glue as unknown as WebAssembly.ModuleImports,
    });
    const exports = instance.exports as unknown as { __wbindgen_start: () => void };
    (glue as unknown as { __wbg_set_wasm: (w: unknown) => void }).__wbg_set_wasm(exports);
    exports.__wbindgen_start();
  })();
  return ready;
}

export interface OpenSchemaEngineOptions {
  url: string;
  schema: string;
  /** Receives the engine's JSON log lines; silent by default. */
  log?: (line: string) => void;
}

export interface OpenedSchemaEngine {
  engine: SchemaEngine;
  /** Frees the engine and closes its connections (free() alone leaves them open and a SQLite file locked). */
  close(): Promise<void>;
}

/** Records every connection the engine opens so close() can dispose them. */
function trackingFactory(
  inner: SqlMigrationAwareDriverAdapterFactory,
  opened: SqlDriverAdapter[],
): SqlMigrationAwareDriverAdapterFactory {
  return {
    provider: inner.provider,
    adapterName: inner.adapterName,
    async connect() {
      const a = await inner.connect();
      opened.push(a);
      return a;
    },
    async connectToShadowDb() {
      const a = await inner.connectToShadowDb();
      opened.push(a);
      return a;
    },
  };
}

function adapterFactory(url: string): SqlMigrationAwareDriverAdapterFactory {
  if (dialectOf(url) === "postgres") return new PrismaPg({ connectionString: url });
  ensureDatabaseDirectory(url);
  return new PrismaBetterSqlite3({ url });
}

export async function openSchemaEngine(options: OpenSchemaEngineOptions): Promise<OpenedSchemaEngine> {
  await instantiate();
  const opened: SqlDriverAdapter[] = [];
  const adapter = bindMigrationAwareSqlAdapterFactory(trackingFactory(adapterFactory(options.url), opened));
  const engine = await glue.SchemaEngine.new(
    { datamodels: [["schema.prisma", options.schema]] },
    options.log ?? (() => {}),
    adapter,
  );
  return {
    engine,
    async close() {
      engine.free();
      await Promise.all(opened.map((a) => a.dispose()));
    },
  };
}
