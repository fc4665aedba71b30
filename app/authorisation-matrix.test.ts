/**
 * Authorisation matrix: every route handler, found on the file
 * system, is called with no session, another organisation's session, a
 * maintainer invite for another transfer, a revoked invite, and the right
 * session; a route without an entry here fails the test. Pages and server
 * actions: every one is listed with its policy and must call the guard.
 */
import { readFileSync, readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";
import { afterAll, beforeAll, describe, expect, test } from "vitest";
import { createTestDb, type TestDb } from "@/lib/db/test-db";

const APP = join(process.cwd(), "app");

function walk(dir: string, name: string): string[] {
  return readdirSync(dir).flatMap((e) => {
    const p = join(dir, e);
    if (statSync(p).isDirectory()) return walk(p, name);
    return e === name ? [relative(APP, p)] : [];
  });
}

let tdb: TestDb;
const ctx = {} as {
  own: string; // cookie of staff A (owner organisation)
  other: string; // cookie of staff B (another organisation)
  transferA: string;
  transferB: string;
  runA: string;
  inviteA: string; // maintainer invite for transfer A
  inviteB: string; // maintainer invite for transfer B (wrong transfer when used on A)
  revokedA: string; // revoked invite for transfer A
  readTokenA: string; // organisation A's API tokens
  writeTokenA: string;
  revokedTokenA: string;
  writeTokenB: string; // organisation B's write token
  portfolioA: string; // a portfolio of organisation A
};

type Who =
  | "none"
  | "other-org"
  | "invite-other-transfer"
  | "revoked-invite"
  | "invite"
  | "own"
  | "revoked-token"
  | "read-token"
  | "write-token"
  | "other-org-token";

function headersFor(who: Who): Record<string, string> {
  switch (who) {
    case "none":
      return {};
    case "other-org":
      return { cookie: ctx.other };
    case "invite-other-transfer":
      return { "x-cutover-invite": ctx.inviteB };
    case "revoked-invite":
      return { "x-cutover-invite": ctx.revokedA };
    case "invite":
      return { "x-cutover-invite": ctx.inviteA };
    case "own":
      return { cookie: ctx.own };
    case "revoked-token":
      return { authorization: `Bearer ${ctx.revokedTokenA}` };
    case "read-token":
      return { authorization: `Bearer ${ctx.readTokenA}` };
    case "write-token":
      return { authorization: `Bearer ${ctx.writeTokenA}` };
    case "other-org-token":
      return { authorization: `Bearer ${ctx.writeTokenB}` };
  }
}

interface Entry {
  method: "GET" | "POST" | "PUT";
  /** null: a public route (no session needed by design); the reason says why. */
  expect: Partial<Record<Who, number>> | null;
  reason?: string;
  call?: (who: Who, extra?: Record<string, string>) => Promise<Response>;
}

const ORIGIN = "http://cutover.test";

async function invoke(
  file: string,
  method: string,
  url: string,
  params: Record<string, string>,
  who: Who,
  body?: BodyInit,
  extra: Record<string, string> = {},
): Promise<Response> {
  const mod = (await import(/* @vite-ignore */ join(APP, file))) as Record<
    string,
    (r: Request, c: { params: Promise<Record<string, string>> }) => Promise<Response>
  >;
  const h: Record<string, string> = {
    host: "cutover.test",
    ...(method !== "GET" ? { origin: ORIGIN } : {}),
    ...headersFor(who),
    ...extra,
  };
  const req = new Request(`${ORIGIN}${url}`, { method, headers: h, body });
  return mod[method](req, { params: Promise.resolve(params) });
}

const DENIED = { none: 401, "other-org": 404, "invite-other-transfer": 404, "revoked-invite": 401 } as const;
/** Staff-only routes also refuse the right transfer's maintainer invite. */
const STAFF_ONLY = { ...DENIED, invite: 403 } as const;
/** Portfolio routes: staff of the owning organisation; an invite (for any transfer) is not staff. */
const PORTFOLIO_STAFF = {
  none: 401,
  "other-org": 404,
  "invite-other-transfer": 403,
  "revoked-invite": 401,
  invite: 403,
} as const;

function dropForm(assignments?: unknown): FormData {
  const f = new FormData();
  f.append(
    "files",
    new File(["$ORIGIN elsewhere.test.\n@ 3600 IN SOA ns1 h 1 7200 3600 1209600 300\n"], "elsewhere.zone"),
  );
  if (assignments) f.append("assignments", JSON.stringify(assignments));
  return f;
}

function uploadForm(): FormData {
  const f = new FormData();
  f.append(
    "files",
    new File(
      [
        "$ORIGIN project.test.\n@ 3600 IN SOA ns1 h 1 7200 3600 1209600 300\n@ 3600 IN NS ns1\nns1 3600 IN A 192.0.2.1\n",
      ],
      "a.zone",
    ),
  );
  f.append("manifest", JSON.stringify([{ label: "export", format: "bind", partOf: null }]));
  return f;
}

/**
 * The HTTP API (app/api/v1) takes organisation API tokens only: no token, a revoked one and a session cookie
 * are 401; a read token on a write operation 403; another organisation's token 404 on this organisation's
 * transfers. Keys are `file#METHOD` (a file may export several methods; every exported one needs an entry).
 */
const API_DENIED = { none: 401, own: 401, "revoked-token": 401, "other-org-token": 404 } as const;
const API_READ = (ok: number) => ({ ...API_DENIED, "read-token": ok, "write-token": ok });
const API_WRITE = (ok: number) => ({ ...API_DENIED, "read-token": 403, "write-token": ok });
const JSON_TYPE = { "content-type": "application/json" };

function v1(
  file: string,
  method: Entry["method"],
  expect: Entry["expect"],
  url: () => string,
  params: () => Record<string, string>,
  body?: () => BodyInit,
  extra?: Record<string, string>,
): [string, Entry] {
  return [
    `api/v1/${file}#${method}`,
    { method, expect, call: (who) => invoke(`api/v1/${file}`, method, url(), params(), who, body?.(), extra) },
  ];
}

const API_ROUTES: Record<string, Entry> = Object.fromEntries([
  // Listing is not transfer-scoped: another organisation's token gets its own (empty of A's) list; checked below.
  v1(
    "transfers/route.ts",
    "GET",
    { none: 401, own: 401, "revoked-token": 401, "read-token": 200, "write-token": 200 },
    () => "/api/v1/transfers",
    () => ({}),
  ),
  // 422: access granted, the (deliberately incomplete) body judged after; nothing is created.
  v1(
    "transfers/route.ts",
    "POST",
    { none: 401, own: 401, "revoked-token": 401, "read-token": 403, "write-token": 422 },
    () => "/api/v1/transfers",
    () => ({}),
    () => JSON.stringify({ domain: "new.test" }),
    JSON_TYPE,
  ),
  v1(
    "transfers/[id]/route.ts",
    "GET",
    API_READ(200),
    () => `/api/v1/transfers/${ctx.transferA}`,
    () => ({ id: ctx.transferA }),
  ),
  v1(
    "transfers/[id]/sources/route.ts",
    "POST",
    API_WRITE(201),
    () => `/api/v1/transfers/${ctx.transferA}/sources`,
    () => ({ id: ctx.transferA }),
    uploadForm,
  ),
  v1(
    "transfers/[id]/runs/route.ts",
    "POST",
    API_WRITE(422),
    () => `/api/v1/transfers/${ctx.transferA}/runs`,
    () => ({ id: ctx.transferA }),
    () => JSON.stringify({ oldServers: "not a server line" }),
    JSON_TYPE,
  ),
  v1(
    "transfers/[id]/runs/[runId]/route.ts",
    "GET",
    API_READ(200),
    () => `/api/v1/transfers/${ctx.transferA}/runs/${ctx.runA}`,
    () => ({ id: ctx.transferA, runId: ctx.runA }),
  ),
  // 409: the seeded run is done — access was granted.
  v1(
    "transfers/[id]/runs/[runId]/cancel/route.ts",
    "POST",
    API_WRITE(409),
    () => `/api/v1/transfers/${ctx.transferA}/runs/${ctx.runA}/cancel`,
    () => ({ id: ctx.transferA, runId: ctx.runA }),
  ),
  v1(
    "transfers/[id]/runs/[runId]/findings/route.ts",
    "GET",
    API_READ(200),
    () => `/api/v1/transfers/${ctx.transferA}/runs/${ctx.runA}/findings`,
    () => ({ id: ctx.transferA, runId: ctx.runA }),
  ),
  v1(
    "transfers/[id]/runs/[runId]/findings/route.ts",
    "POST",
    API_WRITE(200),
    () => `/api/v1/transfers/${ctx.transferA}/runs/${ctx.runA}/findings`,
    () => ({ id: ctx.transferA, runId: ctx.runA }),
    () => JSON.stringify({ action: "acknowledge", key: "SVC-DMARC@_dmarc.project.test.", reason: "known" }),
    JSON_TYPE,
  ),
  v1(
    "transfers/[id]/schedule/route.ts",
    "GET",
    API_READ(200),
    () => `/api/v1/transfers/${ctx.transferA}/schedule`,
    () => ({ id: ctx.transferA }),
  ),
  v1(
    "transfers/[id]/schedule/route.ts",
    "PUT",
    API_WRITE(422),
    () => `/api/v1/transfers/${ctx.transferA}/schedule`,
    () => ({ id: ctx.transferA }),
    () => JSON.stringify({ start: "tomorrow" }),
    JSON_TYPE,
  ),
  v1(
    "transfers/[id]/checklist/revisions/route.ts",
    "GET",
    API_READ(200),
    () => `/api/v1/transfers/${ctx.transferA}/checklist/revisions`,
    () => ({ id: ctx.transferA }),
  ),
  [
    "api/v1/transfers/[id]/checklist/revisions/route.ts#POST",
    <Entry>{
      method: "POST",
      // 200: signed twice in a row, the second finds nothing changed and answers the current revision.
      expect: API_WRITE(200),
      call: async (who: Who) => {
        const post = () =>
          invoke(
            "api/v1/transfers/[id]/checklist/revisions/route.ts",
            "POST",
            `/api/v1/transfers/${ctx.transferA}/checklist/revisions`,
            { id: ctx.transferA },
            who,
          );
        const first = await post();
        if (first.status !== 200 && first.status !== 201) return first;
        const again = await post();
        expect((await again.clone().json()).number).toBe((await first.json()).number);
        return again;
      },
    },
  ],
  v1(
    "transfers/[id]/checklist/revisions/[number]/bundle/route.ts",
    "GET",
    API_READ(200),
    () => `/api/v1/transfers/${ctx.transferA}/checklist/revisions/1/bundle`,
    () => ({ id: ctx.transferA, number: "1" }),
  ),
]);

const ROUTES: Record<string, Entry> = {
  ...API_ROUTES,
  "api/openapi.json/route.ts": {
    method: "GET",
    expect: null,
    reason: "the API's description is public; it holds no data",
  },
  ".well-known/cutover-signing-key/route.ts": {
    method: "GET",
    expect: null,
    reason: "the public key is public by design (DESIGN §8)",
  },
  "api/auth/[...all]/route.ts": {
    method: "POST",
    expect: null,
    reason: "better-auth's own sign-in/out/OIDC endpoints; they authenticate",
  },
  "api/transfers/[id]/checklist/bundle/route.ts": {
    method: "GET",
    expect: { ...STAFF_ONLY, own: 200 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/checklist/bundle/route.ts",
        "GET",
        `/api/transfers/${ctx.transferA}/checklist/bundle`,
        { id: ctx.transferA },
        who,
      ),
  },
  "api/transfers/[id]/checklist/findings.csv/route.ts": {
    method: "GET",
    expect: { ...STAFF_ONLY, own: 200 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/checklist/findings.csv/route.ts",
        "GET",
        `/api/transfers/${ctx.transferA}/checklist/findings.csv`,
        { id: ctx.transferA },
        who,
      ),
  },
  "api/transfers/[id]/records/route.ts": {
    method: "GET",
    expect: { ...STAFF_ONLY, own: 200 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/records/route.ts",
        "GET",
        `/api/transfers/${ctx.transferA}/records`,
        { id: ctx.transferA },
        who,
      ),
  },
  "api/transfers/[id]/runs/[runId]/cancel/route.ts": {
    method: "POST",
    // 409: the seeded run is done, so there is nothing to cancel — but access was granted.
    expect: { ...STAFF_ONLY, own: 409 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/runs/[runId]/cancel/route.ts",
        "POST",
        `/api/transfers/${ctx.transferA}/runs/${ctx.runA}/cancel`,
        { id: ctx.transferA, runId: ctx.runA },
        who,
      ),
  },
  "api/transfers/[id]/runs/[runId]/events/route.ts": {
    method: "GET",
    expect: { ...STAFF_ONLY, own: 200 },
    call: async (who) => {
      const res = await invoke(
        "api/transfers/[id]/runs/[runId]/events/route.ts",
        "GET",
        `/api/transfers/${ctx.transferA}/runs/${ctx.runA}/events`,
        { id: ctx.transferA, runId: ctx.runA },
        who,
      );
      // The seeded run is done: the stream sends its state once and ends.
      if (res.status === 200) expect(await res.text()).toContain('"status":"done"');
      return res;
    },
  },
  "api/transfers/[id]/runs/[runId]/diff/route.ts": {
    method: "GET",
    expect: { ...STAFF_ONLY, own: 200 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/runs/[runId]/diff/route.ts",
        "GET",
        `/api/transfers/${ctx.transferA}/runs/${ctx.runA}/diff?offset=0&limit=10`,
        { id: ctx.transferA, runId: ctx.runA },
        who,
      ),
  },
  "api/transfers/[id]/runs/[runId]/findings/route.ts": {
    method: "POST",
    expect: { ...STAFF_ONLY, own: 200 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/runs/[runId]/findings/route.ts",
        "POST",
        `/api/transfers/${ctx.transferA}/runs/${ctx.runA}/findings`,
        { id: ctx.transferA, runId: ctx.runA },
        who,
        JSON.stringify({ action: "acknowledge", key: "SVC-DMARC@_dmarc.project.test.", reason: "known" }),
        { "content-type": "application/json" },
      ),
  },
  "api/transfers/[id]/runs/discover/route.ts": {
    method: "POST",
    // 422 with the right session: the (deliberately invalid) input is judged only after access is granted; no query leaves the test.
    expect: { ...STAFF_ONLY, own: 422 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/runs/discover/route.ts",
        "POST",
        `/api/transfers/${ctx.transferA}/runs/discover`,
        { id: ctx.transferA },
        who,
        JSON.stringify({ zone: "" }),
        { "content-type": "application/json" },
      ),
  },
  "api/transfers/[id]/runs/route.ts": {
    method: "POST",
    expect: { ...STAFF_ONLY, own: 422 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/runs/route.ts",
        "POST",
        `/api/transfers/${ctx.transferA}/runs`,
        { id: ctx.transferA },
        who,
        JSON.stringify({ oldServers: "not a server line" }),
        { "content-type": "application/json" },
      ),
  },
  "api/transfers/[id]/sources/route.ts": {
    method: "POST",
    // The one route a maintainer invite opens (upload).
    expect: { ...DENIED, invite: 201, own: 201 },
    call: (who) =>
      invoke(
        "api/transfers/[id]/sources/route.ts",
        "POST",
        `/api/transfers/${ctx.transferA}/sources`,
        { id: ctx.transferA },
        who,
        uploadForm(),
      ),
  },
  "api/portfolios/[id]/match/route.ts": {
    method: "POST",
    expect: { ...PORTFOLIO_STAFF, own: 200 },
    call: (who) =>
      invoke(
        "api/portfolios/[id]/match/route.ts",
        "POST",
        `/api/portfolios/${ctx.portfolioA}/match`,
        { id: ctx.portfolioA },
        who,
        dropForm(),
      ),
  },
  "api/portfolios/[id]/sources/route.ts": {
    method: "POST",
    // 200 with the one file listed as not imported (no member chosen): access was granted, nothing stored.
    expect: { ...PORTFOLIO_STAFF, own: 200 },
    call: (who) =>
      invoke(
        "api/portfolios/[id]/sources/route.ts",
        "POST",
        `/api/portfolios/${ctx.portfolioA}/sources`,
        { id: ctx.portfolioA },
        who,
        dropForm([{ transferId: null, label: "x" }]),
      ),
  },
  "api/portfolios/[id]/runs/route.ts": {
    method: "POST",
    // 422 with the right session: the (deliberately invalid) port is judged only after access is granted; nothing is queued.
    expect: { ...PORTFOLIO_STAFF, own: 422 },
    call: (who) =>
      invoke(
        "api/portfolios/[id]/runs/route.ts",
        "POST",
        `/api/portfolios/${ctx.portfolioA}/runs`,
        { id: ctx.portfolioA },
        who,
        JSON.stringify({ port: "not a port" }),
        { "content-type": "application/json" },
      ),
  },
  "portfolios/[id]/summary.csv/route.ts": {
    method: "GET",
    expect: { ...PORTFOLIO_STAFF, own: 200 },
    call: (who) =>
      invoke(
        "portfolios/[id]/summary.csv/route.ts",
        "GET",
        `/portfolios/${ctx.portfolioA}/summary.csv`,
        { id: ctx.portfolioA },
        who,
      ),
  },
  "portfolios/[id]/summary.json/route.ts": {
    method: "GET",
    expect: { ...PORTFOLIO_STAFF, own: 200 },
    call: (who) =>
      invoke(
        "portfolios/[id]/summary.json/route.ts",
        "GET",
        `/portfolios/${ctx.portfolioA}/summary.json`,
        { id: ctx.portfolioA },
        who,
      ),
  },
  "transfers/[id]/schedule/calendar.ics/route.ts": {
    method: "GET",
    // 409: no window scheduled yet — access was granted.
    expect: { ...STAFF_ONLY, own: 409 },
    call: (who) =>
      invoke(
        "transfers/[id]/schedule/calendar.ics/route.ts",
        "GET",
        `/transfers/${ctx.transferA}/schedule/calendar.ics`,
        { id: ctx.transferA },
        who,
      ),
  },
};

/** Pages: "staff" pages must call pageStaff() (sign-in redirect) and reach lib/app only through use cases that take the actor; the others say why they are open. */
const PAGES: Record<string, "staff" | string> = {
  "page.tsx": "staff",
  "transfers/new/page.tsx": "staff",
  "transfers/[id]/page.tsx": "staff",
  "transfers/[id]/records/page.tsx": "staff",
  "transfers/[id]/sources/[sourceId]/page.tsx": "staff",
  "transfers/[id]/checks/page.tsx": "staff",
  "transfers/[id]/checks/[runId]/page.tsx": "staff",
  "transfers/[id]/schedule/page.tsx": "staff",
  "transfers/[id]/checklist/page.tsx": "staff",
  "transfers/[id]/checklist/print/page.tsx": "staff",
  "portfolios/page.tsx": "staff",
  "portfolios/new/page.tsx": "staff",
  "portfolios/[id]/page.tsx": "staff",
  "(auth)/sign-in/page.tsx": "public: the sign-in form",
  "glossary/page.tsx": "public: the glossary of checks (the catalogue's ids, no transfer data)",
  "(auth)/setup/page.tsx": "public only while no account exists (firstRunSetup refuses afterwards)",
  "(public)/sign/[token]/page.tsx":
    "capability: the sign-off token, checked in lib/app/links/signoff-by-link (getSignoffView)",
  "(public)/invite/[token]/page.tsx":
    "capability: the maintainer invite token, checked in lib/app/invites/get-invite-page (getInvitePage); one transfer, upload and the owner's questions only",
  "settings/api-tokens/page.tsx": "staff",
  "settings/webhooks/page.tsx": "staff",
};

/** Server actions: staff actions take their actor from actionActor() and call use cases that take it (lib/app/<concept>/<verb>.ts); the others say why. */
const ACTIONS: Record<string, "staff" | string> = {
  "actions.ts": "staff",
  "transfers/new/actions.ts": "staff",
  "transfers/[id]/checklist/actions.ts": "staff",
  "transfers/[id]/schedule/actions.ts": "staff",
  "(auth)/actions.ts": "public: sign-in, sign-out, first-run setup (refused once an account exists)",
  "(public)/sign/[token]/actions.ts":
    "capability: the sign-off token in the POST body, checked in lib/app/links/signoff-by-link (submitLinkSignoff)",
  "(public)/invite/[token]/actions.ts":
    "capability: the invite token in the POST body, checked in lib/app/invites/get-invite-page (inviteActor) before lib/app/parties/answer-owner-questions",
  "transfers/[id]/actions.ts": "staff",
  "settings/api-tokens/actions.ts": "staff",
  "settings/webhooks/actions.ts": "staff",
  "portfolios/new/actions.ts": "staff",
  "portfolios/[id]/actions.ts": "staff",
};

/** Async functions value-imported from lib/app whose first parameter is not `actor`. */
function unguardedImports(src: string): string[] {
  const bad: string[] = [];
  for (const m of src.matchAll(/^import \{([^}]*)\} from "@\/lib\/app\/([^"]+)";$/gm)) {
    const lib = readFileSync(join(process.cwd(), "lib/app", `${m[2]}.ts`), "utf8");
    for (const raw of m[1]!.split(",")) {
      const name = raw.trim();
      if (!name || name.startsWith("type ")) continue;
      const fn = new RegExp(`export async function ${name}\\(\\s*(\\w+)`).exec(lib);
      if (fn && fn[1] !== "actor") bad.push(`${m[2]}: ${name}(${fn[1]}, …)`);
    }
  }
  return bad;
}

