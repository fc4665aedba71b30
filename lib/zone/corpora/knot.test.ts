/**
 * Knot DNS zone-scanner suite (corpora/knot-zscanner): origin ".", default
 * TTL 0. Each input entry yields one event on both sides (a record, or a
 * rejection), so events are paired in order. Records must match byte for
 * byte (owner, class, TTL, type, canonical RDATA); every entry Knot rejects
 * must be rejected by us (codes differ by design). After a Knot ERROR (fatal)
 * Knot stops, so later events of ours are not compared.
 */
import { expect, it } from "vitest";
import { canonicalRdata } from "../rdata";
import { parseZone } from "../parse";
import type { ParseResult } from "../parse";
import { ROOT } from "../name";
import { corpus, describeCorpus, hex, listCorpus, readLatin1 } from "./helpers";
import { Lexer } from "../lex";
import { dirname, join } from "node:path";

const DATA = corpus("knot-zscanner", "data");

type KnotEvent =
  | { kind: "rec"; owner: string; cls: number; ttl: number; type: number; rdata: string }
  | { kind: "rej"; code: string; fatal: boolean };

function readKnotOut(text: string): KnotEvent[] {
  const out: KnotEvent[] = [];
  for (const block of text.split("------\n")) {
    const kv: Record<string, string> = {};
    for (const line of block.split("\n")) {
      const eq = line.indexOf("=");
      if (eq > 0) kv[line.slice(0, eq)] = line.slice(eq + 1);
    }
    if (kv.WARNG || kv.ERROR) out.push({ kind: "rej", code: kv.WARNG ?? kv.ERROR, fatal: kv.ERROR !== undefined });
    else if (kv.OWNER !== undefined) {
      const type = parseInt(kv.RTYPE, 16);
      const rdata = canonicalRdata(type, Uint8Array.from(Buffer.from(kv.RDATA, "hex")));
      out.push({
        kind: "rec",
        owner: kv.OWNER,
        cls: parseInt(kv.CLASS, 16),
        ttl: parseInt(kv.RRTTL, 16),
        type,
        rdata: hex(rdata),
      });
    }
  }
  return out;
}

type OurEvent = { line: number; ev: KnotEvent; detail: string };

function ourEvents(r: ParseResult): OurEvent[] {
  const evs: OurEvent[] = [];
  for (const rec of r.records) {
    evs.push({
      line: rec.line,
      ev: { kind: "rec", owner: hex(rec.owner), cls: rec.class, ttl: rec.ttl, type: rec.type, rdata: hex(rec.rdata) },
      detail: `${rec.file.split("/").pop()}:${rec.line}`,
    });
  }
  for (const d of r.diagnostics) {
    if (d.severity !== "error") continue;
    evs.push({
      line: d.line,
      ev: { kind: "rej", code: d.code, fatal: false },
      detail: `${d.file.split("/").pop()}:${d.line}:${d.column} ${d.code} ${d.message}`,
    });
  }
  // Stable sort: one event per entry, entries do not overlap.
  return evs.sort((a, b) => a.line - b.line);
}

/**
 * Knot event index -> reason, for cases where we deliberately differ
 * (quirks.md sections) or the type is Knot-specific / a draft.
 */
const CHARS =
  "RFC 2181 §11: any octet is legal in a label; Knot rejects '&' ',' '%' '$' '@@' unescaped, BIND loads them (check-names only warns) — quirks.md §name-chars";
const EXCLUDED: Record<string, Record<number, string> | "all"> = {
  "00-0_general": { 12: "nested parentheses accepted like BIND (quirks.md §parens)" },
  "00-2_general": "all", // CRLF accepted (quirks.md §crlf); Knot stops with ZS_DOS_NEWLINE
  "01_owner": { 20: CHARS, 24: CHARS, 25: CHARS, 26: CHARS, 27: `${CHARS} (previous owner is then valid)`, 29: CHARS },
  "02_class": { 3: "CLASS1 = IN accepted (RFC 3597 §5; quirks.md §generic-class)" },
  "04-1_ORIGIN": "all", // relative $ORIGIN appended to the current origin like BIND (quirks.md §origin)
  "04-2_ORIGIN": "all", // '%' in a name: CHARS
  "06-1_INCLUDE": "all", // relative $INCLUDE origin resolved against the current origin like BIND (quirks.md §origin)
  "06-2_INCLUDE": "all", // '%' in the $INCLUDE origin: CHARS
  "12_TXT": {
    16: "raw line end inside a quoted string is an error (quirks.md §quotes)",
    18: "character-string over 255 octets rejected, not split (quirks.md §txt-256)",
    19: "character-string over 255 octets rejected, not split (quirks.md §txt-256)",
  },
  "14_NS": { 24: CHARS, 25: CHARS, 30: CHARS, 31: CHARS, 32: CHARS },
  "18_MX": { 13: CHARS },
  "26_SRV": { 13: CHARS },
  "36_RRSIG": { 29: CHARS },
  // 39_NSEC3 lines 33-38 ("12", "1234"…): Knot rejects them for missing "=" padding, we for their
  // non-zero trailing bits (quirks.md §base32hex); unpadded canonical hashes load (RFC 5155 §3.3).
  "49_CDS": {
    13: "CDS 0 0 0 0 is the RFC 8078 §4 delete form as published (empty digest), read so by simdzone (quirks.md §cds-delete)",
  },
  "57_SVCB": {
    9: "no-default-alpn without alpn is not self-consistent (RFC 9460 §7.1.1, §2.4.3 zone files SHOULD enforce); BIND rejects too (quirks.md §svcb)",
    74: "bare `ech` (empty ECHConfigList) is accepted like NSD/simdzone (svcb.success-cases s02) and BIND (quirks.md §svcb)",
  },
  "62_ALIAS": "all", // Knot's ALIAS semantics; our ALIAS is PowerDNS's (provider record)
  "63_DELEG": "all", // draft type, not supported
};

