export const USAGE = `usage: cutover <command> [options]

commands:
  zone normalize FILE... [--origin NAME] [--format auto|bind|cloudflare|axfr|route53|cloudflare-json|powerdns]
                         [--default-ttl N] [--json]
      Import zone exports and print them as canonical RFC 1035 records
      (absolute names, explicit TTL and class, DNSSEC canonical order).
  query ...              Query live authoritative DNS (see cutover query --help).

exit codes: 0 ok, 1 input had errors, 2 usage error
`;
