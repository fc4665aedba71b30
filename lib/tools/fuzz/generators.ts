/**
 * fast-check arbitraries for the four targets. Structured inputs start from
 * real lines and exports (seeds.ts) and are mutated token by token, so most
 * inputs are almost valid and reach deep into the parsers; a share of raw
 * random input keeps the lexers honest.
 */
import fc from "fast-check";
import dnsPacket from "dns-packet";
import { IMPORT_FORMATS } from "../../zone/import/types";
import { readName } from "../../dns/wire";
import { T } from "../../zone/rrtype";
import { LINE_OPS, NASTY_TOKENS, OPS, mutateLine, mutateLines, type LineMutation, type Mutation } from "./mutate";
import type { ImportInput, RdataInput, TargetInput } from "./targets";
import type { Seeds } from "./seeds";

const latin1 = (maxLength: number) => fc.uint8Array({ maxLength }).map((b) => Buffer.from(b).toString("latin1"));

/** Characters that matter to the master-file lexer, over-represented. */
const GRAMMAR = [...'()";\\$@*. \t\n\r0123456789abcAZ#=-,/:!', "\x00", "\xff", "\x80"];
const grammarString = (maxLength: number) => fc.string({ unit: fc.constantFrom(...GRAMMAR), maxLength });

const mutationArb: fc.Arbitrary<Mutation> = fc.record({
  op: fc.constantFrom(...OPS),
  a: fc.nat(),
  b: fc.nat(),
  c: fc.nat(),
  raw: latin1(8),
});
const lineMutationArb: fc.Arbitrary<LineMutation> = fc.record({
  op: fc.constantFrom(...LINE_OPS),
  a: fc.nat(),
  b: fc.nat(),
});

/** Several seed lines, each mutated, then whole-file mutations. */
function mutatedLines(
  pool: readonly string[],
  dictionary: readonly string[],
  maxLines: number,
): fc.Arbitrary<string[]> {
  return fc
    .tuple(
      fc.array(fc.tuple(fc.nat(), fc.array(mutationArb, { maxLength: 3 })), { minLength: 1, maxLength: maxLines }),
      fc.array(lineMutationArb, { maxLength: 3 }),
    )
    .map(([picks, lineOps]) => {
      let lines = picks.map(([i, ms]) => ms.reduce((l, m) => mutateLine(l, m, dictionary), pool[i % pool.length]));
      for (const m of lineOps) lines = mutateLines(lines, m);
      return lines;
    });
}

export function zoneArb(seeds: Seeds): fc.Arbitrary<TargetInput> {
  const dictionary = [...NASTY_TOKENS, ...seeds.tokens];
  const structured = fc
    .tuple(fc.boolean(), mutatedLines(seeds.zoneLines, dictionary, 12), fc.constantFrom("\n", "\n", "\r\n"))
    .map(([header, lines, eol]) => (header ? "$ORIGIN example.test.\n$TTL 300\n" : "") + lines.join(eol));
  const raw = fc.oneof(latin1(512), grammarString(512));
  return fc
    .oneof({ arbitrary: structured, weight: 4 }, { arbitrary: raw, weight: 1 })
    .map((text) => ({ target: "zone" as const, text }));
}

/** Types with a presentation codec are where the bugs live; a few random ones cover the generic path. */
const RDATA_TYPES = [...new Set(Object.values(T))];

const tokenTexts = (seeds: Seeds) =>
  fc.oneof(
    { arbitrary: fc.constantFrom(...NASTY_TOKENS, ...seeds.tokens), weight: 6 },
    { arbitrary: grammarString(40), weight: 2 },
    { arbitrary: latin1(24), weight: 1 },
    { arbitrary: fc.nat({ max: 300 }).map((n) => "A".repeat(n)), weight: 1 },
    { arbitrary: fc.string({ unit: fc.constantFrom(..."0123456789abcdefABCDEF"), maxLength: 80 }), weight: 1 },
    {
      arbitrary: fc.string({
        unit: fc.constantFrom(..."ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/="),
        maxLength: 80,
      }),
      weight: 1,
    },
  );

