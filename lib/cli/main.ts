/**
 * `cutover` command dispatcher. Subcommands live in their own modules and
 * are loaded on demand so one command's dependencies never slow another.
 */
import { EXIT, type CliIo } from "./io";
import { USAGE } from "./usage";

type Command = (args: string[], io: CliIo) => Promise<number> | number;

async function loadOptional(specifier: string): Promise<Record<string, unknown> | null> {
  try {
    return (await import(specifier)) as Record<string, unknown>;
  } catch (e) {
    const code = (e as { code?: string }).code;
    if (code === "ERR_MODULE_NOT_FOUND" || code === "MODULE_NOT_FOUND") return null;
    throw e;
  }
}

/** Commands written by other parts of the project: resolved at run time (the module may not exist yet). */
async function delegated(name: string, specifier: string, args: string[], io: CliIo): Promise<number> {
  const mod = await loadOptional(specifier);
  const fn = (mod?.main ?? mod?.default ?? mod?.[name]) as Command | undefined;
  if (typeof fn !== "function") {
    io.stderr.write(`cutover: "${name}" is not available in this build\n`);
    return EXIT.USAGE;
  }
  return fn(args, io);
}

export async function main(argv: string[], io: CliIo): Promise<number> {
  const [cmd, sub, ...rest] = argv;
  if (cmd === undefined || cmd === "help" || cmd === "--help" || cmd === "-h") {
    (cmd === undefined ? io.stderr : io.stdout).write(USAGE);
    return cmd === undefined ? EXIT.USAGE : EXIT.OK;
  }
  switch (cmd) {
    case "zone":
      if (sub === "normalize") {
        const { zoneNormalize } = await import("./zone-normalize");
        return zoneNormalize(rest, io);
      }
      if (sub === "diff") {
        const { zoneDiff } = await import("./zone-diff");
        return zoneDiff(rest, io);
      }
      io.stderr.write(
        `cutover zone: unknown subcommand ${sub === undefined ? "(none)" : JSON.stringify(sub)}\n${USAGE}`,
      );
      return EXIT.USAGE;
    case "query":
      return delegated("query", "./query", argv.slice(1), io);
    case "admin":
      return delegated("admin", "./admin", argv.slice(1), io);
    case "keys":
      return delegated("keys", "./keys", argv.slice(1), io);
    case "worker":
      return delegated("worker", "./worker", argv.slice(1), io);
    case "verify":
    case "check":
      return delegated(cmd, `./${cmd}`, argv.slice(1), io);
    default:
      io.stderr.write(`cutover: unknown command ${JSON.stringify(cmd)}\n${USAGE}`);
      return EXIT.USAGE;
  }
}
