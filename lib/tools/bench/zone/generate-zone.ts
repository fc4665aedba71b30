/**
 * Deterministic benchmark zone: a seeded PRNG (mulberry32) so every run and
 * every machine reads the same bytes. Mixed types, delegations with glue and
 * DS, $ORIGIN/$TTL changes, a multi-line SOA with comments, blank owners.
 */

export interface GeneratedZone {
  text: string;
  origin: string;
  /** Records written (what a parser must keep). */
  records: number;
  /** Per type mnemonic. */
  counts: Record<string, number>;
}

function mulberry32(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

const WORDS = [
  "www",
  "mail",
  "api",
  "cdn",
  "shop",
  "blog",
  "vpn",
  "git",
  "ci",
  "db",
  "app",
  "img",
  "static",
  "auth",
  "edge",
];

export function generateZone(targetRecords = 1_000_000, seed = 20260101): GeneratedZone {
  const rnd = mulberry32(seed);
  const int = (n: number) => Math.floor(rnd() * n);
  const hex = (bytes: number) => {
    let s = "";
    for (let i = 0; i < bytes; i++) s += (int(256) + 256).toString(16).slice(1);
    return s;
  };
  const origin = "bench.example.";
  const out: string[] = [];
  const counts: Record<string, number> = {};
  let records = 0;
  const add = (type: string, line: string) => {
    out.push(line);
    counts[type] = (counts[type] ?? 0) + 1;
    records++;
  };
  out.push(`; benchmark zone, seed ${seed}`, `$ORIGIN ${origin}`, "$TTL 3600");
  add(
    "SOA",
    "@\tIN\tSOA\tns1.bench.example. hostmaster.bench.example. (\n\t\t2026010101 ; serial\n\t\t7200       ; refresh\n\t\t3600       ; retry\n\t\t1209600    ; expire\n\t\t300 )      ; minimum",
  );
  add("NS", "@\tIN\tNS\tns1");
  add("NS", "\tIN\tNS\tns2.bench.example.");
  add("A", "ns1\tIN\tA\t192.0.2.53");
  add("A", "ns2 IN A 198.51.100.53");
  let section = 0;
  let host = 0;
  while (records < targetRecords) {
    // A new sub-origin and default TTL every ~50k records.
    if (host % 5000 === 0) {
      section++;
      out.push(`$ORIGIN s${section}.${origin}`, `$TTL ${int(2) === 0 ? "1h" : String(300 + int(3600))}`);
    }
    host++;
    const owner = `${WORDS[int(WORDS.length)]}-${host.toString(36)}`;
    const kind = int(100);
    const ttl = int(4) === 0 ? `${60 * (1 + int(60))} ` : "";
    if (kind < 30) {
      add("A", `${owner} ${ttl}IN A 10.${int(256)}.${int(256)}.${int(256)}`);
      add("A", `\t\t${ttl}A 10.${int(256)}.${int(256)}.${int(256)}`);
      add("AAAA", `\t\t${ttl}AAAA 2001:db8:${int(65536).toString(16)}::${int(65536).toString(16)}`);
    } else if (kind < 45) {
      add("MX", `${owner} ${ttl}MX 10 mx1.${owner}`);
      add("MX", `${owner} ${ttl}MX 20 mx2.mail.example.net.`);
      add("TXT", `${owner} TXT "v=spf1 ip4:10.${int(256)}.0.0/16 include:_spf.example.net ~all"`);
    } else if (kind < 60) {
      add("CNAME", `${owner} ${ttl}CNAME ${WORDS[int(WORDS.length)]}.cdn.example.net.`);
      add("TXT", `_v.${owner} TXT "verify=${hex(12)}" ; verification`);
      add("TXT", `\tTXT "second string" "third"`);
    } else if (kind < 72) {
      add("SRV", `_sip._tcp.${owner} SRV 10 60 5060 ${owner}`);
      add("A", `${owner} A 10.${int(256)}.${int(256)}.${int(256)}`);
      add("CAA", `${owner} CAA 0 issue "letsencrypt.org"`);
    } else if (kind < 88) {
      // A delegation with glue and a DS.
      add("NS", `${owner} 86400 NS ns1.${owner}`);
      add("NS", `${owner} 86400 NS ns2.${owner}`);
      add("DS", `${owner} 86400 DS ${int(65536)} 13 2 ${hex(32).toUpperCase()}`);
      add("A", `ns1.${owner} A 192.0.2.${int(256)}`);
      add("AAAA", `ns2.${owner} AAAA 2001:db8::${int(65536).toString(16)}`);
    } else {
      add("A", `${owner}.${origin} ${ttl}IN A 10.${int(256)}.${int(256)}.${int(256)}`);
      add("TXT", `${owner} ( TXT "multi"\n\t\t"line" ) ; parens`);
    }
  }
  return { text: out.join("\n") + "\n", origin, records, counts };
}