export function rdataArb(seeds: Seeds): fc.Arbitrary<TargetInput> {
  // Real RDATA token lists of the chosen type, mutated, plus pure random lists.
  const fromSeed = fc.tuple(fc.nat(), fc.array(mutationArb, { maxLength: 3 })).map(([i, ms]) => {
    const s = seeds.rdata[i % seeds.rdata.length];
    const line = ms.reduce((l, m) => mutateLine(l, m, NASTY_TOKENS), s.text);
    return { type: s.type, tokens: tokenize(line) };
  });
  const random = fc
    .tuple(
      fc.oneof(
        { arbitrary: fc.constantFrom(...RDATA_TYPES), weight: 5 },
        { arbitrary: fc.nat({ max: 65535 }), weight: 1 },
      ),
      fc.array(fc.record({ text: tokenTexts(seeds), quoted: fc.nat({ max: 6 }).map((n) => n === 0) }), {
        maxLength: 12,
      }),
    )
    .map(([type, tokens]) => ({ type, tokens }));
  return fc
    .oneof({ arbitrary: fromSeed, weight: 3 }, { arbitrary: random, weight: 2 })
    .map((input: RdataInput) => ({ target: "rdata" as const, input }));
}

/** A crude presentation tokenizer (quotes only): enough to turn seed RDATA into tokens. */
export function tokenize(line: string): { text: string; quoted: boolean }[] {
  const out: { text: string; quoted: boolean }[] = [];
  const re = /"((?:[^"\\]|\\.)*)"?|([^\s"]+)/gs;
  for (const m of line.matchAll(re)) {
    if (m[2] !== undefined) out.push({ text: m[2], quoted: false });
    else out.push({ text: m[1] ?? "", quoted: true });
  }
  return out;
}

// --- JSON exports -------------------------------------------------------------

type Json = null | boolean | number | string | Json[] | { [k: string]: Json };

const JSON_REPLACEMENTS: Json[] = [
  null,
  true,
  false,
  0,
  -1,
  1,
  2147483648,
  4294967296,
  1e308,
  -0,
  0.5,
  "",
  "x",
  "\\052.example.test.",
  "*.example.test",
  "example.test",
  ".",
  "..",
  "a".repeat(300),
  "\u0000",
  "\ud800",
  "ALIAS",
  "TYPE65401",
  "A",
  "AAAA",
  "TXT",
  "MX",
  "CNAME",
  '"quoted" "twice"',
  '"unterminated',
  "10 mail.example.test.",
  "1.2.3.4",
  "::1",
  [],
  {},
  [[]],
  [{}],
  { Value: "1.2.3.4" },
];

/** Every (parent, key) slot in the document, iteratively (mutations nest thousands deep), at most 20,000. */
function nodes(root: Json) {
  const out: { parent: Json[] | { [k: string]: Json }; key: string | number }[] = [];
  const stack: Json[] = [root];
  while (stack.length > 0 && out.length < 20_000) {
    const v = stack.pop()!;
    if (Array.isArray(v)) {
      v.forEach((x, i) => {
        out.push({ parent: v, key: i });
        stack.push(x);
      });
    } else if (v && typeof v === "object") {
      for (const k of Object.keys(v)) {
        out.push({ parent: v, key: k });
        stack.push(v[k]);
      }
    }
  }
  return out;
}

interface JsonMutation {
  op: "replace" | "delete" | "dupElement" | "deepNest" | "bigArray" | "copyNode";
  a: number;
  b: number;
}

