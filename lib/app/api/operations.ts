/**
 * Every operation of the HTTP API in one table: its path, method, the token scope it needs, and
 * its request and response schemas. The route handlers under app/api/v1 look their scope up here (so what is
 * enforced is what is documented), and lib/app/api/openapi.ts turns the table into the OpenAPI 3.1 document.
 */
import type { z } from "zod";
import type { ApiScope } from "../api-tokens/authenticate";
import { decisionInputSchema } from "../findings/decision-input";
import { StartRunInputSchema } from "../runs/run-input";
import { scheduleInputSchema } from "../schedule/save-schedule";
import { idempotencyKeySchema } from "../transfers/create-transfer-idempotent";
import { transferInputSchema } from "../transfers/transfer-input";
import {
  DecisionResultSchema,
  RevisionListSchema,
  RevisionSchema,
  RunFindingsSchema,
  RunProgressSchema,
  RunStartedSchema,
  ScheduleSchema,
  TransferDetailSchema,
  TransferListSchema,
  TransferSchema,
  UploadResultSchema,
} from "../../http/api-wire";

export interface ApiOperation {
  method: "GET" | "POST" | "PUT";
  /** OpenAPI path template, below the server URL. */
  path: string;
  scope: ApiScope;
  summary: string;
  tag: "transfers" | "sources" | "runs" | "schedule" | "checklist";
  body?: { kind: "json"; schema: z.ZodType } | { kind: "multipart" };
  /** Request headers the operation reads (besides Authorization). */
  headers?: { name: string; description: string; schema: z.ZodType }[];
  ok: { status: number; description: string } & ({ schema: z.ZodType } | { contentType: string });
  /** Statuses other than 401/403/404 this operation can answer with, beyond the success. */
  errors?: number[];
}

export const API_OPERATIONS = {
  listTransfers: {
    method: "GET",
    path: "/api/v1/transfers",
    scope: "read",
    tag: "transfers",
    summary: "The organisation's transfers, newest first",
    ok: { status: 200, description: "transfers", schema: TransferListSchema },
  },
  createTransfer: {
    method: "POST",
    path: "/api/v1/transfers",
    scope: "write",
    tag: "transfers",
    summary: "Create a transfer (DNS hosting moves: asked, never defaulted)",
    body: { kind: "json", schema: transferInputSchema },
    headers: [
      {
        name: "Idempotency-Key",
        description:
          "Makes a retried POST safe: the same key with the same body answers with the transfer the first request " +
          "created (the response then carries `Idempotent-Replayed: true`); the same key with another body is 409.",
        schema: idempotencyKeySchema,
      },
    ],
    ok: {
      status: 201,
      description: "the new transfer (or, for a repeated Idempotency-Key, the one it created)",
      schema: TransferSchema,
    },
    errors: [409, 413, 422],
  },
  getTransfer: {
    method: "GET",
    path: "/api/v1/transfers/{id}",
    scope: "read",
    tag: "transfers",
    summary: "One transfer with its sources",
    ok: { status: 200, description: "the transfer", schema: TransferDetailSchema },
  },
  uploadSources: {
    method: "POST",
    path: "/api/v1/transfers/{id}/sources",
    scope: "write",
    tag: "sources",
    summary: "Upload zone exports: one source per labelled group of files",
    body: { kind: "multipart" },
    ok: {
      status: 201,
      description: "one result per source (a failed import is stored with its report)",
      schema: UploadResultSchema,
    },
    errors: [413, 422],
  },
  startRun: {
    method: "POST",
    path: "/api/v1/transfers/{id}/runs",
    scope: "write",
    tag: "runs",
    summary: "Start a live check of the transfer's sources against the old and new servers",
    body: { kind: "json", schema: StartRunInputSchema },
    ok: { status: 201, description: "the run, executing in the background", schema: RunStartedSchema },
    errors: [413, 422, 429],
  },
  getRun: {
    method: "GET",
    path: "/api/v1/transfers/{id}/runs/{runId}",
    scope: "read",
    tag: "runs",
    summary: "A run's progress (status, phase, questions planned/sent/answered/failed, verdict)",
    ok: { status: 200, description: "progress", schema: RunProgressSchema },
  },
  cancelRun: {
    method: "POST",
    path: "/api/v1/transfers/{id}/runs/{runId}/cancel",
    scope: "write",
    tag: "runs",
    summary: "Ask the executing instance to stop the run",
    ok: { status: 202, description: "cancelling", schema: RunProgressSchema },
    errors: [409],
  },
  getRunFindings: {
    method: "GET",
    path: "/api/v1/transfers/{id}/runs/{runId}/findings",
    scope: "read",
    tag: "runs",
    summary: "A finished run's verdict and findings with their states",
    ok: { status: 200, description: "findings", schema: RunFindingsSchema },
  },
  decideFindings: {
    method: "POST",
    path: "/api/v1/transfers/{id}/runs/{runId}/findings",
    scope: "write",
    tag: "runs",
    summary: "Waive, acknowledge or revoke findings; bound to the token's creator and named after the token",
    body: { kind: "json", schema: decisionInputSchema },
    ok: { status: 200, description: "the new verdict", schema: DecisionResultSchema },
    errors: [409, 413, 422],
  },
  getSchedule: {
    method: "GET",
    path: "/api/v1/transfers/{id}/schedule",
    scope: "read",
    tag: "schedule",
    summary: "The maintenance window and what is wrong with it",
    ok: { status: 200, description: "schedule", schema: ScheduleSchema },
  },
  putSchedule: {
    method: "PUT",
    path: "/api/v1/transfers/{id}/schedule",
    scope: "write",
    tag: "schedule",
    summary: "Set the maintenance window (UTC instants; the owner's time zone for weekends and holidays)",
    body: { kind: "json", schema: scheduleInputSchema },
    ok: { status: 200, description: "the stored schedule", schema: ScheduleSchema },
    errors: [413, 422],
  },
  listRevisions: {
    method: "GET",
    path: "/api/v1/transfers/{id}/checklist/revisions",
    scope: "read",
    tag: "checklist",
    summary: "The signed checklist revisions, oldest first",
    ok: { status: 200, description: "revisions", schema: RevisionListSchema },
  },
  createRevision: {
    method: "POST",
    path: "/api/v1/transfers/{id}/checklist/revisions",
    scope: "write",
    tag: "checklist",
    summary: "Sign a new checklist revision from the current state (makes earlier sign-offs stale)",
    ok: { status: 201, description: "the new revision", schema: RevisionSchema },
    errors: [409],
  },
  getBundle: {
    method: "GET",
    path: "/api/v1/transfers/{id}/checklist/revisions/{number}/bundle",
    scope: "read",
    tag: "checklist",
    summary: "The revision's signed bundle, verifiable offline with `cutover verify`",
    ok: { status: 200, description: "the bundle (JSON)", contentType: "application/json" },
  },
} as const satisfies Record<string, ApiOperation>;

export type ApiOperationId = keyof typeof API_OPERATIONS;
