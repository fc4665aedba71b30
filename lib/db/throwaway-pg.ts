/**
 * A throwaway PostgreSQL cluster for tools that need a server and got no URL
 * (creating migration twins). Same script as CI (.ci/pg-cluster.sh).
 */
import { execFileSync } from "node:child_process";
import { resolve } from "node:path";

export interface ThrowawayPg {
  url: string;
  stop(): void;
}

export function startThrowawayPg(root: string = process.cwd()): ThrowawayPg {
  const script = resolve(root, ".ci/pg-cluster.sh");
  const out = execFileSync(
    "bash",
    [
      "-c",
      `source "${script}" && pg_cluster_start >&2 && printf '%s\\n%s\\n%s\\n' "$PG_CLUSTER_DIR" "$PG_CLUSTER_BIN" "$CUTOVER_TEST_PG_URL"`,
    ],
    { encoding: "utf8", stdio: ["ignore", "pipe", "inherit"] },
  );
  const [dir, bin, url] = out.trim().split("\n");
  return {
    url: url!,
    stop() {
      execFileSync(
        "bash",
        ["-c", `source "${script}" && PG_CLUSTER_DIR="${dir}" PG_CLUSTER_BIN="${bin}" pg_cluster_stop`],
        { stdio: "inherit" },
      );
    },
  };
}