function mutateJson(root: Json, m: JsonMutation): void {
  const all = nodes(root);
  if (all.length === 0) return;
  const n = all[m.a % all.length];
  const get = () => (n.parent as Record<string | number, Json>)[n.key];
  const set = (v: Json) => ((n.parent as Record<string | number, Json>)[n.key] = v);
  switch (m.op) {
    case "replace":
      set(structuredClone(JSON_REPLACEMENTS[m.b % JSON_REPLACEMENTS.length]));
      break;
    case "delete":
      if (Array.isArray(n.parent)) n.parent.splice(n.key as number, 1);
      else delete n.parent[n.key as string];
      break;
    case "dupElement":
      if (Array.isArray(n.parent)) n.parent.splice(n.key as number, 0, structuredClone(get()));
      break;
    case "deepNest": {
      let v: Json = get();
      for (let i = 0; i < 1 + (m.b % 500); i++) v = [v];
      set(v);
      break;
    }
    case "bigArray":
      // Bounded so a few of these in a row stay in the megabytes, not the gigabytes.
      if (all.length < 2000) set(Array.from({ length: m.b % 200 }, () => structuredClone(get())));
      break;
    case "copyNode":
      set(structuredClone((all[m.b % all.length].parent as Record<string | number, Json>)[all[m.b % all.length].key]));
      break;
  }
}

const jsonMutationArb: fc.Arbitrary<JsonMutation> = fc.record({
  op: fc.constantFrom("replace", "replace", "replace", "delete", "dupElement", "deepNest", "bigArray", "copyNode"),
  a: fc.nat(),
  b: fc.nat(),
});

function jsonDocArb(pool: readonly string[]): fc.Arbitrary<string> {
  return fc
    .tuple(fc.nat(), fc.array(jsonMutationArb, { maxLength: 4 }), fc.array(mutationArb, { maxLength: 2 }))
    .map(([i, ms, byteMs]) => {
      const doc = JSON.parse(pool[i % pool.length]) as Json;
      const box = [doc];
      for (const m of ms) mutateJson(box, m);
      // Indented when small (line numbers in diagnostics), compact when mutations made it big or deep.
      let text: string;
      try {
        text = JSON.stringify(box[0] ?? null, null, nodes(box).length < 5000 ? 1 : 0) ?? "null";
        if (text.length > 1_000_000) text = pool[i % pool.length];
      } catch {
        text = pool[i % pool.length];
      }
      // Byte-level damage after the structural one: truncation, stray quotes, raw bytes.
      for (const m of byteMs)
        text = mutateLine(text, m, ["{", "}", "[", "]", ",", ":", '"', '\\"', "\\u0000", "\\ud800"]);
      return text;
    });
}

export function importArb(seeds: Seeds): fc.Arbitrary<TargetInput> {
  const format = fc.constantFrom<ImportInput["format"]>("auto", "auto", "auto", ...IMPORT_FORMATS);
  const json = fc.tuple(
    format,
    fc.oneof(jsonDocArb(seeds.route53), jsonDocArb(seeds.cloudflareJson)),
    fc.constantFrom("export.json", "page-1.json"),
  );
  const textual = fc.tuple(
    format,
    fc
      .constantFrom(...seeds.textExports)
      .chain((doc) =>
        mutatedLines(
          doc.split("\n"),
          [
            ...NASTY_TOKENS,
            "; Transfer failed.",
            ";; ANSWER SECTION:",
            "cf_tags=cf-proxied:true",
            "; cf_tags=cf-flatten-cname",
          ],
          24,
        ).map((ls) => ls.join("\n")),
      ),
    fc.constantFrom("zone.txt", "axfr.txt", "export.zone", "db.example"),
  );
  return fc.oneof(json, textual).map(([fmt, text, fileName]) => ({
    target: "import" as const,
    input: { format: fmt, files: [{ name: fileName, text: latin1Of(text) }] },
  }));
}

/** JSON text is UTF-8 on disk; inputs carry bytes as latin1 chars. */
function latin1Of(text: string): string {
  return Buffer.from(text, "utf8").toString("latin1");
}

// --- DNS responses ---------------------------------------------------------------

const NAMES = [
  "example.test",
  "WWW.Example.Test",
  "mail.example.test",
  "a.b.c.d.example.test",
  "x",
  "ns1.provider.test",
  "_sip._tcp.example.test",
];

