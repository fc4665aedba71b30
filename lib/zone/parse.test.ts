import { describe, expect, it, vi } from "vitest";

// The parser is tested on its own: a small rdata stand-in keeps these tests
// independent of the rdata codecs (tested in lib/zone/rdata/).
vi.mock("./rdata", () => import("./testing/rdata-stub"));

import { parseZone, type ParseOptions } from "./parse";
import { name, nameToText } from "./name";
import { DIAGNOSTIC_CODES as D } from "./diagnostics";

const ORIGIN = name("example.");
const HEAD = "$TTL 3600\n@ SOA ns1 host 1 2 3 4 5\n";

function parse(text: string, opts: Partial<ParseOptions> = {}) {
  return parseZone(text, { file: "z.zone", origin: ORIGIN, ...opts });
}
function owners(r: ReturnType<typeof parse>) {
  return r.records.map((x) => nameToText(x.owner));
}
function codes(r: ReturnType<typeof parse>) {
  return r.diagnostics.map((d) => [d.line, d.column, d.code]);
}

describe("parseZone basics", () => {
  it("reads owner, TTL and class in either order, blank owners, @", () => {
    const r = parse(HEAD + "a 10 IN A 192.0.2.1\n  IN 20 A 192.0.2.2\nb A 192.0.2.3\n@ NS ns1\n");
    expect(r.diagnostics).toEqual([]);
    expect(owners(r)).toEqual(["example.", "a.example.", "a.example.", "b.example.", "example."]);
    expect(r.records.map((x) => x.ttl)).toEqual([3600, 10, 20, 3600, 3600]);
    expect(r.records.map((x) => x.class)).toEqual([1, 1, 1, 1, 1]);
    expect(r.records[1].owner).toBe(r.records[2].owner);
    expect(r.records.map((x) => x.line)).toEqual([2, 3, 4, 5, 6]);
    expect(r.typeCounts).toEqual({
      A: { read: 3, rejected: 0 },
      NS: { read: 1, rejected: 0 },
      SOA: { read: 1, rejected: 0 },
    });
  });

  it("shares the owner array between consecutive records with the same owner text", () => {
    const r = parse(HEAD + "www A 192.0.2.1\nwww A 192.0.2.2\nwww.example. A 192.0.2.3\n");
    expect(r.records[1].owner).toBe(r.records[2].owner);
    expect(nameToText(r.records[3].owner)).toBe("www.example.");
  });

  it("joins parentheses across lines with comments inside, nested like BIND", () => {
    const r = parse("$TTL 1h\n@ SOA ( ns1 ; primary\n host ; contact\n 1 2 ( 3 ) 4 5 ) ; done\nx MX ( 10 ( mail ) )\n");
    expect(r.diagnostics).toEqual([]);
    expect(r.records.map((x) => x.type)).toEqual([6, 15]);
    expect(r.records[0].ttl).toBe(3600);
    expect(r.records[1].line).toBe(5);
  });

  it("accepts CRLF with one warning and no final newline", () => {
    const r = parse(HEAD.replace(/\n/g, "\r\n") + "a A 192.0.2.1\r\nb A 192.0.2.2");
    expect(owners(r)).toEqual(["example.", "a.example.", "b.example."]);
    expect(codes(r)).toEqual([[1, 1, D.LINE_ENDING]]);
  });

  it("keeps trailing comments aligned with records", () => {
    const r = parse(HEAD + "a A 192.0.2.1 ; cf_tags=cf-proxied:true\nb A 192.0.2.2\n", { keepComments: true });
    expect(r.comments).toEqual([undefined, "cf_tags=cf-proxied:true", undefined]);
  });

  it("handles TTL units, $TTL units and the 2^31 / 2^32 boundaries", () => {
    const r = parse(
      "$TTL 1d\n@ SOA ns1 host 1 2 3 4 5\na 1w2d3h4m5s A 192.0.2.1\nb 1H A 192.0.2.1\nc 2147483648 A 192.0.2.1\nd 4294967296 A 192.0.2.1\ne 4294967295 A 192.0.2.1\n",
    );
    expect(r.records.map((x) => x.ttl)).toEqual([
      86400,
      604800 + 2 * 86400 + 3 * 3600 + 4 * 60 + 5,
      3600,
      2147483648,
      4294967295,
    ]);
    expect(codes(r)).toEqual([
      [5, 3, D.TTL_TOO_LARGE],
      [6, 3, D.BAD_TTL],
      [7, 3, D.TTL_TOO_LARGE],
    ]);
    expect(r.typeCounts.A).toEqual({ read: 5, rejected: 1 });
  });
});

