/**
 * Synthetic zone and query set for the DNS benchmark: N host names with a
 * realistic mix of A, AAAA, MX, TXT and CNAME, deterministic so runs compare.
 */

export interface BenchZone {
  zone: string;
  text: string;
  /** Owner names (absolute presentation), apex excluded. */
  names: string[];
}

export function benchZone(zone: string, count: number, nsNames: string[]): BenchZone {
  const lines = [
    `$ORIGIN ${zone}`,
    `$TTL 3600`,
    `@ IN SOA ${nsNames[0]} hostmaster.${zone} 2026110101 7200 900 1209600 300`,
    ...nsNames.map((n) => `@ IN NS ${n}`),
    `@ IN A 192.0.2.1`,
    `@ IN MX 10 mail.${zone}`,
    `@ IN TXT "v=spf1 mx -all"`,
  ];
  const names: string[] = [];
  for (let i = 0; i < count; i++) {
    const h = `host${i}`;
    names.push(`${h}.${zone}`);
    if (i % 10 === 9) {
      // one name in ten is an alias to another host in the zone
      lines.push(`${h} IN CNAME host${(i * 7) % count}.${zone}`);
      continue;
    }
    lines.push(`${h} IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    if (i % 2 === 0) lines.push(`${h} IN AAAA 2001:db8::${i.toString(16)}`);
    if (i % 5 === 0) lines.push(`${h} IN MX 10 mail.${zone}`);
    if (i % 4 === 1) lines.push(`${h} IN TXT "site-verification=${i.toString(36).padStart(8, "0")}"`);
  }
  return { zone, text: lines.join("\n") + "\n", names };
}

/** dnsperf data file lines: "name type" for every name × every type. */
export function querySet(names: string[], types: string[]): string[] {
  const out: string[] = [];
  for (const n of names) for (const t of types) out.push(`${n} ${t}`);
  return out;
}
