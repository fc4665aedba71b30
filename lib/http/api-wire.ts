/**
 * The HTTP API's response shapes on the wire, as zod schemas: the server's mappers (lib/app/api/schemas.ts)
 * produce them, the OpenAPI document (lib/app/api/openapi.ts) is generated from them, and the remote CLI
 * (lib/cli/api-client.ts) checks the answers it reads against them, so none of the three can drift apart.
 * Framework-free: no lib/db, lib/app, Next.js or React, so the CLI can load it without the server.
 */
import { z } from "zod";

const instant = z.iso.datetime().describe("UTC instant (RFC 3339)");

export const ApiErrorSchema = z
  .object({
    error: z.object({
      code: z.enum([
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "NOT_FOUND",
        "CROSS_SITE",
        "CONFLICT",
        "TOO_LARGE",
        "INVALID",
        "RATE_LIMITED",
      ]),
      message: z.string(),
      issues: z.array(z.object({ path: z.string(), message: z.string() })).optional(),
      retryAfterSeconds: z.number().int().optional(),
    }),
  })
  .meta({ id: "Error" });

export const TransferSchema = z
  .object({
    id: z.string(),
    domain: z.string().describe("A-label form, no trailing dot"),
    domainUnicode: z.string(),
    losingRegistrar: z.string(),
    gainingRegistrar: z.string(),
    currentDnsOperator: z.string(),
    futureDnsOperator: z.string(),
    dnsHostingMoves: z.boolean(),
    createdAt: instant,
  })
  .meta({ id: "Transfer" });
export type ApiTransfer = z.infer<typeof TransferSchema>;

export const SourceSchema = z
  .object({
    id: z.string(),
    label: z.string(),
    format: z.string(),
    ok: z.boolean(),
    recordCount: z.number().int(),
    providerCount: z.number().int(),
    diagnosticCount: z.number().int(),
    createdAt: instant,
    files: z.array(z.object({ name: z.string(), sha256: z.string(), bytes: z.number().int() })),
  })
  .meta({ id: "Source" });
export type ApiSource = z.infer<typeof SourceSchema>;

export const TransferDetailSchema = TransferSchema.extend({ sources: z.array(SourceSchema) }).meta({
  id: "TransferDetail",
});
export const TransferListSchema = z.object({ transfers: z.array(TransferSchema) });

export const UploadResultSchema = z.object({
  sources: z.array(
    z.union([
      z.object({
        ok: z.literal(true),
        label: z.string(),
        id: z.string(),
        format: z.string(),
        importOk: z.boolean(),
        recordCount: z.number().int(),
        providerCount: z.number().int(),
        diagnosticCount: z.number().int(),
      }),
      z.object({ ok: z.literal(false), label: z.string(), files: z.array(z.string()), error: z.string() }),
    ]),
  ),
});

export const RunStartedSchema = z.object({ runId: z.string() });

export const RunProgressSchema = z
  .object({
    id: z.string(),
    transferId: z.string(),
    status: z.enum(["queued", "running", "done", "failed", "cancelled"]),
    phase: z.string().nullable(),
    planned: z.number().int(),
    sent: z.number().int(),
    answered: z.number().int(),
    failed: z.number().int(),
    verdict: z.enum(["go", "no-go"]).nullable(),
    error: z.string().nullable(),
    createdAt: instant,
    startedAt: instant.nullable(),
    finishedAt: instant.nullable(),
  })
  .meta({ id: "RunProgress" });
export type ApiRunProgress = z.infer<typeof RunProgressSchema>;

const classCount = z.object({ planned: z.number().int(), asked: z.number().int() });
export const FindingSchema = z
  .object({
    id: z.string().describe("check id, e.g. DEL-NS-MISSING"),
    key: z.string().describe("`${id}@${subject}`: stable across runs"),
    severity: z.enum(["blocker", "warning", "info"]),
    subject: z.string(),
    message: z.string(),
    remediation: z.string(),
    state: z.object({
      status: z.enum(["open", "fixed", "waived", "acknowledged"]),
      by: z.string().optional(),
      reason: z.string().optional(),
    }),
    evidence: z.array(z.object({ text: z.string() })),
  })
  .meta({ id: "Finding" });

export const RunFindingsSchema = z
  .object({
    run: RunProgressSchema,
    zone: z.string(),
    verdict: z.enum(["go", "no-go"]).nullable(),
    finalisable: z.boolean(),
    reasons: z.array(z.string()),
    counts: z.object({
      blocker: z.number().int(),
      warning: z.number().int(),
      info: z.number().int(),
      open: z.number().int(),
      waived: z.number().int(),
      acknowledged: z.number().int(),
    }),
    openBlockers: z.array(z.string()).describe("keys"),
    pendingAcknowledgements: z.array(z.string()).describe("keys"),
    findings: z.array(FindingSchema),
    timing: z.object({ minOverlapSeconds: z.number(), minWindowSeconds: z.number() }).nullable(),
    plans: z.array(
      z.object({
        side: z.enum(["old", "new"]),
        incomplete: z.string().nullable(),
        ratePerServer: z.number(),
        deadlineSeconds: z.number(),
        deadlineDerived: z.boolean(),
        transferred: z.array(z.string()),
        unsent: z.number().int(),
        stopCause: z
          .enum(["deadline", "cap", "cancelled"])
          .nullable()
          .describe("why the snapshot stopped before asking all it planned; null: it did not, or it is not known"),
        classes: z.record(z.string(), classCount),
      }),
    ),
  })
  .meta({ id: "RunFindings" });
export type ApiRunFindings = z.infer<typeof RunFindingsSchema>;

export const DecisionResultSchema = z.object({
  verdict: z.enum(["go", "no-go"]),
  changed: z.array(z.string()),
  unchanged: z.array(z.string()),
});

export const ScheduleSchema = z
  .object({
    window: z
      .object({
        start: instant,
        end: instant,
        timeZone: z.string(),
        holidayRegion: z.string().nullable(),
        ttlLoweringAt: instant.nullable(),
      })
      .nullable(),
    warnings: z.array(z.string()),
  })
  .meta({ id: "Schedule" });

export const RevisionSchema = z
  .object({
    number: z.number().int(),
    digest: z.string(),
    keyId: z.string(),
    createdAt: instant,
    verdict: z.enum(["go", "no-go"]),
    changes: z.array(z.string()),
  })
  .meta({ id: "Revision" });
export const RevisionListSchema = z.object({ revisions: z.array(RevisionSchema), outdated: z.boolean() });

export const ApiTokenSummarySchema = z.object({ id: z.string(), name: z.string(), scope: z.enum(["read", "write"]) });
export type ApiTokenSummaryWire = z.infer<typeof ApiTokenSummarySchema>;