const CASES = listCorpus("knot-zscanner", "data")
  .filter((f) => f.endsWith(".in"))
  .map((f) => f.slice(0, -3))
  .sort();

function parseCase(name: string): ParseResult {
  const text = readLatin1(join(DATA, `${name}.in`)).replaceAll("@TMPDIR@", DATA);
  return parseZone(text, {
    file: join(DATA, `${name}.in`),
    origin: ROOT,
    defaultTtl: 0,
    include: (p, from) => {
      const full = p.startsWith("/") ? p : join(dirname(from), p);
      try {
        return { file: full, text: readLatin1(full) };
      } catch {
        return null;
      }
    },
  });
}

/**
 * Files listing several SOAs for one apex: Knot's zscanner has no zone
 * semantics, our parser rejects a second SOA (quirks.md §soa). Each entry is
 * parsed as a zone of its own (after the file's directives), so every SOA's
 * bytes are still compared with Knot's.
 */
const PER_ENTRY = new Set(["25_SOA"]);

function perEntryEvents(name: string): OurEvent[] {
  const file = join(DATA, `${name}.in`);
  const text = readLatin1(file);
  const lex = new Lexer(text);
  const bounds: { offset: number; directive: boolean }[] = [];
  while (lex.next())
    bounds.push({ offset: lex.entryOffset, directive: !lex.blankOwner && lex.text(0).startsWith("$") });
  let prefix = "";
  const evs: OurEvent[] = [];
  bounds.forEach((b, k) => {
    const entry = text.slice(b.offset, k + 1 < bounds.length ? bounds[k + 1].offset : text.length);
    if (b.directive) {
      prefix += entry;
      return;
    }
    const r = parseZone(prefix + entry, { file, origin: ROOT, defaultTtl: 0 });
    const got = ourEvents(r);
    expect(got.length, `one event per entry: ${entry}`).toBe(1);
    evs.push(got[0]);
  });
  return evs;
}

function describeEvent(e: KnotEvent): string {
  return e.kind === "rec"
    ? `record type ${e.type} owner ${e.owner} class ${e.cls} ttl ${e.ttl} rdata ${e.rdata}`
    : `rejected (${e.code})`;
}

describeCorpus("Knot zscanner corpus", () => {
  it("has the 91 cases the README lists", () => {
    expect(CASES.length).toBe(91);
  });

  it.each(CASES)("%s", (name) => {
    const excl = EXCLUDED[name];
    if (excl === "all") return;
    const expected = readKnotOut(readLatin1(join(DATA, `${name}.out`)));
    const ours = PER_ENTRY.has(name) ? perEntryEvents(name) : ourEvents(parseCase(name));
    const problems: string[] = [];
    if (name.startsWith("06-")) {
      // $INCLUDE cases: events of included files interleave by file, so compare as multisets.
      const key = (e: KnotEvent) => JSON.stringify(e);
      const exp = expected
        .filter((e) => e.kind === "rec")
        .map(key)
        .sort();
      const got = ours
        .filter((e) => e.ev.kind === "rec")
        .map((e) => key(e.ev))
        .sort();
      expect(got).toEqual(exp);
      expect(ours.filter((e) => e.ev.kind === "rej").length > 0).toBe(expected.some((e) => e.kind === "rej"));
      return;
    }
    let fatal = false;
    for (let k = 0; k < expected.length; k++) {
      const exp = expected[k];
      const got = ours[k];
      const reason = excl?.[k];
      if (reason) continue;
      if (!got) {
        problems.push(`#${k}: expected ${describeEvent(exp)}, got nothing`);
        continue;
      }
      if (exp.kind === "rej") {
        if (exp.fatal) fatal = true;
        if (got.ev.kind !== "rej")
          problems.push(`#${k} ${got.detail}: Knot rejects (${exp.code}), we accepted ${describeEvent(got.ev)}`);
        continue;
      }
      if (got.ev.kind !== "rec") {
        problems.push(`#${k} ${got.detail}: Knot accepts ${describeEvent(exp)}, we rejected`);
        continue;
      }
      const g = got.ev;
      if (g.owner !== exp.owner || g.cls !== exp.cls || g.ttl !== exp.ttl || g.type !== exp.type) {
        problems.push(`#${k} ${got.detail}: expected ${describeEvent(exp)}, got ${describeEvent(g)}`);
      } else if (g.rdata !== exp.rdata) {
        problems.push(`#${k} ${got.detail}: RDATA type ${exp.type}: expected ${exp.rdata}, got ${g.rdata}`);
      }
    }
    if (!fatal && ours.length > expected.length) {
      for (const e of ours.slice(expected.length)) problems.push(`extra ${e.detail}: ${describeEvent(e.ev)}`);
    }
    expect(problems).toEqual([]);
  });
});
