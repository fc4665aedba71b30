"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { DragEvent, FormEvent } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { FORMAT_CHOICES } from "@/lib/app/sources/source-input";
import type { SourceFormat } from "@/lib/app/sources/source-input";
import { SUGGEST_HEAD_BYTES, suggestSource } from "@/lib/app/sources/suggest-source";
import { MAX_LABEL_LENGTH, formatBytes, oversizeMessage, totalOversizeMessage } from "@/lib/app/sources/upload-rules";
import type { UploadLimits } from "@/lib/config/upload-limits";
import type { ImportFormat } from "@/lib/zone/import/types";
import { UploadRow } from "./upload-row";

const LABEL_SUGGESTIONS = ["registrar export", "Route 53", "Cloudflare", "Cloudflare API", "AXFR", "PowerDNS"];

/** One chosen file: the first file of its own source, or part of another row's source. */
export interface Row {
  key: string;
  file: File;
  label: string;
  format: SourceFormat;
  /** Key of the row whose source this file joins; "" = its own source. */
  partOf: string;
  detected: ImportFormat | null;
  includes: string[];
}

/** What the route answers per source (app/api/transfers/[id]/sources/route.ts). */
type SourceResult =
  | {
      ok: true;
      label: string;
      id: string;
      importOk: boolean;
      recordCount: number;
      providerCount: number;
      diagnosticCount: number;
      readCount?: number;
      rejectedCount?: number;
    }
  | { ok: false; label: string; error: string };

let nextKey = 0;

async function toRow(file: File): Promise<Row> {
  const head = await file
    .slice(0, SUGGEST_HEAD_BYTES)
    .text()
    .catch(() => "");
  const s = suggestSource(file.name, head);
  return {
    key: `f${nextKey++}`,
    file,
    label: s.label,
    format: "auto",
    partOf: "",
    detected: s.format,
    includes: s.includes,
  };
}

/** A file another row $INCLUDEs joins that row's source (the user can undo it). */
function attachIncludes(rows: Row[]): Row[] {
  return rows.map((r) => {
    if (r.partOf !== "" || rows.some((o) => o.partOf === r.key)) return r;
    const parent = rows.find((o) => o.key !== r.key && o.partOf === "" && o.includes.includes(r.file.name));
    return parent ? { ...r, partOf: parent.key } : r;
  });
}

/** success: every record read is represented or provider-only; warning: stored, but records were rejected. */
function outcome(r: SourceResult): "success" | "warning" | "error" {
  if (!r.ok || !r.importOk) return "error";
  return (r.rejectedCount ?? 0) > 0 ? "warning" : "success";
}

const OUTCOME_CLASS = {
  success: "text-green-800",
  warning: "rounded bg-amber-50 px-2 py-1 text-amber-900",
  error: "text-red-700",
} as const;

function resultText(r: SourceResult): string {
  if (!r.ok) return `“${r.label}”: not stored. ${r.error}`;
  if (!r.importOk) return `“${r.label}”: stored, but the import failed. See its report.`;
  const counts = `${r.recordCount} records, ${r.providerCount} provider records, ${r.diagnosticCount} diagnostics.`;
  if ((r.rejectedCount ?? 0) > 0)
    return `Imported “${r.label}” with ${r.rejectedCount} of ${r.readCount} records rejected: ${counts} See its report for the lines.`;
  return `Imported “${r.label}”: ${counts}`;
}

/**
 * `inviteToken`: on a maintainer's invite page the upload carries the invite
 * in the X-Cutover-Invite header (lib/auth/session.ts), never in the URL.
 */
