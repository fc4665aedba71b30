/**
 * Upload through the API: the web upload's multipart form (files[] + manifest, lib/transfer/upload-request.ts),
 * the same caps, answered as `{ sources }` with one result per source.
 */
import type { z } from "zod";
import type { Actor } from "../../auth/actor";
import { AppError, isAppError } from "../../errors/app-error";
import { requireTransferAccess } from "../../auth/require";
import type { Deps } from "../use-case";
import { readFormBody } from "../../http/read-body";
import { importSources } from "./import-sources";
import { formatBytes } from "./upload-rules";
import { uploadLimits } from "../../config/upload-limits";
import { parseUploadForm } from "./upload-request";
import type { UploadResultSchema } from "../../http/api-wire";

// Multipart boundaries and the manifest add a little to the files' own bytes.
const MULTIPART_SLACK = 1024 * 1024;

/** The form, read only after the caller may upload to this transfer, cut at the upload limits. */
export async function readUploadForm(
  actor: Actor | null,
  input: { transferId: string; request: Request },
  deps: Deps = {},
): Promise<FormData> {
  const { transferId, request } = input;
  const { db } = deps;
  const limits = uploadLimits();
  try {
    return await readFormBody({
      request,
      maxBytes: limits.maxTotalBytes + MULTIPART_SLACK,
      authorise: () => requireTransferAccess(actor, transferId, "upload", db),
      tooLarge: () =>
        `Upload too large: the limit is ${formatBytes(limits.maxFileBytes)} per file and ${formatBytes(limits.maxTotalBytes)} per upload.`,
    });
  } catch (e) {
    if (isAppError(e) && e.code === "INVALID")
      throw new AppError("INVALID", "expected a multipart/form-data upload with files and manifest");
    throw e;
  }
}

export async function uploadSources(
  actor: Actor | null,
  options: { transferId: string; form: FormData },
  deps: Deps = {},
): Promise<{ status: number; sources: z.infer<typeof UploadResultSchema>["sources"] }> {
  const plan = parseUploadForm(options.form, uploadLimits());
  if (!plan.ok) {
    const issues = Object.entries(plan.errors).map(([path, message]) => ({ path, message }));
    throw new AppError(plan.status === 413 ? "TOO_LARGE" : "INVALID", issues[0]?.message ?? "invalid upload", {
      issues,
    });
  }
  const bytes = await Promise.all(plan.files.map(async (f) => new Uint8Array(await f.arrayBuffer())));
  const result = await importSources(
    actor,
    {
      transferId: options.transferId,
      sources: plan.groups.map((g) => ({
        label: g.label,
        format: g.format,
        files: g.files.map((i) => ({ name: plan.files[i]!.name, bytes: bytes[i]! })),
      })),
    },
    { db: deps.db },
  );
  const sources = result.results.map((r) =>
    r.ok
      ? {
          ok: true as const,
          label: r.label,
          id: r.source.id,
          format: r.source.format,
          importOk: r.source.ok,
          recordCount: r.source.recordCount,
          providerCount: r.source.providerCount,
          diagnosticCount: r.source.diagnosticCount,
        }
      : { ok: false as const, label: r.label, files: r.files, error: r.error },
  );
  const stored = sources.filter((s) => s.ok).length;
  const tooLarge = result.results.some((r) => !r.ok && r.tooLarge);
  return { status: stored > 0 ? 201 : tooLarge ? 413 : 422, sources };
}
