/**
 * `cutover verify BUNDLE [--key JWK_FILE|URL] [--json]`: checks a signed
 * checklist bundle offline (DESIGN §8). The network is used only when --key
 * is an http(s) URL. Exit 0 valid, 1 invalid (with the reason), 2 usage.
 */
import { readFileSync } from "node:fs";
import { parseKeyring, type Keyring } from "../checklist/jwk";
import { verifyBundle } from "../checklist/bundle";
import { EXIT, type CliIo } from "./io";

export const VERIFY_USAGE = `usage: cutover verify BUNDLE [--key JWK_FILE|URL] [--json]
  Verify a signed checklist bundle. --key: the signer's public key as a JWK or
  JWK Set (file, or the server's /.well-known/cutover-signing-key URL).
  Without --key only the key inside the bundle is used: that proves the bundle
  is intact, not who signed it.
exit codes: 0 valid, 1 invalid, 2 usage error
`;

interface Args {
  bundle: string;
  key: string | null;
  json: boolean;
}

function parseArgs(args: string[]): Args | string {
  let bundle: string | null = null;
  let key: string | null = null;
  let json = false;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    if (a === "--key") {
      if (i + 1 >= args.length) return "--key needs a value";
      key = args[++i];
    } else if (a.startsWith("--key=")) key = a.slice(6);
    else if (a === "--json") json = true;
    else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
    else if (bundle === null) bundle = a;
    else return "only one BUNDLE may be given";
  }
  if (bundle === null) return "no BUNDLE given";
  return { bundle, key, json };
}

async function loadKey(spec: string): Promise<{ keyring: Keyring; problems: string[] } | string> {
  let text: string;
  if (/^https?:\/\//i.test(spec)) {
    try {
      const res = await fetch(spec, { signal: AbortSignal.timeout(15_000), headers: { accept: "application/jwk-set+json, application/jwk+json, application/json" } });
      if (!res.ok) return `fetching ${spec}: HTTP ${res.status}`;
      text = await res.text();
    } catch (e) {
      return `fetching ${spec}: ${(e as Error).message}`;
    }
  } else {
    try {
      text = readFileSync(spec, "utf8");
    } catch (e) {
      return `cannot read key file ${spec}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}`;
    }
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return `${spec} is not JSON (expected a JWK or a JWK Set)`;
  }
  const parsed = parseKeyring(json);
  if (parsed.keyring.size === 0) return `${spec} holds no usable Ed25519 public key${parsed.problems.length ? ` (${parsed.problems.join("; ")})` : ""}`;
  return parsed;
}

export async function main(args: string[], io: CliIo): Promise<number> {
  if (args.includes("--help") || args.includes("-h")) {
    io.stdout.write(VERIFY_USAGE);
    return EXIT.OK;
  }
  const parsed = parseArgs(args);
  if (typeof parsed === "string") {
    io.stderr.write(`cutover verify: ${parsed}\n${VERIFY_USAGE}`);
    return EXIT.USAGE;
  }
  let bytes: Buffer;
  try {
    bytes = readFileSync(parsed.bundle);
  } catch (e) {
    io.stderr.write(`cutover verify: cannot read ${parsed.bundle}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`);
    return EXIT.USAGE;
  }
  let keyring: Keyring | undefined;
  if (parsed.key !== null) {
    const k = await loadKey(parsed.key);
    if (typeof k === "string") {
      io.stderr.write(`cutover verify: ${k}\n`);
      return EXIT.USAGE;
    }
    for (const p of k.problems) io.stderr.write(`cutover verify: warning: ${p}\n`);
    keyring = k.keyring;
  }
  const r = verifyBundle(bytes, keyring);
  if (parsed.json) {
    (r.valid ? io.stdout : io.stderr).write(JSON.stringify(r) + "\n");
    return r.valid ? EXIT.OK : EXIT.FAILED;
  }
  if (!r.valid) {
    io.stderr.write(`INVALID: ${r.reason} [${r.code}]\n`);
    return EXIT.FAILED;
  }
  io.stdout.write(
    [
      `VALID: ${r.domain} transfer ${r.transferId}, revision ${r.revisionNumber}${r.final ? ", FINAL" : " (not final)"}, ${r.signoffs} sign-off${r.signoffs === 1 ? "" : "s"}`,
      `revision digest (SHA-256): ${r.revisionDigest}`,
      `signing key: ${r.keyId}${r.keySource === "embedded" ? " (taken from the bundle itself: intact, but pass --key to check who signed it)" : ""}`,
      "",
    ].join("\n"),
  );
  return EXIT.OK;
}
