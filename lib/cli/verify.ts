/**
 * `cutover verify BUNDLE [--key JWK_FILE] [--key-url URL] [--keyring FILE] [--json]`:
 * checks a signed checklist bundle offline (DESIGN §8). The network is used
 * only for --key-url (or an http(s) --key). Exit 0 only when the signature
 * checks against a key the caller trusts; a bundle that is merely intact
 * under the key it carries itself exits 3 (anyone can re-sign a bundle with
 * a key of their own and embed it); 1 invalid, 2 usage.
 */
import { readFileSync } from "node:fs";
import { parseKeyring, type Keyring } from "../checklist/jwk";
import { verifyBundle } from "../checklist/bundle";
import { RevisionListSchema, TransferListSchema } from "../http/api-wire";
import { apiClient, apiToken, parseServerUrl } from "./api-client";
import { EXIT, type CliIo } from "./io";

export const VERIFY_USAGE = `usage: cutover verify BUNDLE [--key JWK_FILE] [--key-url URL] [--keyring FILE] [--json]
       cutover verify --server URL [--token T] TRANSFER[:N] [--key …] [--json]
  Verify a signed checklist bundle against a key you trust:
    --key FILE      the signer's public key as a JWK or JWK Set
    --key-url URL   fetched, e.g. https://cutover.example/.well-known/cutover-signing-key
    --keyring FILE  a pinned keyring (JWK Set, e.g. a copy of <data dir>/signing/keyring.json)
  Several may be given; the bundle's key must be among them. Without any, only
  the key inside the bundle is used: that proves the bundle is intact, not who
  signed it (anyone can re-sign a bundle with a key of their own), exit 3.
  With --server, revision N (default: the latest) of the server's transfer TRANSFER (its id, or
  its domain) is fetched with the API token (--token or CUTOVER_API_TOKEN) and verified here;
  without a key option the server's published keyring (/.well-known/cutover-signing-key) is trusted.
exit codes: 0 valid and signed by a trusted key, 1 invalid, 2 usage error,
            3 intact but no trusted key given (integrity only)
`;

/** Exit code of an intact bundle checked only against its own embedded key. */
export const EXIT_UNTRUSTED = 3;

interface Args {
  bundle: string;
  server: string | null;
  token: string | null;
  /** Trusted key sources in the order given: files (JWK, JWK Set, keyring) and URLs. */
  keys: { spec: string; url: boolean }[];
  json: boolean;
}

const KEY_OPTIONS = { "--key": "either", "--key-url": "url", "--keyring": "file" } as const;

function parseArgs(args: string[]): Args | string {
  let bundle: string | null = null;
  const keys: Args["keys"] = [];
  let json = false;
  let server: string | null = null;
  let token: string | null = null;
  for (let i = 0; i < args.length; i++) {
    const a = args[i];
    const [name, inline] =
      a.startsWith("--") && a.includes("=")
        ? [a.slice(0, a.indexOf("=")), a.slice(a.indexOf("=") + 1)]
        : [a, undefined];
    if (name in KEY_OPTIONS) {
      const kind = KEY_OPTIONS[name as keyof typeof KEY_OPTIONS];
      let value = inline;
      if (value === undefined) {
        if (i + 1 >= args.length) return `${name} needs a value`;
        value = args[++i];
      }
      const isUrl = /^https?:\/\//i.test(value);
      if (kind === "url" && !isUrl) return `--key-url needs an http(s) URL, not ${value}`;
      if (kind === "file" && isUrl) return `--keyring takes a file; use --key-url for ${value}`;
      // --key has always taken a URL too; kept so existing scripts work.
      keys.push({ spec: value, url: isUrl });
    } else if (name === "--server" || name === "--token") {
      const value = inline ?? args[++i];
      if (value === undefined) return `${name} needs a value`;
      if (name === "--server") server = value;
      else token = value;
    } else if (a === "--json") json = true;
    else if (a.startsWith("-") && a !== "-") return `unknown option ${a}`;
    else if (bundle === null) bundle = a;
    else return "only one BUNDLE may be given";
  }
  if (bundle === null) return server === null ? "no BUNDLE given" : "no TRANSFER[:N] given";
  if (token !== null && server === null) return "--token needs --server URL";
  return { bundle, keys, json, server, token };
}

