/**
 * `cutover keys list|rotate [--data-dir DIR]`: the server's Ed25519 signing
 * keys (DESIGN §8). Rotation makes a new active key; old public keys stay in
 * the keyring (and in /.well-known/cutover-signing-key), so bundles signed
 * before keep verifying under their key id.
 */
import { parseArgs } from "node:util";
import { loadOrCreateSigningKey, readKeyring, rotateSigningKey } from "../checklist/signing-key";
import { dataDir } from "../config/data-dir";
import { EXIT, type CliIo } from "./io";

const HELP = `usage: cutover keys list|rotate [--data-dir DIR]
  list    print every key id in the keyring, the active one marked
  rotate  generate a new active signing key; old public keys stay published
  --data-dir  where the keys live (default: CUTOVER_DATA_DIR, else the SQLite database's folder, else ./data)
`;

export function main(argv: string[], io: CliIo): number {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: { "data-dir": { type: "string" }, help: { type: "boolean" } },
    });
  } catch (e) {
    io.stderr.write(`cutover keys: ${(e as Error).message}\n${HELP}`);
    return EXIT.USAGE;
  }
  const [action, ...extra] = parsed.positionals;
  if (parsed.values.help) {
    io.stdout.write(HELP);
    return EXIT.OK;
  }
  if (extra.length > 0 || (action !== "list" && action !== "rotate")) {
    io.stderr.write(HELP);
    return EXIT.USAGE;
  }
  const dir = parsed.values["data-dir"] ?? dataDir();
  if (action === "rotate") {
    const key = rotateSigningKey({ dataDir: dir });
    io.stdout.write(`new active key ${key.keyId}\n`);
  }
  const active = loadOrCreateSigningKey({ dataDir: dir }).keyId;
  for (const kid of readKeyring(dir).keys()) io.stdout.write(`${kid}${kid === active ? "\tactive" : ""}\n`);
  return EXIT.OK;
}
