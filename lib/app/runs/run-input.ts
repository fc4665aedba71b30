/**
 * What a person enters to start a live check: the old servers
 * (empty = walk the delegation), the new operator's servers as
 * `name=address[:port]`, and operator options. Validated with zod; the
 * route handler answers 422 with these issues.
 */
import { z } from "zod";
import type { ExplicitServer } from "../../dns/run-snapshot";
import { parseRootHints } from "../../dns/root-hints";
import { parseServerSpec } from "../../dns/server-spec";
import { requestedScopeSchema as RequestedScopeSchema, type RequestedScope } from "../../net/private-scope";

/** An optional number field: an empty form input means "the default". */
const optionalNumber = <T extends z.ZodType>(schema: T) =>
  z.preprocess((v) => (v === "" || v === null ? undefined : v), schema.optional());

const serverList = (field: string) =>
  z
    .string()
    .max(10_000)
    .transform((text, ctx) => {
      const out: ExplicitServer[] = [];
      for (const line of text.split(/[\n,]+/)) {
        if (!line.trim()) continue;
        const r = parseServerSpec(line);
        if (r.ok) out.push(r.server);
        else ctx.addIssue({ code: "custom", message: r.message, path: [] });
      }
      if (out.length > 32) ctx.addIssue({ code: "custom", message: `at most 32 ${field}`, path: [] });
      return out;
    });

export const StartRunInputSchema = z
  .strictObject({
    oldServers: serverList("old servers").default([]),
    newServers: serverList("new servers").default([]),
    /** Narrows the operator's CUTOVER_ALLOW_PRIVATE (lib/net/private-scope.ts): true = its scope; startRun refuses more. */
    allowPrivate: RequestedScopeSchema.default(false),
    port: z.coerce.number().int().min(1).max(65535).default(53),
    /** Root hints text for lab use; empty = the built-in IANA hints. */
    rootHints: z
      .string()
      .max(64_000)
      .default("")
      .superRefine((t, ctx) => {
        if (!t.trim()) return;
        const h = parseRootHints(t);
        if (!h.ok) ctx.addIssue({ code: "custom", message: `root hints line ${h.line}: ${h.message}` });
      }),
    /** Sustained queries per second per server address (DESIGN §5 "Load"); a low value slows a run down. */
    ratePerServer: optionalNumber(z.coerce.number().min(0.5).max(10_000)),
    /** Seconds each snapshot may take; absent: derived from the plan (queries ÷ rate + margin). */
    deadlineSeconds: optionalNumber(z.coerce.number().min(1).max(86_400)),
    /** DNS queries the run may send in all; absent: CUTOVER_MAX_QUERIES_PER_RUN. */
    maxQueries: optionalNumber(z.coerce.number().int().min(1).max(10_000_000)),
    /** Probe HTTP(S) of the apex and www and the MTA-STS policy, as `cutover check --http` does. */
    http: z.boolean().default(false),
    /**
     * Operator setting: the registry's RDAP base URL (`cutover check --rdap URL`); empty = ask for
     * manual evidence. HTTPS only, unless private addresses are allowed (a lab's plain-HTTP server).
     */
    rdapBaseUrl: z.preprocess(
      (v) => (typeof v === "string" && v.trim() === "" ? undefined : v),
      z
        .url({ protocol: /^https?$/ })
        .max(2000)
        .optional(),
    ),
  })
  .superRefine((v, ctx) => {
    if (v.rdapBaseUrl?.startsWith("http:") && (v.allowPrivate === false || v.allowPrivate === "none"))
      ctx.addIssue({ code: "custom", path: ["rdapBaseUrl"], message: "the RDAP base URL must use https" });
  });

export type StartRunInput = z.output<typeof StartRunInputSchema>;

/** Options stored with the run (never secrets). */
export interface RunOptions {
  /** The scope granted at start (a boolean in runs stored before CUTOVER_ALLOW_PRIVATE). */
  allowPrivate: RequestedScope;
  port: number;
  rootHints: string;
  ratePerServer?: number;
  deadlineSeconds?: number;
  maxQueries?: number;
  /** Absent in runs stored before these options existed: off. */
  http?: boolean;
  rdapBaseUrl?: string;
}
