/**
 * `cutover query DOMAIN [--ns NAME=ADDR[:PORT]]... [--root-hints FILE] [--port N]
 *  [--allow-private] [--axfr] [--tsig NAME:ALG:SECRET] [--tcp] [--json]`
 * Exit 0 when every server answered, 1 when any failed, 2 on usage errors.
 */
import { readFileSync } from "node:fs";
import { parseRootHints, type NameServer } from "../dns/root-hints";
import { runSnapshot, type ExplicitServer } from "../dns/run-snapshot";
import { parseServerSpec } from "../dns/server-spec";
import { snapshotToJson } from "../dns/snapshot-json";
import { TsigKey } from "../dns/tsig";
import { parseName } from "../zone/name";
import type { CliIo } from "./io";
import { parseRunLimits, planLines, RUN_LIMIT_HELP, RUN_LIMIT_OPTIONS } from "./run-limits";
import { parseCommandLine } from "./command-line";

const HELP = `usage: cutover query DOMAIN [options]
  --ns NAME=ADDR[:PORT]   query only this server (repeatable; undelegated servers)
  --root-hints FILE       root hints (master-file NS/A/AAAA lines or NAME=ADDR lines)
  --port N                port for every server (default 53)
  --allow-private         allow loopback/private/reserved addresses (labs)
  --axfr                  try a zone transfer at every server
  --tsig NAME:ALG:SECRET  TSIG key for AXFR (hmac-sha256|384|512, base64 secret)
  --tcp                   TCP only
  --timeout MS            per-query timeout (default 2000)
${RUN_LIMIT_HELP}  --no-discovery          only SOA/NS (and AXFR)
  --json                  print the full snapshot as JSON

exit status:
  0  every server address answered SOA (over UDP and over TCP) and NS authoritatively
  1  any server address failed any of those queries (timeout, refused, servfail,
     malformed, network error, no address, or a lame/non-authoritative answer),
     or no server was found; AXFR refusals and discovery queries do not count
  2  usage error
`;

const processIo: CliIo = { stdout: process.stdout, stderr: process.stderr };

