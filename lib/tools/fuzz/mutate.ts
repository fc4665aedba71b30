/**
 * Deterministic mutations of text inputs. Each mutation is plain data
 * ({op, a, b, c} with small integers) so fast-check generates and shrinks
 * them; applying one never fails (indices wrap around).
 */

/** Tokens that stress the master-file grammar, the directives and the RDATA codecs. */
export const NASTY_TOKENS = [
  "(",
  ")",
  '"',
  ";",
  "@",
  "*",
  "\\#",
  "\\",
  "$ORIGIN",
  "$TTL",
  "$INCLUDE",
  "$GENERATE",
  "IN",
  "CH",
  "HS",
  "CLASS0",
  "CLASS65535",
  "CLASS65536",
  "TYPE0",
  "TYPE65535",
  "TYPE65536",
  "TYPE",
  "ANY",
  "AXFR",
  "OPT",
  "SOA",
  "A",
  "AAAA",
  "NS",
  "CNAME",
  "DNAME",
  "TXT",
  "MX",
  "SRV",
  "CAA",
  "SVCB",
  "HTTPS",
  "LOC",
  "APL",
  "NSEC",
  "NSEC3",
  "NSEC3PARAM",
  "RRSIG",
  "DS",
  "DNSKEY",
  "TLSA",
  "NAPTR",
  "HINFO",
  "WKS",
  "IPSECKEY",
  "HIP",
  "CERT",
  "ZONEMD",
  "CSYNC",
  "SSHFP",
  "URI",
  "ALIAS",
  "LUA",
  "TSIG",
  "SIG",
  "NULL",
  "X25",
  "ISDN",
  "GPOS",
  "EUI48",
  "L64",
  "0",
  "-1",
  "65535",
  "65536",
  "2147483648",
  "4294967295",
  "4294967296",
  "99999999999999999999999999",
  "1w2d3h4m5s",
  "1h1h",
  "1W",
  "7d",
  "0x10",
  "1e9",
  "NaN",
  "$",
  "..",
  ".",
  "a..b",
  "\\000",
  "\\255",
  "\\256",
  "\\999",
  "\\.",
  "\\\\",
  '\\"',
  "0-4294967295",
  "0-65536",
  "1-0",
  "0-10/0",
  "${0,3,x}",
  "${-1,99,n}",
  "${0,255,X}",
  "$$",
  "${",
  "::",
  "::ffff:1.2.3.4",
  "1::2::3",
  "1.2.3.4",
  "256.1.1.1",
  "1.2.3",
  "AAAA==",
  "=",
  "====",
  "-",
  "+",
  "key65535=",
  "key65536",
  "mandatory=mandatory",
  "alpn=h2,h3",
  'alpn="h2\\,h3"',
  "ech=",
  "port=99999",
  "ipv4hint=1.2.3.4,5.6.7.8",
  "no-default-alpn=x",
  "N",
  "S",
  "E",
  "W",
  "90",
  "180",
  "59.999",
  "1m",
  "90000000.00m",
  "-100000.00m",
  "20240101000000",
  "19700101000000",
  "99991231235959",
  "1!192.168.0.0/16",
  "!2:ffff::/129",
  "xn--",
  "-",
  "\t",
  "\r",
  "\x00",
  "\xff",
  "\x7f",
  "☃",
];

/** Mutation ops; the numbers a, b, c pick positions and dictionary entries. */
export const OPS = [
  "insert",
  "delete",
  "duplicate",
  "swap",
  "replace",
  "escape",
  "quote",
  "paren",
  "longLabel",
  "longName",
  "hugeNumber",
  "bytes",
  "truncate",
  "crlf",
  "repeatToken",
] as const;
export type Op = (typeof OPS)[number];
export interface Mutation {
  op: Op;
  a: number;
  b: number;
  c: number;
  /** Random raw bytes (latin1 chars) for the "bytes" op. */
  raw: string;
}

const HUGE = [
  "4294967296",
  "18446744073709551616",
  "99999999999999999999999999999999",
  "-2147483649",
  "1e400",
  "0.0000001",
  "65536",
  "256",
  "2147483648",
];

function splitTokens(line: string): string[] {
  // Separators are kept so a mutation changes one token and nothing else.
  return line.split(/([ \t]+)/).filter((x) => x !== "");
}

function wordIndices(parts: string[]): number[] {
  const out: number[] = [];
  parts.forEach((p, i) => {
    if (!/^[ \t]+$/.test(p)) out.push(i);
  });
  return out;
}

