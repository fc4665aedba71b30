/**
 * A deterministic large master file for the 100k-row browser test: the same
 * input on every run (no randomness), a mix of types, and a last record that
 * sorts last in DNS order so the test can scroll to it.
 */
export interface GeneratedZone {
  origin: string;
  text: string;
  /** Number of RRs in the file (SOA and NS included). */
  records: number;
}

const pad = (i: number) => String(i).padStart(6, "0");

export function generateZone(origin = "big.test.", hosts = 33_333): GeneratedZone {
  const lines = [
    `$ORIGIN ${origin}`,
    "$TTL 3600",
    `@ IN SOA ns1.${origin} hostmaster.${origin} 2024010101 7200 900 1209600 300`,
    `@ IN NS ns1.${origin}`,
  ];
  let records = 2;
  for (let i = 0; i < hosts; i++) {
    const h = `h${pad(i)}`;
    // 3 records per host: A, AAAA and either TXT or MX, so type filters see mixed results.
    lines.push(`${h} 300 IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    lines.push(`${h} 300 IN AAAA 2001:db8::${(i & 0xffff).toString(16)}`);
    lines.push(i % 2 === 0 ? `${h} IN TXT "host ${i}"` : `${h} IN MX 10 mail.${origin}`);
    records += 3;
  }
  // "zzzz" sorts after every hNNNNNN label: the last row of the table.
  lines.push('zzzz-last IN TXT "the very last record"');
  records += 1;
  return { origin, text: `${lines.join("\n")}\n`, records };
}
