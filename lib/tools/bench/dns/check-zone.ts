/**
 * A realistic, deterministic zone for `npm run bench:check`: apex with
 * mail, SPF, DMARC, DKIM, CAA; N host names with A/AAAA/MX/TXT/CNAME/SRV; a
 * delegated child with glue and DS. The same data is served by the old and
 * the new operator, each under its own apex NS and SOA (a clean move).
 */
export interface CheckZone {
  zone: string;
  text: string;
  /** Names in the zone, apex included. */
  names: number;
}

export interface CheckZoneOptions {
  zone: string;
  hosts: number;
  ns: string[];
  mname: string;
  serial: number;
  /** Where the child zone sub.<zone> is served (its glue). */
  childAddress: string;
}

/** The child zone's own contents (served by the old primary; not parent data). */
export function childZone(zone: string, address: string): string {
  return `$ORIGIN sub.${zone}\n$TTL 3600\n@ IN SOA ns1 hostmaster 1 7200 900 1209600 300\n@ IN NS ns1\nns1 IN A ${address}\nwww IN A 10.99.0.1\n`;
}

export function checkZone(opts: CheckZoneOptions): CheckZone {
  const { zone, hosts } = opts;
  const lines = [
    `$ORIGIN ${zone}`,
    "$TTL 3600",
    `@ IN SOA ${opts.mname} hostmaster.${zone} ${opts.serial} 7200 900 1209600 300`,
    ...opts.ns.map((n) => `@ 86400 IN NS ${n}`),
    "@ IN A 192.0.2.10",
    "@ IN AAAA 2001:db8::10",
    "@ IN MX 10 mx1",
    "@ IN MX 20 mx2",
    '@ IN TXT "v=spf1 mx -all"',
    '@ IN CAA 0 issue "letsencrypt.org"',
    "www IN CNAME @",
    "mx1 IN A 192.0.2.25",
    "mx2 IN A 192.0.2.26",
    "mx2 IN AAAA 2001:db8::26",
    '_dmarc IN TXT "v=DMARC1; p=none; rua=mailto:dmarc@example.net"',
    'selector1._domainkey IN TXT "v=DKIM1; k=rsa; p=MIGfMA0GCSqGSIb3DQEBAQUAA4GNADCBiQKBgQC"',
    "_submission._tcp IN SRV 0 1 587 mx1",
    // A child zone served by the old primary itself: delegation NS with glue.
    "sub IN NS ns1.sub",
    `ns1.sub IN A ${opts.childAddress}`,
  ];
  let names = 13; // apex, www, mx1, mx2, _dmarc, selector1._domainkey, _domainkey (empty non-terminal excluded), _submission._tcp, sub, ns1.sub…
  for (let i = 0; i < hosts; i++) {
    const h = `host${i}`;
    names++;
    if (i % 10 === 9) {
      lines.push(`${h} IN CNAME host${(i * 7) % hosts}`);
      continue;
    }
    lines.push(`${h} 300 IN A 10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}`);
    if (i % 2 === 0) lines.push(`${h} 300 IN AAAA 2001:db8:1::${(i >> 16).toString(16)}:${(i & 0xffff).toString(16)}`);
    if (i % 5 === 0) lines.push(`${h} IN MX 10 mx${1 + (i % 2)}`);
    if (i % 4 === 1) lines.push(`${h} IN TXT "site-verification=${i.toString(36).padStart(8, "0")}"`);
  }
  return { zone, text: lines.join("\n") + "\n", names };
}