beforeAll(async () => {
  tdb = await createTestDb();
  process.env.DATABASE_URL = tdb.url;
  process.env.CUTOVER_AUTH_SECRET = "matrix-test-secret-0123456789abcdef0123456789";
  process.env.CUTOVER_BASE_URL = ORIGIN;
  const { getDb } = await import("@/lib/db/client");
  const db = getDb();
  const { createStaffUser } = await import("@/lib/app/accounts/staff-users");
  const { getAuth } = await import("@/lib/auth/server");
  const { seedTransfer, seedRun } = await import("@/lib/app/testing/seed");
  const { createChecklistRevision } = await import("@/lib/app/checklist/create-checklist-revision");
  const { issueInvite } = await import("@/lib/app/invites/issue-invite");
  const { revokeInvite } = await import("@/lib/app/invites/revoke-invite");
  const a = await createStaffUser(
    { email: "ann@registrar-a.test", password: "correct horse battery A", organisation: "Registrar A" },
    { db },
  );
  const b = await createStaffUser(
    { email: "bob@registrar-b.test", password: "correct horse battery B", organisation: "Registrar B" },
    { db },
  );
  expect(a.organisationId).toBe("default-org"); // the first account takes over the default organisation
  expect(b.organisationId).not.toBe(a.organisationId);
  const cookie = async (email: string, password: string) => {
    const r = await getAuth().api.signInEmail({ body: { email, password }, asResponse: true });
    return r.headers.get("set-cookie")!.split(";")[0]!;
  };
  ctx.own = await cookie(a.email, "correct horse battery A");
  ctx.other = await cookie(b.email, "correct horse battery B");
  ctx.transferA = await seedTransfer({ domain: "project.test", db }); // default-org = organisation A
  ctx.transferB = (
    await db.transfer.create({
      data: {
        domainAscii: "other.test",
        domainUnicode: "other.test",
        losingRegistrar: "x",
        gainingRegistrar: "y",
        currentDnsOperator: "x",
        futureDnsOperator: "y",
        dnsHostingMoves: false,
        organisationId: b.organisationId,
      },
    })
  ).id;
  ctx.runA = await seedRun({ transferId: ctx.transferA, withBlocker: true, at: new Date(), db });
  const staffA = {
    kind: "staff" as const,
    userId: a.id,
    name: a.name,
    email: a.email,
    organisationId: a.organisationId,
  };
  const staffB = { ...staffA, userId: b.id, organisationId: b.organisationId };
  expect((await createChecklistRevision(staffA, { transferId: ctx.transferA }, { db })).revision.revisionNumber).toBe(
    1,
  );
  ctx.inviteA = (await issueInvite(staffA, { transferId: ctx.transferA, label: "owner" }, { db })).token;
  ctx.inviteB = (await issueInvite(staffB, { transferId: ctx.transferB, label: "owner" }, { db })).token;
  const revoked = await issueInvite(staffA, { transferId: ctx.transferA, label: "old" }, { db });
  await revokeInvite(staffA, { transferId: ctx.transferA, inviteId: revoked.inviteId }, { db });
  ctx.revokedA = revoked.token;
  const { createApiToken } = await import("@/lib/app/api-tokens/create");
  const { revokeApiToken } = await import("@/lib/app/api-tokens/revoke");
  ctx.readTokenA = (await createApiToken(staffA, { name: "dashboard", scope: "read" }, { db })).token;
  ctx.writeTokenA = (await createApiToken(staffA, { name: "ci", scope: "write" }, { db })).token;
  const revokedToken = await createApiToken(staffA, { name: "old ci", scope: "write" }, { db });
  await revokeApiToken(staffA, { tokenId: revokedToken.apiToken.id }, { db });
  ctx.revokedTokenA = revokedToken.token;
  ctx.writeTokenB = (await createApiToken(staffB, { name: "b", scope: "write" }, { db })).token;
  // A portfolio without members: its routes are judged on access alone, and A's transfer list stays as it is.
  ctx.portfolioA = (
    await db.portfolio.create({
      data: { organisationId: a.organisationId, name: "Matrix", createKey: "matrix-portfolio-key-0001" },
    })
  ).id;
}, 60_000);