function answerTemplates(n: string, t: string): dnsPacket.Answer[] {
  return [
    { name: n, type: "A", ttl: 300, data: "192.0.2.1" },
    { name: n, type: "AAAA", ttl: 300, data: "2001:db8::1" },
    { name: n, type: "NS", ttl: 86400, data: t },
    { name: n, type: "CNAME", ttl: 60, data: t },
    { name: n, type: "MX", ttl: 300, data: { preference: 10, exchange: t } },
    {
      name: n,
      type: "SOA",
      ttl: 3600,
      data: {
        mname: t,
        rname: `hostmaster.${t}`,
        serial: 2024010101,
        refresh: 7200,
        retry: 3600,
        expire: 1209600,
        minimum: 300,
      },
    },
    { name: n, type: "TXT", ttl: 300, data: ["v=spf1 -all", "x".repeat(255)] },
    { name: n, type: "SRV", ttl: 300, data: { priority: 1, weight: 2, port: 443, target: t } },
    { name: n, type: "CAA", ttl: 300, data: { flags: 0, tag: "issue", value: "letsencrypt.org" } },
    { name: n, type: "PTR", ttl: 300, data: t },
    {
      name: n,
      type: "DS",
      ttl: 300,
      data: { keyTag: 12345, algorithm: 13, digestType: 2, digest: Buffer.alloc(32, 0xab) },
    },
    { name: n, type: "DNSKEY", ttl: 300, data: { flags: 257, algorithm: 13, key: Buffer.alloc(64, 7) } },
    {
      name: n,
      type: "NAPTR",
      ttl: 300,
      data: { order: 100, preference: 10, flags: "S", services: "SIP+D2U", regexp: "", replacement: t },
    },
    { name: n, type: "HINFO", ttl: 300, data: { cpu: "x86", os: "linux" } },
    {
      name: n,
      type: "RRSIG",
      ttl: 300,
      data: {
        typeCovered: "A",
        algorithm: 13,
        labels: 2,
        originalTTL: 300,
        expiration: 1700000000,
        inception: 1690000000,
        keyTag: 1,
        signersName: t,
        signature: Buffer.alloc(64, 1),
      },
    },
  ] as dnsPacket.Answer[];
}

function buildResponse(qi: number, picks: number[][], flags: number, edns: boolean): Uint8Array {
  const qname = NAMES[qi % NAMES.length];
  const sec = picks.map((ps) =>
    ps.map((p) => {
      const tmpl = answerTemplates(NAMES[(p >> 8) % NAMES.length], NAMES[(p >> 4) % NAMES.length]);
      return tmpl[p % tmpl.length];
    }),
  );
  const additionals: dnsPacket.Answer[] = [...sec[2]];
  if (edns)
    additionals.push({
      type: "OPT",
      name: ".",
      udpPayloadSize: 1232,
      flags: 0x8000,
      options: [{ code: 10, data: Buffer.alloc(8, 1) }],
    } as unknown as dnsPacket.Answer);
  const buf = dnsPacket.encode({
    type: "response",
    id: qi & 0xffff,
    flags,
    questions: [{ name: qname, type: "A", class: "IN" }],
    answers: sec[0],
    authorities: sec[1],
    additionals,
  });
  return new Uint8Array(buf);
}

/** Offsets where a name starts (question + each record owner) and where each RDLENGTH sits. */
function layout(buf: Uint8Array): { names: number[]; rdlens: number[] } {
  const names = [12];
  const rdlens: number[] = [];
  try {
    let pos = readName(buf, 12).next + 4;
    while (pos < buf.length) {
      names.push(pos);
      pos = readName(buf, pos).next;
      rdlens.push(pos + 8);
      pos += 10 + ((buf[pos + 8] << 8) | buf[pos + 9]);
    }
  } catch {
    // Best effort: a template we cannot walk just gets fewer targeted mutations.
  }
  return { names, rdlens };
}

interface WireMutation {
  op:
    | "flip"
    | "truncate"
    | "insert"
    | "count"
    | "rdlength"
    | "pointerSelf"
    | "pointerForward"
    | "pointerBack"
    | "pointerLoop"
    | "pointerMid";
  a: number;
  b: number;
  raw: Uint8Array;
}