describe("default TTL (quirks.md §ttl-default)", () => {
  it("uses the last explicit TTL with one TTL_DEFAULTED warning", () => {
    const r = parse("@ 100 SOA ns1 host 1 2 3 4 5\n@ NS ns1\nns1 A 192.0.2.1\n");
    expect(r.records.map((x) => x.ttl)).toEqual([100, 100, 100]);
    expect(codes(r)).toEqual([[2, 1, D.TTL_DEFAULTED]]);
  });
  it("falls back to the SOA MINIMUM like BIND, then keeps it", () => {
    const r = parse("@ SOA ns1 host 1 2 3 4 300\n@ NS ns1\n");
    expect(r.records.map((x) => x.ttl)).toEqual([300, 300]);
    expect(codes(r)).toEqual([[1, 1, D.TTL_DEFAULTED]]);
  });
  it("uses defaultTtl when given", () => {
    const r = parse("a A 192.0.2.1\n", { defaultTtl: 0 });
    expect(r.records.map((x) => x.ttl)).toEqual([0]);
  });
  it("rejects a record when no TTL can be known", () => {
    const r = parse("a A 192.0.2.1\n@ SOA ns1 host 1 2 3 4 5\n");
    expect(codes(r)).toEqual([
      [1, 1, D.BAD_TTL],
      [2, 1, D.TTL_DEFAULTED],
    ]);
    expect(r.records.length).toBe(1);
  });
});

describe("errors: positions, collection, resync", () => {
  it("reports each bad record with line and column and goes on", () => {
    const text =
      HEAD +
      "a A 192.0.2.999\nb FOO 1\naaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaaa A 192.0.2.1\nc..d A 192.0.2.1\n  \tA 192.0.2.5\nok A 192.0.2.1\n";
    const r = parse(text);
    expect(codes(r)).toEqual([
      [3, 5, D.BAD_RDATA],
      [4, 3, D.UNKNOWN_TYPE],
      [5, 1, D.LABEL_TOO_LONG],
      [6, 1, D.EMPTY_LABEL],
      [7, 1, D.NO_OWNER],
    ]);
    expect(owners(r)).toEqual(["example.", "ok.example."]);
    expect(r.diagnostics[0]).toMatchObject({ file: "z.zone", severity: "error", text: "a A 192.0.2.999" });
    expect(r.typeCounts.FOO).toEqual({ read: 1, rejected: 1 });
    expect(r.typeCounts.A).toEqual({ read: 5, rejected: 4 });
  });

  it("reports an unterminated quote at its opening position and resyncs on the next line", () => {
    const r = parse(HEAD + 'a TXT "abc\nb TXT "ok"\n');
    expect(codes(r)).toEqual([[3, 7, D.UNTERMINATED_QUOTE]]);
    expect(owners(r)).toEqual(["example.", "b.example."]);
  });

  it("reports an unclosed parenthesis at its opening position", () => {
    const r = parse(HEAD + 'a TXT ( "x"\nb A 192.0.2.1\n');
    expect(codes(r)).toEqual([[3, 7, D.UNBALANCED_PARENS]]);
    expect(r.records.length).toBe(1);
  });

  it("rejects a stray closing parenthesis and raw control characters", () => {
    const r = parse(HEAD + 'a A 192.0.2.1 )\nb TXT "a\u0000b"\nc\u0001 A 192.0.2.1\nd A 192.0.2.1\n');
    expect(codes(r)).toEqual([
      [3, 15, D.UNBALANCED_PARENS],
      [4, 9, D.BAD_CHARACTER],
      [5, 2, D.BAD_CHARACTER],
    ]);
    expect(owners(r)).toEqual(["example.", "d.example."]);
  });

  it("stops storing diagnostics at maxDiagnostics and counts the rest", () => {
    const r = parse(HEAD + "a A x\n".repeat(10), { limits: { maxDiagnostics: 3 } });
    expect(r.diagnostics.map((d) => d.code)).toEqual([D.BAD_RDATA, D.BAD_RDATA, D.BAD_RDATA, D.LIMIT_DIAGNOSTICS]);
    expect(r.diagnosticsDropped).toBe(7);
  });

  it("stops at maxRecords and maxBytes", () => {
    const r = parse(HEAD + "a A 192.0.2.1\n".repeat(5), { limits: { maxRecords: 3 } });
    expect(r.records.length).toBe(3);
    expect(r.truncated).toBe(true);
    expect(codes(r)).toEqual([[5, 1, D.LIMIT_RECORDS]]);
    const b = parse(HEAD, { limits: { maxBytes: 10 } });
    expect(b.records.length).toBe(0);
    expect(b.truncated).toBe(true);
    expect(b.diagnostics.map((d) => d.code)).toEqual([D.LIMIT_BYTES]);
  });

  it("never throws on hostile input", () => {
    const junk = [
      "(((",
      ")))",
      '"',
      "\\",
      "$INCLUDE",
      "$GENERATE 1-",
      "@ IN",
      "\u0000\u0001\u00ff",
      "$ORIGIN ..",
      "x 99999999999999999999 A 1",
    ];
    for (const j of junk) expect(() => parse(j)).not.toThrow();
  });
});

