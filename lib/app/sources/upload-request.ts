/**
 * One upload request: several files, each either the first file of its own
 * labelled source or "part of" another file's source (Route 53 pages, a
 * master file plus its $INCLUDE files). Validated with zod before any file
 * is imported, so a bad request changes nothing.
 *
 * Wire format (multipart/form-data): `files` repeated, in order, and
 * `manifest`, a JSON list with one `{ label, format, partOf }` per file
 * (`partOf`: index of the file whose source this file joins, or null).
 * Without `manifest`, `label` and `format` fields make all files one source.
 */
import { z } from "zod";
import { FORMAT_CHOICES } from "./source-input";
import type { SourceFormat } from "./source-input";
import { MAX_FILE_NAME_LENGTH, MAX_LABEL_LENGTH, oversizeMessage, totalOversizeMessage } from "./upload-rules";
import type { UploadLimits } from "../../config/upload-limits";

export const uploadEntrySchema = z.object({
  label: z
    .string({ error: "Label must be text" })
    .trim()
    .max(MAX_LABEL_LENGTH, `Label is too long (${MAX_LABEL_LENGTH} characters at most)`)
    .default(""),
  format: z.enum(FORMAT_CHOICES, { error: `Format must be one of ${FORMAT_CHOICES.join(", ")}` }).default("auto"),
  partOf: z.number({ error: "partOf must be a file index or null" }).int().nonnegative().nullable().default(null),
});

export type UploadEntry = z.input<typeof uploadEntrySchema>;

export interface UploadFileMeta {
  name: string;
  size: number;
}

/** One source to import: its label, format override and the indexes of its files in the request. */
export interface UploadGroup {
  label: string;
  format: SourceFormat;
  files: number[];
}

const SIZE_ISSUE = { status: 413 };

export function uploadRequestSchema(limits: UploadLimits) {
  return z
    .object({
      files: z
        .array(
          z.object({
            name: z
              .string()
              .trim()
              .min(1, "Every file needs a name")
              .max(MAX_FILE_NAME_LENGTH, `File names are limited to ${MAX_FILE_NAME_LENGTH} characters`),
            size: z.number().int().nonnegative(),
          }),
        )
        .min(1, "Choose at least one file to import")
        .max(limits.maxFiles, `At most ${limits.maxFiles} files per upload`),
      entries: z.array(uploadEntrySchema, { error: "The manifest must be a list with one entry per file" }),
    })
    .superRefine(({ files, entries }, ctx) => {
      const issue = (path: (string | number)[], message: string, params?: Record<string, unknown>) =>
        ctx.addIssue({ code: "custom", path, message, ...(params ? { params } : {}) });
      if (entries.length !== files.length) {
        issue(["manifest"], `The manifest describes ${entries.length} file(s) but ${files.length} were sent`);
        return;
      }
      files.forEach((f, i) => {
        if (f.size > limits.maxFileBytes)
          issue(["files", i], oversizeMessage(f.name, f.size, limits.maxFileBytes), SIZE_ISSUE);
      });
      const total = files.reduce((n, f) => n + f.size, 0);
      if (total > limits.maxTotalBytes) issue(["files"], totalOversizeMessage(total, limits.maxTotalBytes), SIZE_ISSUE);
      const perSource = new Map<number, number>();
      entries.forEach((e, i) => {
        const root = e.partOf ?? i;
        perSource.set(root, (perSource.get(root) ?? 0) + 1);
        if (e.partOf === null) {
          if (e.label === "") issue(["entries", i, "label"], `Label is required (${files[i].name})`);
        } else if (e.partOf === i) {
          issue(["entries", i, "partOf"], `${files[i].name} cannot be part of itself`);
        } else if (e.partOf >= files.length) {
          issue(
            ["entries", i, "partOf"],
            `${files[i].name} is part of file #${e.partOf + 1}, which is not in this upload`,
          );
        } else if (entries[e.partOf].partOf !== null) {
          // One level only: the UI offers only sources' first files as targets.
          issue(
            ["entries", i, "partOf"],
            `${files[i].name} is part of ${files[e.partOf].name}, which is itself part of another source`,
          );
        }
      });
      for (const [root, count] of perSource) {
        if (count > limits.maxFilesPerSource && root < files.length) {
          issue(
            ["entries", root, "partOf"],
            `${files[root].name}'s source has ${count} files; at most ${limits.maxFilesPerSource} per source`,
          );
        }
      }
    })
    .transform(({ entries }): UploadGroup[] => {
      const groups = new Map<number, UploadGroup>();
      entries.forEach((e, i) => {
        if (e.partOf === null) groups.set(i, { label: e.label, format: e.format, files: [i] });
      });
      entries.forEach((e, i) => {
        if (e.partOf !== null) groups.get(e.partOf)?.files.push(i);
      });
      // Sources in the order their first file was given.
      return [...groups.values()];
    });
}

export type ParseUploadResult =
  { ok: true; files: File[]; groups: UploadGroup[] } | { ok: false; status: 413 | 422; errors: Record<string, string> };

/** path ("files.2", "entries.0.label") -> first message. */
function issueErrors(issues: z.core.$ZodIssue[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const i of issues) out[i.path.length ? i.path.join(".") : "form"] ??= i.message;
  return out;
}

/** Entries for a request without manifest: every file in one source with the form's label and format. */
function legacyEntries(form: FormData, count: number): unknown[] {
  const label = form.get("label");
  const format = form.get("format");
  return Array.from({ length: count }, (_, i) =>
    i === 0
      ? {
          label: typeof label === "string" ? label : undefined,
          format: typeof format === "string" && format !== "" ? format : undefined,
          partOf: null,
        }
      : { partOf: 0 },
  );
}

export function parseUploadForm(form: FormData, limits: UploadLimits): ParseUploadResult {
  const files = form.getAll("files").filter((e): e is File => typeof e !== "string");
  let entries: unknown;
  const manifest = form.get("manifest");
  if (manifest === null) entries = legacyEntries(form, files.length);
  else if (typeof manifest !== "string")
    return { ok: false, status: 422, errors: { manifest: "The manifest must be a JSON text field" } };
  else {
    try {
      entries = JSON.parse(manifest);
    } catch {
      return { ok: false, status: 422, errors: { manifest: "The manifest is not valid JSON" } };
    }
  }
  const parsed = uploadRequestSchema(limits).safeParse({
    files: files.map((f) => ({ name: f.name, size: f.size })),
    entries,
  });
  if (!parsed.success) {
    const tooLarge = parsed.error.issues.some(
      (i) => i.code === "custom" && (i.params as { status?: number } | undefined)?.status === 413,
    );
    return { ok: false, status: tooLarge ? 413 : 422, errors: issueErrors(parsed.error.issues) };
  }
  return { ok: true, files, groups: parsed.data };
}