/** Apply one mutation to one line. */
export function mutateLine(line: string, m: Mutation, dictionary: readonly string[]): string {
  const parts = splitTokens(line);
  const words = wordIndices(parts);
  const pick = (n: number) => (words.length === 0 ? -1 : words[n % words.length]);
  const dict = (n: number) => dictionary[n % dictionary.length];
  const w = pick(m.a);
  switch (m.op) {
    case "insert":
      parts.splice(words.length === 0 ? 0 : w + (m.c % 2), 0, " ", dict(m.b), " ");
      break;
    case "delete":
      if (w >= 0) parts.splice(w, 1);
      break;
    case "duplicate":
      if (w >= 0) parts.splice(w, 0, parts[w], " ");
      break;
    case "swap": {
      const v = pick(m.b);
      if (w >= 0 && v >= 0) [parts[w], parts[v]] = [parts[v], parts[w]];
      break;
    }
    case "replace":
      if (w >= 0) parts[w] = dict(m.b);
      else parts.push(dict(m.b));
      break;
    case "escape": {
      const esc = [
        "\\",
        `\\${m.c % 1000}`,
        `\\${String(m.c % 1000).padStart(3, "0")}`,
        "\\X",
        "\\.",
        "\\ ",
        "\\\\",
        "\\\n",
        `\\${m.c % 10}`,
      ][m.b % 9];
      const s = parts[w] ?? "";
      const at = s.length === 0 ? 0 : m.c % (s.length + 1);
      if (w >= 0) parts[w] = s.slice(0, at) + esc + s.slice(at);
      else parts.push(esc);
      break;
    }
    case "quote": {
      const s = parts[w] ?? "";
      const v = [`"${s}"`, `"${s}`, `${s}"`, `"${s}\\"`, `""`, `"${s}\n${s}"`][m.b % 6];
      if (w >= 0) parts[w] = v;
      else parts.push(v);
      break;
    }
    case "paren": {
      const v = ["(", ")", "((", "))", "(\n", ")\n", "( ; c\n", "\n)"][m.b % 8];
      parts.splice(w >= 0 ? w + (m.c % 2) : 0, 0, " ", v, " ");
      break;
    }
    case "longLabel": {
      const v = "a".repeat(60 + (m.b % 8));
      if (w >= 0) parts[w] = m.c % 2 ? `${v}.${parts[w]}` : v;
      else parts.push(v);
      break;
    }
    case "longName": {
      // 4 × 63-octet labels = 256 octets with the root: one over the RFC 1035 §2.3.4 limit; smaller variants hit it exactly.
      const labels = 3 + (m.b % 2);
      const len = 61 + (m.c % 3);
      const v = Array.from({ length: labels }, () => "b".repeat(len)).join(".") + (m.c % 2 ? "." : "");
      if (w >= 0) parts[w] = v;
      else parts.push(v);
      break;
    }
    case "hugeNumber":
      if (w >= 0) parts[w] = HUGE[m.b % HUGE.length];
      else parts.push(HUGE[m.b % HUGE.length]);
      break;
    case "bytes": {
      const s = parts.join("");
      const at = s.length === 0 ? 0 : m.a % (s.length + 1);
      return s.slice(0, at) + m.raw + s.slice(at);
    }
    case "truncate": {
      const s = parts.join("");
      return s.slice(0, s.length === 0 ? 0 : m.a % (s.length + 1));
    }
    case "crlf": {
      const s = parts.join("");
      const at = s.length === 0 ? 0 : m.a % (s.length + 1);
      return s.slice(0, at) + ["\r", "\r\n", "\n", "\n ", "\f", "\v"][m.b % 6] + s.slice(at);
    }
    case "repeatToken":
      if (w >= 0) parts.splice(w, 0, ...Array.from({ length: 2 + (m.b % 200) }, () => `${parts[w]} `));
      break;
  }
  return parts.join("");
}

/** Line-level operations on a whole file. */
export const LINE_OPS = [
  "dupLine",
  "delLine",
  "swapLines",
  "joinLines",
  "splitLine",
  "openParenAtEof",
  "lonelyBackslashAtEof",
  "openQuoteAtEof",
  "directive",
] as const;
export type LineOp = (typeof LINE_OPS)[number];
export interface LineMutation {
  op: LineOp;
  a: number;
  b: number;
}

const DIRECTIVES = [
  "$ORIGIN example.test.",
  "$ORIGIN .",
  "$ORIGIN sub",
  "$ORIGIN \\..",
  "$TTL 1h",
  "$TTL 4294967296",
  "$TTL -1",
  "$INCLUDE self.zone",
  "$INCLUDE fuzz.zone",
  "$INCLUDE other.zone sub.example.test.",
  "$INCLUDE a",
  "$INCLUDE b",
  "$GENERATE 0-4294967295 host$ A 192.0.2.1",
  "$GENERATE 1-100 $ PTR host$.example.test.",
  // Small ranges: a full 0-65535 range costs ~0.5 s per line and is covered by the corpus (generate-failing-entries-unbounded).
  '$GENERATE 0-655/1 ${0,10,x} TXT "$$ ${1,2,o}"',
  "$GENERATE 5-1 x$ A 1.2.3.4",
  "$GENERATE 1-10 ${0,300,d} A 1.2.3.4",
  "$UNKNOWN x",
];

export function mutateLines(lines: string[], m: LineMutation): string[] {
  const out = [...lines];
  const i = out.length === 0 ? 0 : m.a % out.length;
  const j = out.length === 0 ? 0 : m.b % out.length;
  switch (m.op) {
    case "dupLine":
      if (out.length) out.splice(i, 0, out[i]);
      break;
    case "delLine":
      if (out.length) out.splice(i, 1);
      break;
    case "swapLines":
      if (out.length) [out[i], out[j]] = [out[j], out[i]];
      break;
    case "joinLines":
      if (out.length > 1 && i + 1 < out.length) out.splice(i, 2, `${out[i]} ${out[i + 1]}`);
      break;
    case "splitLine": {
      const s = out[i] ?? "";
      const at = s.length === 0 ? 0 : m.b % (s.length + 1);
      out.splice(i, 1, s.slice(0, at), s.slice(at));
      break;
    }
    case "openParenAtEof":
      out.push(`${out[i] ?? "x"} (`);
      break;
    case "lonelyBackslashAtEof":
      out.push(`${out[i] ?? ""}\\`);
      break;
    case "openQuoteAtEof":
      out.push(`x TXT "${"q".repeat(m.b % 300)}`);
      break;
    case "directive":
      out.splice(i, 0, DIRECTIVES[m.b % DIRECTIVES.length]);
      break;
  }
  return out;
}
