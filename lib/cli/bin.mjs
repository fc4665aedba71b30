#!/usr/bin/env node
// Runs the TypeScript CLI through tsx so `npx cutover` works right after
// `npm install`, without building the web app.
import { register } from "tsx/esm/api";
import "../node/server-only.mjs";

register();
const { main } = await import("./main.ts");
process.exitCode = await main(process.argv.slice(2), { stdout: process.stdout, stderr: process.stderr });
