/**
 * An extra Cutover instance for specs that need their own environment (the
 * SSO spec's CUTOVER_OIDC_* variables): `node lib/cli/start.mjs` on the build
 * the shared webServer already made (CUTOVER_SKIP_BUILD=1, same NEXT_DIST_DIR),
 * its own SQLite database and port, stopped with its whole process group.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { createServer, type AddressInfo } from "node:net";
import { join } from "node:path";

export async function freePort(): Promise<number> {
  const srv = createServer();
  await new Promise<void>((resolve) => srv.listen(0, "127.0.0.1", resolve));
  const { port } = srv.address() as AddressInfo;
  await new Promise<void>((resolve) => srv.close(() => resolve()));
  return port;
}

/** Runs an e2e/support seed script with tsx against `databaseUrl`; its last stdout line is JSON. */
export function runSeed<T>(script: string, databaseUrl: string, arg: object): T {
  const r = spawnSync(
    process.execPath,
    ["--import", "tsx", "--import", "./lib/node/server-only.mjs", script, JSON.stringify(arg)],
    { env: { ...process.env, DATABASE_URL: databaseUrl }, encoding: "utf8" },
  );
  if (r.status !== 0) throw new Error(`${script} failed: ${r.stderr}`);
  return JSON.parse(r.stdout.trim().split("\n").at(-1)!) as T;
}

export interface AppInstance {
  baseURL: string;
  output(): string;
  stop(): Promise<void>;
}

export async function startApp(options: {
  port: number;
  dataDir: string;
  env: Record<string, string>;
}): Promise<AppInstance> {
  const baseURL = `http://127.0.0.1:${options.port}`;
  const child: ChildProcess = spawn(process.execPath, ["lib/cli/start.mjs"], {
    detached: true,
    stdio: ["ignore", "pipe", "pipe"],
    env: {
      ...process.env,
      CUTOVER_SKIP_BUILD: "1",
      PORT: String(options.port),
      HOSTNAME_BIND: "127.0.0.1",
      DATABASE_URL: `file:${join(options.dataDir, "app.db")}`,
      CUTOVER_DATA_DIR: options.dataDir,
      CUTOVER_BASE_URL: baseURL,
      NEXT_TELEMETRY_DISABLED: "1",
      ...options.env,
    },
  });
  let log = "";
  child.stdout!.on("data", (d: Buffer) => (log += d.toString()));
  child.stderr!.on("data", (d: Buffer) => (log += d.toString()));
  let exited = false;
  child.on("exit", () => (exited = true));
  const stop = async () => {
    if (exited || child.pid === undefined) return;
    const gone = new Promise<void>((resolve) => child.once("exit", () => resolve()));
    process.kill(-child.pid, "SIGTERM");
    await Promise.race([gone, new Promise((r) => setTimeout(r, 5_000))]);
  };
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (exited) throw new Error(`the app exited before serving:\n${log}`);
    const up = await fetch(`${baseURL}/sign-in`, { redirect: "manual" }).then(
      () => true,
      () => false,
    );
    if (up) return { baseURL, output: () => log, stop };
    await new Promise((r) => setTimeout(r, 250));
  }
  await stop();
  throw new Error(`the app did not answer on ${baseURL} within 120 s:\n${log}`);
}
