// `node --import ./lib/node/server-only.mjs …` (with tsx): lets the CLI, scripts and test seeds load modules
// marked `import "server-only"` (lib/db/client.ts, lib/auth/server.ts). See server-only-hooks.mjs.
import { register } from "node:module";

register("./server-only-hooks.mjs", import.meta.url);
