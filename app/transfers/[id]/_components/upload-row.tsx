"use client";

import { inputClass } from "@/app/_components/ui/field";
import type { SourceFormat } from "@/lib/app/sources/source-input";
import { formatBytes } from "@/lib/app/sources/upload-rules";
import type { Row } from "./upload-form";

const smallInput = `${inputClass} py-1.5`;

export function UploadRow(props: {
  row: Row;
  index: number;
  rows: Row[];
  formats: readonly SourceFormat[];
  maxLabelLength: number;
  error?: string;
  onChange: (patch: Partial<Row>) => void;
  onRemove: () => void;
}) {
  const { row: r, index, rows, error } = props;
  const id = `upload-${r.key}`;
  const hasParts = rows.some((o) => o.partOf === r.key);
  // Only a source's first file can be joined, and not to itself: one level of grouping.
  const targets = rows.filter((o) => o.key !== r.key && o.partOf === "");
  const parent = rows.find((o) => o.key === r.partOf);
  return (
    <li
      className={`grid gap-3 p-3 sm:grid-cols-[minmax(0,1.4fr)_minmax(0,1.4fr)_minmax(0,1fr)_minmax(0,1.2fr)_auto] sm:items-end ${r.partOf ? "bg-slate-50 sm:pl-8" : ""}`}
      data-testid="upload-row"
      data-file={r.file.name}
    >
      <div className="min-w-0 text-sm">
        <p className="truncate font-medium" title={r.file.name} data-testid="row-file">
          {r.file.name}
        </p>
        <p className="text-xs text-slate-500">
          {formatBytes(r.file.size)} ·{" "}
          <span data-testid="row-detected">{r.detected ? `looks like ${r.detected}` : "format not recognised"}</span>
        </p>
      </div>
      {r.partOf ? (
        <p className="text-sm text-slate-600 sm:col-span-2" data-testid="row-joined">
          Part of “{parent?.label || parent?.file.name}”
        </p>
      ) : (
        <>
          <div className="space-y-1">
            <label htmlFor={`${id}-label`} className="block text-xs font-medium text-slate-600">
              Label
            </label>
            <input
              id={`${id}-label`}
              list="label-suggestions"
              className={smallInput}
              value={r.label}
              maxLength={props.maxLabelLength}
              onChange={(e) => props.onChange({ label: e.target.value })}
              placeholder="registrar export"
              data-testid="row-label"
            />
          </div>
          <div className="space-y-1">
            <label htmlFor={`${id}-format`} className="block text-xs font-medium text-slate-600">
              Format
            </label>
            <select
              id={`${id}-format`}
              className={smallInput}
              value={r.format}
              onChange={(e) => props.onChange({ format: e.target.value as SourceFormat })}
              data-testid="row-format"
            >
              {props.formats.map((f) => (
                <option key={f} value={f}>
                  {f === "auto" ? "auto-detect" : f}
                </option>
              ))}
            </select>
          </div>
        </>
      )}
      <div className="space-y-1">
        <label htmlFor={`${id}-part-of`} className="block text-xs font-medium text-slate-600">
          Source
        </label>
        <select
          id={`${id}-part-of`}
          className={smallInput}
          value={r.partOf}
          disabled={hasParts}
          title={hasParts ? "Other files are part of this one" : undefined}
          onChange={(e) => props.onChange({ partOf: e.target.value })}
          data-testid="row-part-of"
        >
          <option value="">its own source</option>
          {targets.map((t) => (
            <option key={t.key} value={t.key}>
              part of {t.label || t.file.name} ({t.file.name})
            </option>
          ))}
        </select>
      </div>
      <button
        type="button"
        onClick={props.onRemove}
        className="rounded px-2 py-1.5 text-sm text-slate-500 hover:bg-slate-100 hover:text-slate-900"
        aria-label={`Remove ${r.file.name}`}
        data-testid="row-remove"
      >
        Remove
      </button>
      {error && (
        <p className="text-sm text-red-700 sm:col-span-5" role="alert" data-testid="row-error" data-row={index}>
          {error}
        </p>
      )}
    </li>
  );
}
