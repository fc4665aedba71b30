/**
 * The regression corpus: lib/tools/fuzz/corpus/<target>/<name>.<ext>, one input per
 * file, replayed by corpus.test.ts. Formats:
 * - zone:   .txt (bytes as latin1) or .recipe.json (big inputs built at load time)
 * - rdata:  .json  {type, tokens:[{text, quoted}]}
 * - import: .json  {format, files:[{name, text | recipe}]}
 * - dns:    .bin (raw message) or .hex (hex digits; '#' starts a comment)
 * A recipe is {"parts": ["literal", {"repeat": "x", "times": 10485760}]}, so a
 * 10 MB hostile line costs a few bytes in the repository.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";
import { TARGETS, type ImportInput, type RdataInput, type TargetInput, type TargetName } from "./targets";

export const CORPUS_DIR = fileURLToPath(new URL("./corpus", import.meta.url));

type Part = string | { repeat: string; times: number };
export interface Recipe {
  parts: Part[];
}

export function buildRecipe(r: Recipe): string {
  return r.parts.map((p) => (typeof p === "string" ? p : p.repeat.repeat(p.times))).join("");
}

export interface CorpusEntry {
  file: string;
  input: TargetInput;
}

function parseHex(text: string): Uint8Array {
  const digits = text
    .split("\n")
    .map((l) => l.replace(/#.*/, ""))
    .join("")
    .replace(/[^0-9a-fA-F]/g, "");
  return Uint8Array.from(Buffer.from(digits, "hex"));
}

type StoredImport = { format: ImportInput["format"]; files: { name: string; text?: string; recipe?: Recipe }[] };

export function decodeEntry(target: TargetName, file: string, raw: Buffer): TargetInput {
  switch (target) {
    case "zone":
      if (file.endsWith(".recipe.json"))
        return { target, text: buildRecipe(JSON.parse(raw.toString("utf8")) as Recipe) };
      return { target, text: raw.toString("latin1") };
    case "rdata":
      return { target, input: JSON.parse(raw.toString("utf8")) as RdataInput };
    case "import": {
      const s = JSON.parse(raw.toString("utf8")) as StoredImport;
      return {
        target,
        input: {
          format: s.format,
          files: s.files.map((f) => ({ name: f.name, text: f.recipe ? buildRecipe(f.recipe) : (f.text ?? "") })),
        },
      };
    }
    case "dns":
      return { target, bytes: file.endsWith(".hex") ? parseHex(raw.toString("utf8")) : new Uint8Array(raw) };
  }
}

export function loadCorpus(dir = CORPUS_DIR): CorpusEntry[] {
  const out: CorpusEntry[] = [];
  for (const target of TARGETS) {
    const d = join(dir, target);
    if (!existsSync(d)) continue;
    for (const f of readdirSync(d).sort()) {
      if (f.startsWith(".") || f.endsWith(".md")) continue;
      const path = join(d, f);
      out.push({ file: `${target}/${f}`, input: decodeEntry(target, f, readFileSync(path)) });
    }
  }
  return out;
}

/** Serialise an input the way loadCorpus reads it back: [extension, bytes]. */
export function encodeEntry(t: TargetInput): [string, Buffer] {
  switch (t.target) {
    case "zone":
      return ["txt", Buffer.from(t.text, "latin1")];
    case "rdata":
      return ["json", Buffer.from(JSON.stringify(t.input, null, 1) + "\n", "utf8")];
    case "import":
      return ["json", Buffer.from(JSON.stringify(t.input, null, 1) + "\n", "utf8")];
    case "dns":
      return ["bin", Buffer.from(t.bytes)];
  }
}

/** Write a failing input as corpus/<target>/<sha256 prefix>.<ext>; returns the relative path. */
export function saveEntry(t: TargetInput, dir = CORPUS_DIR): string {
  const [ext, bytes] = encodeEntry(t);
  const hash = createHash("sha256").update(bytes).digest("hex").slice(0, 16);
  const d = join(dir, t.target);
  mkdirSync(d, { recursive: true });
  const file = `${hash}.${ext}`;
  writeFileSync(join(d, file), bytes);
  return `${t.target}/${file}`;
}