describe("names and zone semantics", () => {
  it("warns on out-of-zone owners and keeps them", () => {
    const r = parse(HEAD + "x.other. A 192.0.2.1\n");
    expect(codes(r)).toEqual([[3, 1, D.OUT_OF_ZONE]]);
    expect(r.records.length).toBe(2);
  });

  it("rejects the CNAME when other data shares its owner", () => {
    const r = parse(HEAD + "x CNAME ns1\nx A 192.0.2.2\ny CNAME ns1\n");
    expect(codes(r)).toEqual([[3, 1, D.CNAME_AND_OTHER]]);
    expect(r.records.map((x) => [nameToText(x.owner), x.type])).toEqual([
      ["example.", 6],
      ["x.example.", 1],
      ["y.example.", 5],
    ]);
    expect(r.typeCounts.CNAME).toEqual({ read: 2, rejected: 1 });
  });

  it("rejects a second, different SOA at the apex and keeps the first (quirks.md §soa)", () => {
    const r = parse(HEAD + "a A 192.0.2.1\n@ IN SOA ns2 host 2 2 3 4 5\n@ SOA ns1 host 1 2 3 4 5\n");
    expect(r.diagnostics.map((d) => [d.line, d.column, d.code, d.severity])).toEqual([
      [4, 1, D.BAD_SOA, "error"],
      [5, 1, D.BAD_SOA, "warning"],
    ]);
    expect(r.diagnostics[0].text).toBe("@ IN SOA ns2 host 2 2 3 4 5");
    // the exact repeat (AXFR style) is kept for the RRset stage to deduplicate
    expect(r.records.filter((x) => x.type === 6).map((x) => x.line)).toEqual([2, 5]);
    expect(r.typeCounts.SOA).toEqual({ read: 3, rejected: 1 });
  });

  it("warns about an SOA away from the apex and keeps it (quirks.md §soa)", () => {
    const r = parse(HEAD + "sub SOA ns1 host 9 2 3 4 5\nsub NS ns1\n");
    expect(codes(r)).toEqual([[3, 1, D.BAD_SOA]]);
    expect(r.diagnostics[0].severity).toBe("warning");
    expect(r.records.length).toBe(3);
    // without an origin option the first SOA fixes the apex
    const n = parse(
      "$TTL 1\nzone. SOA ns1.zone. h.zone. 1 2 3 4 5\nb.zone. SOA ns1.zone. h.zone. 1 2 3 4 5\nzone. SOA ns1.zone. h.zone. 7 2 3 4 5\n",
      { origin: null },
    );
    expect(n.diagnostics.map((d) => [d.line, d.code, d.severity])).toEqual([
      [3, D.BAD_SOA, "warning"],
      [4, D.BAD_SOA, "error"],
    ]);
    expect(n.typeCounts.SOA).toEqual({ read: 3, rejected: 1 });
  });

  it("rejects class ANY and a class different from the zone's", () => {
    const r = parse(HEAD + "a ANY A 192.0.2.1\nb CH A 192.0.2.1\nc CLASS1 A 192.0.2.1\n");
    expect(codes(r)).toEqual([
      [3, 1, D.BAD_CLASS],
      [4, 1, D.CLASS_MISMATCH],
    ]);
    expect(owners(r)).toEqual(["example.", "c.example."]);
  });

  it("a blank owner after $ORIGIN keeps the previous owner, with a warning", () => {
    const r = parse(HEAD + "x A 192.0.2.2\n$ORIGIN sub.example.\n  A 192.0.2.3\n");
    expect(owners(r)).toEqual(["example.", "x.example.", "x.example."]);
    expect(codes(r)).toEqual([[5, 1, D.INHERITED_OWNER]]);
  });

  it("relative names need an origin", () => {
    const r = parseZone("$TTL 1\na A 192.0.2.1\n$ORIGIN example.\nb A 192.0.2.1\n", { file: "z" });
    expect(codes(r)).toEqual([[2, 1, D.NO_ORIGIN]]);
    expect(owners(r)).toEqual(["b.example."]);
    expect(nameToText(r.origin!)).toBe("example.");
  });

  it("rejects unknown directives and extra directive arguments", () => {
    const r = parse("$FOO bar\n$TTL 1 2\n$ORIGIN\n");
    expect(codes(r)).toEqual([
      [1, 1, D.BAD_DIRECTIVE],
      [2, 8, D.TRAILING_DATA],
      [3, 8, D.UNEXPECTED_END],
    ]);
  });
});

