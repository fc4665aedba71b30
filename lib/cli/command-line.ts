/** Reading a subcommand's arguments the way every `cutover` command does. */
import { parseArgs, type ParseArgsConfig } from "node:util";
import { EXIT, type CliIo } from "./io";

type Parsed<T extends ParseArgsConfig> = ReturnType<typeof parseArgs<T>>;

/**
 * Parses `config` (which must define `help`); a bad option prints the error and the usage (exit 2), `--help` the
 * usage (exit 0): the command returns `exit` then.
 */
export function parseCommandLine<T extends ParseArgsConfig>(o: {
  command: string;
  help: string;
  io: CliIo;
  config: T;
}): Parsed<T> | { exit: number } {
  let args: Parsed<T>;
  try {
    args = parseArgs(o.config);
  } catch (e) {
    o.io.stderr.write(`cutover ${o.command}: ${(e as Error).message}\n${o.help}`);
    return { exit: EXIT.USAGE };
  }
  if ((args.values as { help?: boolean }).help) {
    o.io.stdout.write(o.help);
    return { exit: EXIT.OK };
  }
  return args;
}

/** Parses `config`; a bad option becomes the message the caller reports (for parsers that return their errors). */
export function parseOrExplain<T extends ParseArgsConfig>(
  config: T,
): { ok: true; args: Parsed<T> } | { ok: false; message: string } {
  try {
    return { ok: true, args: parseArgs(config) };
  } catch (e) {
    return { ok: false, message: e instanceof Error ? e.message : String(e) };
  }
}