async function loadKey({
  spec,
  url,
}: {
  spec: string;
  url: boolean;
}): Promise<{ keyring: Keyring; problems: string[] } | string> {
  let text: string;
  if (url) {
    try {
      const res = await fetch(spec, {
        signal: AbortSignal.timeout(15_000),
        headers: { accept: "application/jwk-set+json, application/jwk+json, application/json" },
      });
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
  // The server's own <data dir>/signing/keyring.json ({version, keys: [{jwk, …}]}) pins as it is.
  const keys = (json as { version?: unknown; keys?: unknown } | null)?.keys;
  if ((json as { version?: unknown } | null)?.version === 1 && Array.isArray(keys))
    json = keys.map((k) => (k as { jwk?: unknown } | null)?.jwk ?? k);
  const parsed = parseKeyring(json);
  if (parsed.keyring.size === 0)
    return `${spec} holds no usable Ed25519 public key${parsed.problems.length ? ` (${parsed.problems.join("; ")})` : ""}`;
  return parsed;
}

/** `TRANSFER[:N]` on the server: the transfer by id or domain, revision N or the latest; the bundle's bytes as served. */
async function fetchBundle(
  serverText: string,
  tokenFlag: string | null,
  spec: string,
): Promise<{ bytes: Buffer; keyUrl: string } | string> {
  const server = parseServerUrl(serverText);
  if (typeof server === "string") return server;
  const token = apiToken(tokenFlag ?? undefined);
  if (!token) return "--server needs an API token: --token T or CUTOVER_API_TOKEN";
  const m = /^(.+?)(?::(\d+))?$/.exec(spec);
  if (!m) return `expected TRANSFER[:N], not ${spec}`;
  const api = apiClient(server, token);
  try {
    let transferId = m[1]!;
    if (transferId.includes(".")) {
      const ascii = transferId.replace(/\.$/, "").toLowerCase();
      const { transfers } = await api.get("/api/v1/transfers", TransferListSchema);
      const matches = transfers.filter((t) => t.domain === ascii);
      if (matches.length !== 1)
        return matches.length === 0
          ? `no transfer for ${ascii} on ${api.server}`
          : `${matches.length} transfers for ${ascii} on ${api.server}: give its id (${matches.map((t) => t.id).join(", ")})`;
      transferId = matches[0]!.id;
    }
    const base = `/api/v1/transfers/${encodeURIComponent(transferId)}/checklist/revisions`;
    let n = m[2] ? Number(m[2]) : null;
    if (n === null) {
      const { revisions } = await api.get(base, RevisionListSchema);
      if (revisions.length === 0) return `transfer ${transferId} has no signed revision yet`;
      n = revisions.at(-1)!.number;
    }
    return {
      bytes: await api.getBytes(`${base}/${n}/bundle`),
      keyUrl: `${api.server}/.well-known/cutover-signing-key`,
    };
  } catch (e) {
    return (e as Error).message;
  }
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
  if (parsed.server !== null) {
    const fetched = await fetchBundle(parsed.server, parsed.token, parsed.bundle);
    if (typeof fetched === "string") {
      io.stderr.write(`cutover verify: ${fetched}\n`);
      return EXIT.USAGE;
    }
    bytes = fetched.bytes;
    // The server one authenticated to vouches for its own signatures unless a key was given.
    if (parsed.keys.length === 0) parsed.keys.push({ spec: fetched.keyUrl, url: true });
  } else {
    try {
      bytes = readFileSync(parsed.bundle);
    } catch (e) {
      io.stderr.write(
        `cutover verify: cannot read ${parsed.bundle}: ${(e as NodeJS.ErrnoException).code ?? (e as Error).message}\n`,
      );
      return EXIT.USAGE;
    }
  }
  let keyring: Keyring | undefined;
  for (const spec of parsed.keys) {
    const k = await loadKey(spec);
    if (typeof k === "string") {
      io.stderr.write(`cutover verify: ${k}\n`);
      return EXIT.USAGE;
    }
    for (const p of k.problems) io.stderr.write(`cutover verify: warning: ${p}\n`);
    keyring = new Map([...(keyring ?? []), ...k.keyring]);
  }
  const r = verifyBundle(bytes, keyring);
  const code = !r.valid ? EXIT.FAILED : r.keySource === "supplied" ? EXIT.OK : EXIT_UNTRUSTED;
  if (parsed.json) {
    (r.valid ? io.stdout : io.stderr).write(
      JSON.stringify(r.valid ? { ...r, trusted: r.keySource === "supplied" } : r) + "\n",
    );
    return code;
  }
  if (!r.valid) {
    io.stderr.write(`INVALID: ${r.reason} [${r.code}]\n`);
    return code;
  }
  const summary = `${r.domain} transfer ${r.transferId}, revision ${r.revisionNumber}${r.final ? ", FINAL" : " (not final)"}, ${r.signoffs} sign-off${r.signoffs === 1 ? "" : "s"}`;
  io.stdout.write(
    [
      r.keySource === "supplied"
        ? `VALID: ${summary}`
        : `INTEGRITY ONLY (not trusted): ${summary}; checked against the key inside the bundle, which anyone can replace — pass --key, --key-url or --keyring to check who signed it`,
      `revision digest (SHA-256): ${r.revisionDigest}`,
      `signing key: ${r.keyId}${r.keySource === "embedded" ? " (embedded in the bundle, not trusted)" : ""}`,
      "",
    ].join("\n"),
  );
  return code;
}
