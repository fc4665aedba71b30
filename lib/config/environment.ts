/**
 * The one place the server reads the process environment. Every variable Cutover reads is named here with what it
 * sets; the modules of lib/config (and the few readers that take an `env` argument so tests can pass their own)
 * read their values from `readEnvironment()`, never from `process.env`. Values stay the text the operator wrote:
 * each reader applies its own default and range (a bad value falls back, as documented beside the reader), so the
 * schema only says which variables exist. lib/architecture.test.ts keeps `process.env` out of the rest of lib/ and app/.
 *
 * Server code only: a client component must not import this module (the client-bundle scan of
 * lib/security/bundle-scan.ts would find the variable names below in its chunk).
 */
import { z } from "zod";

const setting = (what: string) => z.string().optional().describe(what);

export const environmentSchema = z.object({
  // Storage and secrets
  DATABASE_URL: setting("file:… (SQLite, default file:./data/cutover.db) or postgres://…"),
  CUTOVER_DATA_DIR: setting(
    "the data directory (signing key, auth secret); default beside the SQLite file, else ./data",
  ),
  CUTOVER_AUTH_SECRET: setting("the session-signing secret; default generated into the data directory"),
  BETTER_AUTH_SECRET: setting("the same, under better-auth's own name"),
  CUTOVER_SIGNING_KEY_FILE: setting("the Ed25519 checklist-signing key; default <data dir>/signing-key.json"),
  CUTOVER_BASE_URL: setting("the public origin of the web app (links in mail, CSRF origin)"),
  CUTOVER_TRUSTED_ORIGINS: setting("further origins allowed to post forms, comma-separated"),
  CUTOVER_TRUSTED_PROXY_HOPS: setting("reverse proxies in front whose X-Forwarded-For is believed (default 0)"),
  // Sign-in
  CUTOVER_OIDC_ISSUER: setting("OpenID Connect issuer; single sign-on is on when issuer, client id and secret are set"),
  CUTOVER_OIDC_CLIENT_ID: setting("OpenID Connect client id"),
  CUTOVER_OIDC_CLIENT_SECRET: setting("OpenID Connect client secret"),
  CUTOVER_OIDC_NAME: setting("the sign-in button's label (default Single sign-on)"),
  CUTOVER_OIDC_ORGANISATION: setting("the organisation new single-sign-on accounts join"),
  CUTOVER_SIGNIN_RATE_LIMIT: setting("password sign-in attempts per minute, per account and per client (default 30)"),
  CUTOVER_LINK_RATE_LIMIT: setting("sign-off and invite link requests per minute and link (default 60)"),
  // Limits
  CUTOVER_MAX_UPLOAD_MB: setting("one uploaded file (default 50 MiB)"),
  CUTOVER_MAX_UPLOAD_TOTAL_MB: setting("one upload request, all files together (default 200 MiB)"),
  CUTOVER_MAX_RECORDS_PER_IMPORT: setting("zone records one source may hold (default 1,000,000)"),
  CUTOVER_MAX_RECORDS_PER_UPLOAD: setting("zone records one upload may add (default 1,000,000)"),
  CUTOVER_MAX_RECORDS_PER_TRANSFER: setting("zone records a transfer's sources may hold (default 2,000,000)"),
  CUTOVER_MAX_QUERIES_PER_RUN: setting("DNS queries one live run may send, retries included (default 50,000)"),
  CUTOVER_ORG_QUERIES_PER_HOUR: setting("DNS queries an organisation's runs may send per hour (default 500,000)"),
  CUTOVER_MAX_JSON_BODY_KB: setting("JSON request bodies of route handlers (default 256 KiB)"),
  CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR: setting(
    "live checks a portfolio runs at once against one DNS operator (default 2)",
  ),
  CUTOVER_ALLOW_PRIVATE: setting("private destinations live checks may query: off (default), loopback, private"),
  CUTOVER_CHECKS_CONFIG: setting("a JSON file of check settings (lib/checks/config.ts)"),
  // Runs and the job queue (lib/config/queue-config.ts)
  CUTOVER_RUN_HEARTBEAT_MS: setting("how often a running check writes its heartbeat (default 2,000)"),
  CUTOVER_RUN_STALE_MS: setting("a run without a heartbeat this long is failed at recovery (default 30,000)"),
  CUTOVER_IMPORT_IN_PROCESS: setting("1: import large uploads in the request's process instead of a worker thread"),
  CUTOVER_WORKER: setting("inline (default): this web process also works the queue; off: it only enqueues"),
  CUTOVER_WORKER_CONCURRENCY: setting("runs one process executes at once (default 2)"),
  CUTOVER_QUEUE_HEARTBEAT_SECONDS: setting("pg-boss heartbeat of an active job (default 10)"),
  CUTOVER_QUEUE_MONITOR_SECONDS: setting("how often some process looks for silent workers (default 10)"),
  CUTOVER_QUEUE_RETRY_LIMIT: setting("attempts after the first when a worker dies mid-run (default 2)"),
  CUTOVER_QUEUE_EXPIRE_SECONDS: setting("the longest a run may hold a job (default 3,600)"),
  CUTOVER_QUEUE_RUN_STALE_MS: setting(
    "a queued run with no heartbeat and no taker this long is failed (default 120,000)",
  ),
  // Notifications
  CUTOVER_SMTP_URL: setting("smtp(s)://… ; e-mail notifications are on when set"),
  CUTOVER_MAIL_FROM: setting("the From of notification mail (default Cutover <cutover@localhost>)"),
  CUTOVER_WEBHOOK_ATTEMPTS: setting("deliveries of one webhook event before it is given up (default 6)"),
  CUTOVER_WEBHOOK_BACKOFF_MS: setting("the first retry delay, doubled each time (default 10,000)"),
  CUTOVER_NOTIFY_SWEEP_SECONDS: setting(
    "on SQLite, seconds between notification sweeps in the app process (default 60)",
  ),
  CUTOVER_IDEMPOTENCY_HOURS: setting(
    "hours an Idempotency-Key is kept; older keys count as unused and the notification sweep deletes them (default 24)",
  ),
  // Command line and developer tools
  CUTOVER_API_TOKEN: setting("the API token of `cutover` remote commands when --token is not given"),
  CUTOVER_ADMIN_PASSWORD: setting("the password of `cutover admin create-user` when not read from stdin"),
  CUTOVER_TRACE_PHASES: setting("`cutover check`: print each phase's time and memory"),
  CUTOVER_HEAP_SNAPSHOT_AT: setting("`cutover check`: write a heap snapshot when this phase starts"),
  CUTOVER_MIGRATION_PG_URL: setting("`npm run db:migration`: the scratch PostgreSQL database"),
  CUTOVER_TEST_PG_URL: setting("tests: the PostgreSQL server the PostgreSQL variants run on"),
  CUTOVER_CORPORA: setting("the peer conformance corpora (default ../shared/corpora beside the checkout)"),
});

export type Environment = z.infer<typeof environmentSchema>;

/** The variables above as the process has them now (read at each call: tests and the CLI set them late). */
export function readEnvironment(source: Record<string, string | undefined> = process.env): Environment {
  return environmentSchema.parse(source);
}