afterAll(async () => {
  const { getDb } = await import("@/lib/db/client");
  await getDb().$disconnect();
  await tdb.dispose();
});

describe("authorisation matrix", () => {
  test("every route handler on disk has a matrix entry, and every entry a route", async () => {
    const found = walk(APP, "route.ts").sort();
    expect(found).toEqual([...new Set(Object.keys(ROUTES).map((k) => k.split("#")[0]!))].sort());
    // API routes: every method a file exports has its own entry.
    for (const file of found.filter((f) => f.startsWith("api/v1/"))) {
      const mod = (await import(/* @vite-ignore */ join(APP, file))) as Record<string, unknown>;
      const methods = ["GET", "POST", "PUT", "PATCH", "DELETE"].filter((m) => typeof mod[m] === "function");
      expect(
        methods.map((m) => `${file}#${m}`).filter((k) => !ROUTES[k]),
        file,
      ).toEqual([]);
    }
  }, 60_000);

  test("every page and server-action file has a policy; staff ones call the guard and only use cases that check access themselves", () => {
    expect(walk(APP, "page.tsx").sort()).toEqual(Object.keys(PAGES).sort());
    expect(walk(APP, "actions.ts").sort()).toEqual(Object.keys(ACTIONS).sort());
    for (const [file, policy] of [...Object.entries(PAGES), ...Object.entries(ACTIONS)]) {
      const src = readFileSync(join(APP, file), "utf8");
      if (policy === "staff") {
        expect(src, file).toMatch(file.endsWith("actions.ts") ? /actionActor\(\)/ : /pageStaff\(\)/);
        // Every async function a staff file imports from lib/app is a use case: it takes the actor first and checks
        // access itself (lib/app/use-case.ts), so no page or action can reach stored data around the guard.
        // Types, schemas and pure helpers carry no access; only value imports of async functions are judged.
        expect(unguardedImports(src), file).toEqual([]);
        if (file.endsWith("actions.ts")) expect(src, file).toMatch(/@\/lib\/app\/[a-z-]+\//);
      }
    }
  });

  const cases: [string, Who][] = [];
  for (const [file, e] of Object.entries(ROUTES))
    if (e.expect) for (const who of Object.keys(e.expect) as Who[]) cases.push([file, who]);

  test.each(cases)("%s as %s", async (file, who) => {
    const e = ROUTES[file]!;
    const res = await e.call!(who);
    expect(res.status).toBe(e.expect![who]);
  });

  test("API: another organisation's token lists only its own transfers; refusals are JSON { error: { code, message } } with a Bearer challenge", async () => {
    const list = await invoke("api/v1/transfers/route.ts", "GET", "/api/v1/transfers", {}, "other-org-token");
    expect((await list.json()).transfers.map((t: { id: string }) => t.id)).toEqual([ctx.transferB]);
    const none = await invoke("api/v1/transfers/route.ts", "GET", "/api/v1/transfers", {}, "none");
    expect(await none.json()).toEqual({ error: { code: "UNAUTHENTICATED", message: expect.any(String) } });
    expect(none.headers.get("www-authenticate")).toMatch(/^Bearer /);
    const read = await invoke(
      "api/v1/transfers/[id]/runs/route.ts",
      "POST",
      `/api/v1/transfers/${ctx.transferA}/runs`,
      { id: ctx.transferA },
      "read-token",
      "{}",
      { "content-type": "application/json" },
    );
    expect((await read.json()).error.code).toBe("FORBIDDEN");
    expect(read.headers.get("www-authenticate")).toContain('error="insufficient_scope"');
    const bad = await invoke(
      "api/v1/transfers/route.ts",
      "POST",
      "/api/v1/transfers",
      {},
      "write-token",
      JSON.stringify({ domain: "new.test" }),
      { "content-type": "application/json" },
    );
    const body = await bad.json();
    expect(body.error.code).toBe("INVALID");
    expect(body.error.issues.map((i: { path: string }) => i.path)).toContain("dnsHostingMoves");
    // A malformed or unknown token is the same 401 as none.
    for (const authorization of [
      "Bearer cutover_x",
      "Bearer " + ctx.writeTokenA.slice(0, -2) + (ctx.writeTokenA.endsWith("AA") ? "BA" : "AA"),
      "Basic abc",
    ]) {
      const r = await invoke("api/v1/transfers/route.ts", "GET", "/api/v1/transfers", {}, "none", undefined, {
        authorization,
      });
      expect(r.status, authorization).toBe(401);
    }
  });

  test("API: a decision made with a write token is bound to the token's creator, named with the token; the audit log names the token", async () => {
    const { getDb } = await import("@/lib/db/client");
    const { listAuditEntries } = await import("@/lib/db/audit-entries");
    const res = await invoke(
      "api/v1/transfers/[id]/runs/[runId]/findings/route.ts",
      "POST",
      `/api/v1/transfers/${ctx.transferA}/runs/${ctx.runA}/findings`,
      { id: ctx.transferA, runId: ctx.runA },
      "write-token",
      JSON.stringify({ action: "revoke", key: "SVC-DMARC@_dmarc.project.test." }),
      { "content-type": "application/json" },
    );
    expect(res.status).toBe(200);
    const again = await invoke(
      "api/v1/transfers/[id]/runs/[runId]/findings/route.ts",
      "POST",
      `/api/v1/transfers/${ctx.transferA}/runs/${ctx.runA}/findings`,
      { id: ctx.transferA, runId: ctx.runA },
      "write-token",
      JSON.stringify({ action: "acknowledge", key: "SVC-DMARC@_dmarc.project.test.", reason: "known through the API" }),
      { "content-type": "application/json" },
    );
    expect(again.status).toBe(200);
    const state = await getDb().findingState.findUnique({
      where: { transferId_key: { transferId: ctx.transferA, key: "SVC-DMARC@_dmarc.project.test." } },
    });
    expect(state).toMatchObject({
      status: "acknowledged",
      byEmail: "ann@registrar-a.test",
      by: expect.stringContaining("API token “ci”"),
      reason: "known through the API",
    });
    const entries = await listAuditEntries(ctx.transferA, getDb());
    expect(entries.at(-1)!.event).toMatchObject({
      type: "finding.acknowledged",
      actor: { kind: "api-token", tokenName: "ci", email: "ann@registrar-a.test" },
    });
    const findings = await invoke(
      "api/v1/transfers/[id]/runs/[runId]/findings/route.ts",
      "GET",
      `/api/v1/transfers/${ctx.transferA}/runs/${ctx.runA}/findings`,
      { id: ctx.transferA, runId: ctx.runA },
      "read-token",
    );
    const f = (await findings.json()).findings.find((x: { key: string }) => x.key === "SVC-DMARC@_dmarc.project.test.");
    expect(f.state).toMatchObject({ status: "acknowledged", reason: "known through the API" });
  });

  test("a state-changing request from another site is refused before anything runs (CSRF)", async () => {
    const res = await invoke(
      "api/transfers/[id]/sources/route.ts",
      "POST",
      `/api/transfers/${ctx.transferA}/sources`,
      { id: ctx.transferA },
      "own",
      uploadForm(),
      { origin: "https://evil.test" },
    );
    expect(res.status).toBe(403);
    expect((await res.json()).error).toBe("CROSS_SITE");
  });

  test("an upload is authorised before its body is read: the wrong transfer's invite or organisation gets 404, not a form error", async () => {
    const notMultipart = { "content-type": "text/plain" };
    for (const who of ["invite-other-transfer", "other-org"] as const) {
      const res = await invoke(
        "api/transfers/[id]/sources/route.ts",
        "POST",
        `/api/transfers/${ctx.transferA}/sources`,
        { id: ctx.transferA },
        who,
        "not a form",
        notMultipart,
      );
      expect(res.status, who).toBe(404);
    }
    const own = await invoke(
      "api/transfers/[id]/sources/route.ts",
      "POST",
      `/api/transfers/${ctx.transferA}/sources`,
      { id: ctx.transferA },
      "own",
      "not a form",
      notMultipart,
    );
    expect(own.status).toBe(400);
  });

  test("a run id of another transfer is refused on every run route, even by the other transfer's own staff", async () => {
    const { getDb } = await import("@/lib/db/client");
    const { seedRun } = await import("@/lib/app/testing/seed");
    // org B's run on transfer B, asked for through transfer A's URL by A's staff.
    const runB = await seedRun({ transferId: ctx.transferB, withBlocker: true, at: new Date(), db: getDb() });
    const params = { id: ctx.transferA, runId: runB };
    const cancel = await invoke(
      "api/transfers/[id]/runs/[runId]/cancel/route.ts",
      "POST",
      `/api/transfers/${ctx.transferA}/runs/${runB}/cancel`,
      params,
      "own",
    );
    expect(cancel.status).toBe(409);
    const events = await invoke(
      "api/transfers/[id]/runs/[runId]/events/route.ts",
      "GET",
      `/api/transfers/${ctx.transferA}/runs/${runB}/events`,
      params,
      "own",
    );
    expect(events.status).toBe(404);
    const findings = await invoke(
      "api/transfers/[id]/runs/[runId]/findings/route.ts",
      "POST",
      `/api/transfers/${ctx.transferA}/runs/${runB}/findings`,
      params,
      "own",
      JSON.stringify({ action: "acknowledge", key: "SVC-DMARC@_dmarc.project.test.", reason: "known" }),
      { "content-type": "application/json" },
    );
    expect(findings.status).toBe(404);
  });

  test("the invite page's lib entry: its own transfer only; revoked, expired, wrong and malformed tokens are the same NOT_FOUND; rate-limited", async () => {
    const { getInvitePage } = await import("@/lib/app/invites/get-invite-page");
    const { issueInvite } = await import("@/lib/app/invites/issue-invite");
    const { resolveInvite } = await import("@/lib/app/invites/invite-token");
    const { createMemoryRateLimiter } = await import("@/lib/security/rate-limits");
    const { staffFromHeaders } = await import("@/lib/app/accounts/request-actor");
    const page = await getInvitePage({ token: ctx.inviteA, ip: "matrix-invite" });
    expect(page.transfer.id).toBe(ctx.transferA);
    expect(page.actor).toMatchObject({ kind: "maintainer", transferId: ctx.transferA, label: "owner" });
    const staffA = await staffFromHeaders(new Headers({ cookie: ctx.own }));
    const expired = await issueInvite(
      staffA,
      { transferId: ctx.transferA, label: "short" },
      { now: new Date(Date.now() - 7_200_000), ttlSeconds: 3600 },
    );
    for (const token of [
      ctx.revokedA,
      expired.token,
      ctx.inviteA.slice(0, -2) + (ctx.inviteA.endsWith("AA") ? "BA" : "AA"),
      "not-a-token",
    ]) {
      await expect(getInvitePage({ token, ip: "matrix-invite" })).rejects.toMatchObject({
        code: "NOT_FOUND",
        message: "this link is not valid",
      });
    }
    const limiter = createMemoryRateLimiter({ limit: 2, windowSeconds: 60 });
    for (let i = 0; i < 2; i++)
      expect((await resolveInvite({ token: ctx.inviteA, ip: "rl" }, { limiter })).actor.transferId).toBe(ctx.transferA);
    await expect(resolveInvite({ token: ctx.inviteA, ip: "rl" }, { limiter })).rejects.toMatchObject({
      code: "RATE_LIMITED",
    });
  });

  test("an invite answers the owner's questions for its transfer only, and cannot do staff things", async () => {
    const { getInvitePage } = await import("@/lib/app/invites/get-invite-page");
    const { issueInvite } = await import("@/lib/app/invites/issue-invite");
    const { listInvites } = await import("@/lib/app/invites/list-invites");
    const { revokeInvite } = await import("@/lib/app/invites/revoke-invite");
    const { answerOwnerQuestions } = await import("@/lib/app/parties/answer-owner-questions");
    const { getRecordsTable } = await import("@/lib/app/sources/get-records-table");
    const { listTransferItems } = await import("@/lib/app/transfers/list");
    const { startRun } = await import("@/lib/app/runs/start-run");
    const { staffFromHeaders } = await import("@/lib/app/accounts/request-actor");
    const maintainer = (await getInvitePage({ token: ctx.inviteA, ip: "matrix-invite-2" })).actor;
    const answers = {
      dnsHostingMoves: "yes",
      organisation: "Owner",
      contacts: [{ name: "O", email: "o@owner.test" }],
      onCallConfirmed: false,
    };
    await expect(answerOwnerQuestions(maintainer, { transferId: ctx.transferB, input: answers })).rejects.toMatchObject(
      { code: "NOT_FOUND" },
    );
    await expect(answerOwnerQuestions(null, { transferId: ctx.transferA, input: answers })).rejects.toMatchObject({
      code: "UNAUTHENTICATED",
    });
    await expect(
      answerOwnerQuestions(maintainer, {
        transferId: ctx.transferA,
        input: { ...answers, dnsHostingMoves: undefined },
      }),
    ).rejects.toMatchObject({ code: "INVALID" });
    await answerOwnerQuestions(maintainer, { transferId: ctx.transferA, input: answers });
    await expect(getRecordsTable(maintainer, { transferId: ctx.transferA })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(startRun(maintainer, { transferId: ctx.transferA, input: {} })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(listTransferItems(maintainer)).rejects.toMatchObject({ code: "FORBIDDEN" });
    await expect(issueInvite(maintainer, { transferId: ctx.transferA, label: "x" })).rejects.toMatchObject({
      code: "FORBIDDEN",
    });
    await expect(listInvites(maintainer, { transferId: ctx.transferA })).rejects.toMatchObject({ code: "FORBIDDEN" });
    // Staff of another organisation can neither list, issue nor revoke invites of this transfer.
    const other = await staffFromHeaders(new Headers({ cookie: ctx.other }));
    const own = await staffFromHeaders(new Headers({ cookie: ctx.own }));
    await expect(listInvites(other, { transferId: ctx.transferA })).rejects.toMatchObject({ code: "NOT_FOUND" });
    await expect(issueInvite(other, { transferId: ctx.transferA, label: "x" })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    const first = (await listInvites(own, { transferId: ctx.transferA })).at(-1)!;
    await expect(revokeInvite(other, { transferId: ctx.transferA, inviteId: first.id })).rejects.toMatchObject({
      code: "NOT_FOUND",
    });
    expect((await listInvites(own, { transferId: ctx.transferA })).every((i) => !("tokenHash" in i))).toBe(true);
  });

  test("a revoked sign-off link is refused like a missing one", async () => {
    const { getDb } = await import("@/lib/db/client");
    const { issueLink, revokeLink } = await import("@/lib/app/links/links");
    const { getSignoffView } = await import("@/lib/app/links/signoff-by-link");
    const { staffFromHeaders } = await import("@/lib/app/accounts/request-actor");
    const own = await staffFromHeaders(new Headers({ cookie: ctx.own }));
    const link = await issueLink(own, { transferId: ctx.transferA, role: "domain-owner" }, { db: getDb() });
    expect((await getSignoffView({ token: link.token, ip: "matrix-1" })).role).toBe("domain-owner");
    await revokeLink(own, { transferId: ctx.transferA, linkId: link.linkId });
    await expect(getSignoffView({ token: link.token, ip: "matrix-1" })).rejects.toMatchObject({ code: "NOT_FOUND" });
  });

  test("staff of another organisation do not see the transfer in their list", async () => {
    const { listTransferItems } = await import("@/lib/app/transfers/list");
    const { staffFromHeaders } = await import("@/lib/app/accounts/request-actor");
    const a = await staffFromHeaders(new Headers({ cookie: ctx.own }));
    const b = await staffFromHeaders(new Headers({ cookie: ctx.other }));
    expect((await listTransferItems(a)).map((t) => t.id)).toEqual([ctx.transferA]);
    expect((await listTransferItems(b)).map((t) => t.id)).toEqual([ctx.transferB]);
    await expect(listTransferItems(null)).rejects.toMatchObject({ code: "UNAUTHENTICATED" });
  });
});