export function UploadForm({
  transferId,
  limits,
  inviteToken,
}: {
  transferId: string;
  limits: UploadLimits;
  inviteToken?: string;
}) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [rows, setRows] = useState<Row[]>([]);
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [results, setResults] = useState<SourceResult[]>([]);

  // Client-side checks mirror the server's (lib/app/sources/upload-request.ts), which decides.
  const rowErrors = new Map<string, string>();
  rows.forEach((r) => {
    if (r.file.size > limits.maxFileBytes)
      rowErrors.set(r.key, oversizeMessage(r.file.name, r.file.size, limits.maxFileBytes));
  });
  const total = rows.reduce((n, r) => n + r.file.size, 0);
  const totalError =
    total > limits.maxTotalBytes
      ? totalOversizeMessage(total, limits.maxTotalBytes)
      : rows.length > limits.maxFiles
        ? `At most ${limits.maxFiles} files per upload`
        : null;
  const blocked = rowErrors.size > 0 || totalError !== null;
  const sourceCount = rows.filter((r) => r.partOf === "").length;

  async function add(list: FileList | null) {
    if (!list || list.length === 0) return;
    setResults([]);
    setErrors({});
    const added = await Promise.all(Array.from(list).map(toRow));
    setRows((prev) => {
      const seen = new Set(prev.map((r) => `${r.file.name}|${r.file.size}|${r.file.lastModified}`));
      return attachIncludes([
        ...prev,
        ...added.filter((r) => !seen.has(`${r.file.name}|${r.file.size}|${r.file.lastModified}`)),
      ]);
    });
    if (inputRef.current) inputRef.current.value = "";
  }

  function update(key: string, patch: Partial<Row>) {
    setErrors({});
    setRows((prev) => prev.map((r) => (r.key === key ? { ...r, ...patch } : r)));
  }

  function remove(key: string) {
    setErrors({});
    // Files that were part of the removed one become sources of their own.
    setRows((prev) => prev.filter((r) => r.key !== key).map((r) => (r.partOf === key ? { ...r, partOf: "" } : r)));
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    void add(e.dataTransfer.files);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (rows.length === 0) {
      setErrors({ files: "Choose at least one file to import" });
      return;
    }
    const missing = rows.findIndex((r) => r.partOf === "" && r.label.trim() === "");
    if (blocked || missing >= 0) {
      if (missing >= 0) setErrors({ [`entries.${missing}.label`]: `Label is required (${rows[missing].file.name})` });
      return;
    }
    setBusy(true);
    setErrors({});
    setResults([]);
    const index = new Map(rows.map((r, i) => [r.key, i]));
    const body = new FormData();
    for (const r of rows) body.append("files", r.file, r.file.name);
    body.set(
      "manifest",
      JSON.stringify(
        rows.map((r) => ({
          label: r.label,
          format: r.format,
          partOf: r.partOf === "" ? null : (index.get(r.partOf) ?? null),
        })),
      ),
    );
    try {
      const res = await fetch(`/api/transfers/${transferId}/sources`, {
        method: "POST",
        body,
        ...(inviteToken ? { headers: { "x-cutover-invite": inviteToken } } : {}),
      });
      const json = (await res.json().catch(() => ({}))) as {
        errors?: Record<string, string>;
        sources?: SourceResult[];
      };
      if (json.sources) setResults(json.sources);
      if (!res.ok) {
        // Keep the rows so the user can fix what the server refused and retry.
        if (!json.sources) setErrors(json.errors ?? { form: `Upload failed (HTTP ${res.status})` });
        return;
      }
      setRows([]);
      router.refresh();
    } catch {
      setErrors({ form: "Upload failed: the server did not answer" });
    } finally {
      setBusy(false);
    }
  }

  // Server errors are keyed by path: files.N and entries.N.field belong to row N.
  const errorFor = (i: number, key: string) =>
    rowErrors.get(key) ??
    errors[`files.${i}`] ??
    errors[`entries.${i}.label`] ??
    errors[`entries.${i}.format`] ??
    errors[`entries.${i}.partOf`];
  const general = [totalError, errors.files, errors.manifest, errors.entries, errors.form, errors.transfer].filter(
    (x): x is string => !!x,
  );

  return (
    <form onSubmit={onSubmit} className="space-y-4" data-testid="upload-form">
      <div
        onDragOver={(e) => {
          e.preventDefault();
          setDragging(true);
        }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
        className={`flex flex-col items-center justify-center gap-2 rounded-lg border-2 border-dashed p-6 text-center text-sm ${
          dragging ? "border-slate-700 bg-slate-100" : "border-slate-300 bg-slate-50"
        }`}
        data-testid="drop-zone"
      >
        <p className="text-slate-700">
          Drop every export you have here: registrar export, Route 53 JSON, Cloudflare, dig AXFR, PowerDNS. Each file
          becomes its own labelled source; files that belong together (Route 53 pages, a zone file and its $INCLUDE
          files) can be joined into one.
        </p>
        <label className="inline-flex min-h-6 cursor-pointer items-center font-medium text-slate-900 underline">
          or choose files
          <input
            ref={inputRef}
            type="file"
            multiple
            className="sr-only"
            onChange={(e) => void add(e.target.files)}
            data-testid="file-input"
          />
        </label>
        <p className="text-xs text-slate-500">
          Up to {formatBytes(limits.maxFileBytes)} per file, {formatBytes(limits.maxTotalBytes)} and {limits.maxFiles}{" "}
          files per upload.
        </p>
      </div>

      {rows.length > 0 && (
        <div className="space-y-2">
          <p className="text-sm text-slate-700" data-testid="upload-summary">
            {rows.length} {rows.length === 1 ? "file" : "files"} → {sourceCount}{" "}
            {sourceCount === 1 ? "source" : "sources"}
          </p>
          <datalist id="label-suggestions">
            {LABEL_SUGGESTIONS.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          <ul className="divide-y divide-slate-200 rounded-lg border border-slate-200" data-testid="upload-rows">
            {rows.map((r, i) => (
              <UploadRow
                key={r.key}
                row={r}
                index={i}
                rows={rows}
                formats={FORMAT_CHOICES}
                maxLabelLength={MAX_LABEL_LENGTH}
                error={errorFor(i, r.key)}
                onChange={(patch) => update(r.key, patch)}
                onRemove={() => remove(r.key)}
              />
            ))}
          </ul>
        </div>
      )}

      {general.map((message) => (
        <p key={message} className="text-sm text-red-700" role="alert" data-testid="upload-error">
          {message}
        </p>
      ))}
      {results.length > 0 && (
        <ul className="space-y-1 text-sm" role="status" data-testid="upload-results">
          {results.map((r, i) => (
            <li
              key={i}
              className={OUTCOME_CLASS[outcome(r)]}
              data-testid="upload-result"
              data-ok={r.ok && r.importOk ? "true" : "false"}
              data-outcome={outcome(r)}
            >
              {resultText(r)}
            </li>
          ))}
        </ul>
      )}
      <button
        type="submit"
        className={buttonClass}
        disabled={busy || blocked || rows.length === 0}
        data-testid="upload-submit"
      >
        {busy ? "Importing…" : sourceCount > 1 ? `Import ${sourceCount} sources` : "Import"}
      </button>
    </form>
  );
}