describe("$INCLUDE", () => {
  const files: Record<string, string> = {
    "a.zone": "inc A 192.0.2.9\n$ORIGIN other.\nz A 192.0.2.8\n",
    "loop.zone": "$INCLUDE loop.zone\n",
    deep1: "$INCLUDE deep2\n",
    deep2: "$INCLUDE deep3\n",
    deep3: "d A 192.0.2.7\n",
  };
  const include = (path: string) => (path in files ? { file: path, text: files[path] } : null);

  it("reads an included file with its own origin, not leaking $ORIGIN back", () => {
    const r = parse(HEAD + "$INCLUDE a.zone sub\nafter A 192.0.2.1\n", { include });
    expect(owners(r)).toEqual(["example.", "inc.sub.example.", "z.other.", "after.example."]);
    expect(r.records[1].file).toBe("a.zone");
    expect(r.records[1].line).toBe(1);
    expect(codes(r)).toEqual([[3, 1, D.OUT_OF_ZONE]]);
    expect(r.diagnostics[0].file).toBe("a.zone");
  });

  it("reports missing files, cycles and depth", () => {
    const r = parse(HEAD + "$INCLUDE nope\n$INCLUDE loop.zone\n$INCLUDE deep1\n", {
      include,
      limits: { maxIncludeDepth: 2 },
    });
    expect(r.diagnostics.map((d) => [d.file, d.line, d.column, d.code])).toEqual([
      ["z.zone", 3, 10, D.INCLUDE_NOT_FOUND],
      ["loop.zone", 1, 10, D.INCLUDE_DEPTH],
      ["deep2", 1, 10, D.INCLUDE_DEPTH],
    ]);
  });

  it("without a resolver, $INCLUDE is refused", () => {
    const r = parse(HEAD + "$INCLUDE /etc/passwd\n");
    expect(codes(r)).toEqual([[3, 10, D.INCLUDE_NOT_FOUND]]);
  });
});

describe("$GENERATE", () => {
  it("expands ranges with steps, offsets, widths and bases", () => {
    const r = parse(
      HEAD + "$GENERATE 1-5/2 host$ A 192.0.2.$\n$GENERATE 10-11 ${-9,3,d}-${0,0,x}-${0,4,X} 60 IN CNAME x\\$$\n",
    );
    expect(owners(r)).toEqual([
      "example.",
      "host1.example.",
      "host3.example.",
      "host5.example.",
      "001-a-000A.example.",
      "002-b-000B.example.",
    ]);
    expect(r.records.slice(1, 4).map((x) => Array.from(x.rdata))).toEqual([
      [192, 0, 2, 1],
      [192, 0, 2, 3],
      [192, 0, 2, 5],
    ]);
    expect(r.records[4].ttl).toBe(60);
    expect(r.records[4].line).toBe(4);
    expect(nameToText(r.records[4].rdata)).toBe("x\\$10.example.");
  });

  it("supports nibble mode", () => {
    // Width counts the dots; an even width ends in a dot, making the name absolute (as in BIND).
    const r = parse(HEAD + "$GENERATE 255-255 ${0,5,n} PTR x\n$GENERATE 4095-4095 ${0,6,N} PTR x\n");
    expect(owners(r).slice(1)).toEqual(["f.f.0.example.", "F.F.F."]);
  });

  it("reports syntax errors and the maxGenerate limit at the directive line", () => {
    const r = parse(
      HEAD +
        "$GENERATE 5-1 a$ A 192.0.2.1\n$GENERATE 1-100 a$ A 192.0.2.$\n$GENERATE 1-2 a${x} A 192.0.2.1\n$GENERATE 1-2 a$ A 192.0.2.$$\n",
      {
        limits: { maxGenerate: 50 },
      },
    );
    expect(codes(r)).toEqual([
      [3, 11, D.BAD_GENERATE],
      [4, 11, D.BAD_GENERATE],
      [5, 15, D.BAD_GENERATE],
      // The first failing line ends the directive (BIND aborts it too): one more line is not read.
      [6, 1, D.BAD_RDATA],
      [6, 11, D.BAD_GENERATE],
    ]);
  });
});
