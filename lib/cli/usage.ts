export const USAGE = `usage: cutover <command> [options]

commands:
  zone normalize FILE... [--origin NAME] [--format auto|bind|cloudflare|axfr|route53|cloudflare-json|powerdns]
                         [--default-ttl N] [--json]
      Import zone exports and print them as canonical RFC 1035 records
      (absolute names, explicit TTL and class, DNSSEC canonical order).
  zone diff A B [--format FMT [--format FMT]] [--origin NAME [--origin NAME]] [--default-ttl N] [--json]
      Compare two zone files (any import format, e.g. a master file and dig AXFR
      output) RRset by RRset in canonical wire form: owners case-folded, TTL and
      RDATA differences told apart. An option given once applies to both files,
      twice: the first to A, the second to B.
  query DOMAIN ...       Query live authoritative DNS (see cutover query --help).
  check DOMAIN --zone FILE... [--ns NAME=ADDR[:PORT]]... [--new-ns NAME=ADDR[:PORT]]... [--json]
                         Import + live queries + diff + checks; exit 0 go, 1 no-go, 2 error.
                         With --server URL --token T: the same check run by a Cutover server.
  admin create-user --email EMAIL --org ORGANISATION [--name NAME] [--password-stdin]
                         Create a staff account (password from stdin, CUTOVER_ADMIN_PASSWORD, or generated).
  keys list|rotate [--data-dir DIR]
                         List or rotate the checklist signing key (old public keys stay published).
  worker [--concurrency N]
                         Execute queued live checks (PostgreSQL DATABASE_URL); stops on SIGTERM/SIGINT.
  verify BUNDLE [--key JWK_FILE] [--key-url URL] [--keyring FILE] [--json]
                         Verify a signed checklist bundle; exit 0 valid and signed by a trusted key,
                         1 invalid, 2 usage, 3 intact but no trusted key given (integrity only).
  verify --server URL --token T TRANSFER[:N]
                         Fetch a revision's bundle from a Cutover server and verify it here.

exit codes (zone normalize): 0 ok, 1 input had errors, 2 usage error
exit codes (zone diff): 0 equal, 1 different, 2 error (usage, unreadable file, input errors)
`;