export async function runQuery(argv: string[], io: CliIo = processIo): Promise<number> {
  const args = parseCommandLine({
    command: "query",
    help: HELP,
    io,
    config: {
      args: argv,
      allowPositionals: true,
      options: {
        ns: { type: "string", multiple: true },
        "root-hints": { type: "string" },
        port: { type: "string" },
        "allow-private": { type: "boolean" },
        axfr: { type: "boolean" },
        tsig: { type: "string" },
        tcp: { type: "boolean" },
        timeout: { type: "string" },
        ...RUN_LIMIT_OPTIONS,
        "no-discovery": { type: "boolean" },
        json: { type: "boolean" },
        help: { type: "boolean", short: "h" },
      },
    },
  });
  if ("exit" in args) return args.exit;
  const v = args.values;
  if (args.positionals.length !== 1) {
    io.stderr.write(`cutover query: exactly one DOMAIN expected\n${HELP}`);
    return 2;
  }
  const domain = args.positionals[0];
  const dn = parseName(domain.endsWith(".") ? domain : domain + ".", null);
  if (!dn.ok) {
    io.stderr.write(`cutover query: bad domain: ${dn.message}\n`);
    return 2;
  }
  const port = v.port === undefined ? undefined : Number(v.port);
  if (port !== undefined && !(Number.isInteger(port) && port > 0 && port < 65536)) {
    io.stderr.write(`cutover query: --port must be 1..65535\n`);
    return 2;
  }
  const servers: ExplicitServer[] = [];
  for (const spec of v.ns ?? []) {
    const s = parseServerSpec(spec);
    if (!s.ok) {
      io.stderr.write(`cutover query: --ns "${spec}": ${s.message}\n`);
      return 2;
    }
    servers.push({ ...s.server, port: s.server.port ?? port });
  }
  let hints: NameServer[] | undefined;
  if (v["root-hints"]) {
    let text: string;
    try {
      text = readFileSync(v["root-hints"], "utf8");
    } catch (e) {
      io.stderr.write(`cutover query: cannot read ${v["root-hints"]}: ${(e as Error).message}\n`);
      return 2;
    }
    const h = parseRootHints(text);
    if (!h.ok) {
      io.stderr.write(`cutover query: ${v["root-hints"]}:${h.line}: ${h.message}\n`);
      return 2;
    }
    hints = h.servers;
  }
  let tsig: TsigKey | null = null;
  if (v.tsig) {
    const k = TsigKey.parse(v.tsig);
    if (typeof k === "string") {
      io.stderr.write(`cutover query: --tsig: ${k}\n`);
      return 2;
    }
    tsig = k;
  }
  const timeoutMs = v.timeout === undefined ? undefined : Number(v.timeout);
  if (timeoutMs !== undefined && !(timeoutMs > 0)) {
    io.stderr.write(`cutover query: --timeout must be a positive number\n`);
    return 2;
  }
  const runLimits = parseRunLimits(v);
  if (!runLimits.ok) {
    io.stderr.write(`cutover query: ${runLimits.message}\n`);
    return 2;
  }
  const ac = new AbortController();
  const onSig = () => ac.abort();
  process.once("SIGINT", onSig);
  try {
    const snap = await runSnapshot({
      zone: domain,
      servers,
      rootHints: hints,
      // --ns asks only the given servers; with --root-hints the parent's referral is measured too.
      measureParent: servers.length === 0 || hints !== undefined,
      port,
      allowPrivate: v["allow-private"] ?? false,
      axfr: v.axfr ?? false,
      tsig,
      tcpOnly: v.tcp ?? false,
      timeoutMs,
      ...runLimits.value,
      discovery: !v["no-discovery"],
      signal: ac.signal,
    });
    // Exit 1 when any summary query (SOA/UDP, SOA/TCP, NS) failed anywhere, not only when SOA did.
    const failed = snap.servers.length === 0 || snap.servers.some((s) => !s.authoritative || s.failures.length > 0);
    if (v.json) {
      io.stdout.write(JSON.stringify(snapshotToJson(snap), null, 2) + "\n");
    } else {
      io.stdout.write(
        `${snap.zone} (${snap.mode === "explicit" ? "given servers only" : `delegated from ${snap.delegation?.parent ?? "?"}`})\n`,
      );
      if (snap.delegation?.problem) io.stdout.write(`  delegation: ${snap.delegation.problem}\n`);
      if (snap.delegation && snap.delegation.ds.length)
        io.stdout.write(`  DS at parent: ${snap.delegation.ds.length} (TTL ${snap.delegation.ds[0].ttl})\n`);
      for (const s of snap.servers) {
        const where = `${s.name} ${s.address.includes(":") ? `[${s.address}]` : s.address}:${s.port}`;
        io.stdout.write(
          `  ${where}  serial=${s.soaSerial ?? "-"}  udp=${s.udp ? "ok" : "no"} tcp=${s.tcp ? "ok" : "no"}` +
            `  axfr=${s.axfr}${s.axfr === "allowed" ? `(${s.axfrRecords})` : s.axfrDetail ? `(${s.axfrDetail})` : ""}  ns=[${s.ns.join(" ")}]` +
            (s.failures.length ? `  FAILED ${s.failures.join("; ")}` : "") +
            (s.error && !s.failures.some((f) => f.endsWith(s.error!)) ? `  ERROR ${s.error}` : "") +
            "\n",
        );
      }
      io.stdout.write(
        `  names=${snap.names.length} cuts=[${snap.zoneCuts.join(" ")}] wildcard=${snap.wildcard}  queries sent=${snap.counts.sent} answered=${snap.counts.answered} failed=${snap.counts.failed}\n`,
      );
      for (const l of planLines("  plan", snap)) io.stdout.write(l + "\n");
    }
    return failed ? 1 : 0;
  } finally {
    process.off("SIGINT", onSig);
  }
}

/** Entry used by the dispatcher (lib/cli/main.ts calls `query(args, io)`). */
export const query = runQuery;
export default runQuery;