const wireMutationArb: fc.Arbitrary<WireMutation> = fc.record({
  op: fc.constantFrom(
    "flip",
    "flip",
    "truncate",
    "insert",
    "count",
    "rdlength",
    "pointerSelf",
    "pointerForward",
    "pointerBack",
    "pointerLoop",
    "pointerMid",
  ),
  a: fc.nat(),
  b: fc.nat(),
  raw: fc.uint8Array({ maxLength: 6 }),
});

function pointer(buf: Uint8Array, at: number, target: number): void {
  if (at + 1 >= buf.length) return;
  buf[at] = 0xc0 | ((target >> 8) & 0x3f);
  buf[at + 1] = target & 0xff;
}

export function mutateWire(input: Uint8Array, m: WireMutation): Uint8Array {
  let buf = Uint8Array.from(input);
  if (buf.length === 0) return buf;
  const { names, rdlens } = layout(buf);
  const at = m.a % buf.length;
  const nameAt = names[m.a % names.length];
  switch (m.op) {
    case "flip":
      buf[at] ^= 1 + (m.b % 255);
      break;
    case "truncate":
      buf = buf.slice(0, at);
      break;
    case "insert": {
      const out = new Uint8Array(buf.length + m.raw.length);
      out.set(buf.subarray(0, at));
      out.set(m.raw, at);
      out.set(buf.subarray(at), at + m.raw.length);
      buf = out;
      break;
    }
    case "count": {
      const v = [0, 1, 2, 0xffff, m.b & 0xffff][m.b % 5];
      const off = 4 + 2 * (m.a % 4);
      buf[off] = v >> 8;
      buf[off + 1] = v & 0xff;
      break;
    }
    case "rdlength": {
      if (rdlens.length === 0) break;
      const off = rdlens[m.a % rdlens.length];
      const v = [0xffff, 0, 1, ((buf[off] << 8) | buf[off + 1]) + 1, m.b & 0xffff][m.b % 5];
      if (off + 1 < buf.length) {
        buf[off] = v >> 8;
        buf[off + 1] = v & 0xff;
      }
      break;
    }
    case "pointerSelf":
      pointer(buf, nameAt, nameAt);
      break;
    case "pointerForward":
      pointer(buf, nameAt, Math.min(0x3fff, nameAt + 2 + (m.b % Math.max(1, buf.length))));
      break;
    case "pointerBack":
      pointer(buf, nameAt, m.b % Math.max(1, nameAt));
      break;
    case "pointerLoop": {
      // Two names pointing at each other.
      const other = names[m.b % names.length];
      pointer(buf, nameAt, other);
      pointer(buf, other, nameAt);
      break;
    }
    case "pointerMid":
      pointer(buf, at, m.b % buf.length);
      break;
  }
  return buf;
}

export function dnsArb(): fc.Arbitrary<TargetInput> {
  const structured = fc
    .tuple(
      fc.nat(),
      fc.tuple(
        fc.array(fc.nat(), { maxLength: 6 }),
        fc.array(fc.nat(), { maxLength: 3 }),
        fc.array(fc.nat(), { maxLength: 3 }),
      ),
      fc.nat({ max: 0xffff }),
      fc.boolean(),
      fc.array(wireMutationArb, { minLength: 1, maxLength: 4 }),
    )
    .map(([qi, picks, flags, edns, ms]) => {
      // Keep QR=1 and opcode 0 in most inputs so the decoder gets past the header.
      const f = (flags & ~0x7800) | 0x8000;
      let buf = buildResponse(qi, picks, f, edns);
      for (const m of ms) buf = mutateWire(buf, m);
      return buf;
    });
  const raw = fc.uint8Array({ maxLength: 600 });
  return fc
    .oneof({ arbitrary: structured, weight: 5 }, { arbitrary: raw, weight: 1 })
    .map((bytes) => ({ target: "dns" as const, bytes }));
}
