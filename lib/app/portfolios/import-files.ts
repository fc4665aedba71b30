/**
 * Many exports dropped on a portfolio at once: first matched (nothing
 * stored), then imported as the person assigned them — each file becomes a
 * source of its member transfer through the existing import use case, and a
 * file left unassigned is listed as not imported, never dropped silently.
 */
import { z } from "zod";
import type { Actor } from "../../auth/actor";
import type { Deps } from "../use-case";
import { AppError } from "../../errors/app-error";
import type { Db } from "../../db/client";
import { listSources } from "../../db/list-sources";
import { getTransfersByIds, listPortfolioMembers } from "../../db/portfolios";
import { sha256Hex } from "../../zone/import/text";
import { importSources } from "../sources/import-sources";
import { MAX_FILE_NAME_LENGTH, MAX_LABEL_LENGTH, oversizeMessage, totalOversizeMessage } from "../sources/upload-rules";
import { MAX_FILES_PER_UPLOAD, type UploadLimits } from "../../config/upload-limits";
import { requirePortfolio } from "./access";
import { fileEvidence, matchFiles, type FileMatch, type MatchMember } from "./match-files";

export interface DroppedFile {
  name: string;
  bytes: Uint8Array;
}

export const droppedFilesSchema = (limits: UploadLimits) =>
  z
    .array(
      z.object({
        name: z.string().trim().min(1, "Every file needs a name").max(MAX_FILE_NAME_LENGTH),
        size: z.number().int().nonnegative(),
      }),
    )
    .min(1, "Drop at least one file")
    .max(MAX_FILES_PER_UPLOAD, `At most ${MAX_FILES_PER_UPLOAD} files at once`)
    .superRefine((files, ctx) => {
      for (const f of files)
        if (f.size > limits.maxFileBytes)
          ctx.addIssue({ code: "custom", message: oversizeMessage(f.name, f.size, limits.maxFileBytes) });
      const total = files.reduce((n, f) => n + f.size, 0);
      if (total > limits.maxTotalBytes)
        ctx.addIssue({ code: "custom", message: totalOversizeMessage(total, limits.maxTotalBytes) });
    });

/** One entry per dropped file, in order: the member chosen (null: do not import) and the source's label. */
export const importAssignmentsSchema = z.array(
  z.object({
    transferId: z.string().min(1).max(100).nullable(),
    label: z.string().trim().min(1, "Every imported file needs a label").max(MAX_LABEL_LENGTH),
  }),
);

function validateFiles(files: DroppedFile[], limits: UploadLimits): void {
  const p = droppedFilesSchema(limits).safeParse(files.map((f) => ({ name: f.name, size: f.bytes.length })));
  if (!p.success)
    throw new AppError(
      p.error.issues.some((i) => /limit/.test(i.message)) ? "TOO_LARGE" : "INVALID",
      p.error.issues[0]!.message,
    );
}

async function members(portfolioId: string, db?: Db): Promise<MatchMember[]> {
  const rows = await listPortfolioMembers(portfolioId, db);
  const transfers = new Map(
    (
      await getTransfersByIds(
        rows.map((r) => r.transferId),
        db,
      )
    ).map((t) => [t.id, t]),
  );
  return rows.flatMap((r) => {
    const t = transfers.get(r.transferId);
    return t ? [{ transferId: t.id, domainAscii: t.domainAscii, domain: t.domainUnicode }] : [];
  });
}

export interface MatchFilesResult {
  members: MatchMember[];
  files: FileMatch[];
}

/** Which member each file belongs to (nothing is stored). */
export async function matchDroppedFiles(
  actor: Actor | null,
  input: { portfolioId: string; files: DroppedFile[]; limits: UploadLimits },
  deps: Deps = {},
): Promise<MatchFilesResult> {
  const { db } = deps;
  const { portfolio } = await requirePortfolio(actor, input.portfolioId, db);
  validateFiles(input.files, input.limits);
  const m = await members(portfolio.id, db);
  return { members: m, files: matchFiles(input.files.map(fileEvidence), m) };
}

export type ImportedFile =
  | {
      index: number;
      name: string;
      status: "imported";
      transferId: string;
      domain: string;
      sourceId: string;
      importOk: boolean;
      recordCount: number;
    }
  | { index: number; name: string; status: "not-imported"; reason: string };

/** Import each assigned file as a source of its member; idempotence is the import use case's (same file, same hash). */
export async function importDroppedFiles(
  actor: Actor | null,
  input: {
    portfolioId: string;
    files: DroppedFile[];
    assignments: unknown;
    limits: UploadLimits;
  },
  deps: Deps = {},
): Promise<ImportedFile[]> {
  const { db } = deps;
  const { portfolio } = await requirePortfolio(actor, input.portfolioId, db);
  validateFiles(input.files, input.limits);
  const a = importAssignmentsSchema.safeParse(input.assignments);
  if (!a.success) throw new AppError("INVALID", a.error.issues[0]!.message);
  if (a.data.length !== input.files.length)
    throw new AppError("INVALID", `${a.data.length} assignment(s) for ${input.files.length} file(s)`);
  const byId = new Map((await members(portfolio.id, db)).map((m) => [m.transferId, m]));
  const out: ImportedFile[] = [];
  for (const [index, file] of input.files.entries()) {
    const { transferId, label } = a.data[index]!;
    if (transferId === null) {
      out.push({ index, name: file.name, status: "not-imported", reason: "no member chosen" });
      continue;
    }
    const member = byId.get(transferId);
    if (!member) throw new AppError("NOT_FOUND", "not a member of this portfolio");
    // The same file with the same label on the same member again (a repeated submit) is the source it already is.
    const sha = sha256Hex(file.bytes);
    const existing = (await listSources(transferId, db)).find(
      (src) =>
        src.label === label &&
        src.files.length === 1 &&
        src.files[0]!.sha256 === sha &&
        src.files[0]!.name === file.name,
    );
    if (existing) {
      out.push({
        index,
        name: file.name,
        status: "imported",
        transferId,
        domain: member.domain,
        sourceId: existing.id,
        importOk: existing.ok,
        recordCount: existing.recordCount,
      });
      continue;
    }
    const r = await importSources(
      actor,
      { transferId, sources: [{ label, format: "auto", files: [{ name: file.name, bytes: file.bytes }] }] },
      { db, env: deps.env },
    );
    const s = r.results[0]!;
    out.push(
      s.ok
        ? {
            index,
            name: file.name,
            status: "imported",
            transferId,
            domain: member.domain,
            sourceId: s.source.id,
            importOk: s.source.ok,
            recordCount: s.source.recordCount,
          }
        : { index, name: file.name, status: "not-imported", reason: s.error },
    );
  }
  return out;
}
