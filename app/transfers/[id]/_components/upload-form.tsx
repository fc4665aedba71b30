"use client";

import { useRouter } from "next/navigation";
import { useRef, useState } from "react";
import type { DragEvent, FormEvent } from "react";
import { buttonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";
import { FORMAT_CHOICES } from "@/lib/transfer/source-input";
import { formatBytes, oversizeMessage } from "@/lib/transfer/upload-limits";

const LABEL_SUGGESTIONS = ["registrar export", "Route 53", "Cloudflare", "AXFR", "PowerDNS"];

export function UploadForm({ transferId, maxFileBytes }: { transferId: string; maxFileBytes: number }) {
  const router = useRouter();
  const inputRef = useRef<HTMLInputElement>(null);
  const [files, setFiles] = useState<File[]>([]);
  const [label, setLabel] = useState("");
  const [format, setFormat] = useState<string>("auto");
  const [dragging, setDragging] = useState(false);
  const [busy, setBusy] = useState(false);
  const [errors, setErrors] = useState<Record<string, string>>({});
  const [done, setDone] = useState<string | null>(null);

  const oversize = files.find((f) => f.size > maxFileBytes);
  const clientError = oversize ? oversizeMessage(oversize.name, oversize.size, maxFileBytes) : null;

  function choose(list: FileList | null) {
    setDone(null);
    setErrors({});
    setFiles(list ? Array.from(list) : []);
  }

  function onDrop(e: DragEvent<HTMLDivElement>) {
    e.preventDefault();
    setDragging(false);
    choose(e.dataTransfer.files);
  }

  async function onSubmit(e: FormEvent<HTMLFormElement>) {
    e.preventDefault();
    if (clientError || files.length === 0) {
      setErrors({ files: clientError ?? "Choose at least one file to import" });
      return;
    }
    setBusy(true);
    setErrors({});
    const body = new FormData();
    body.set("label", label);
    body.set("format", format);
    for (const f of files) body.append("files", f, f.name);
    try {
      const res = await fetch(`/api/transfers/${transferId}/sources`, { method: "POST", body });
      const json = (await res.json().catch(() => ({}))) as { errors?: Record<string, string>; source?: { label: string; recordCount: number } };
      if (!res.ok) {
        setErrors(json.errors ?? { form: `Upload failed (HTTP ${res.status})` });
        return;
      }
      setDone(`Imported “${json.source?.label}”: ${json.source?.recordCount} records.`);
      setFiles([]);
      setLabel("");
      setFormat("auto");
      if (inputRef.current) inputRef.current.value = "";
      router.refresh();
    } catch {
      setErrors({ form: "Upload failed: the server did not answer" });
    } finally {
      setBusy(false);
    }
  }

  const fileError = clientError ?? errors.files;
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
        <p className="text-slate-700">Drop zone files here (BIND, Cloudflare, dig AXFR, Route 53 JSON, Cloudflare JSON, PowerDNS) — several at once is fine.</p>
        <label className="cursor-pointer font-medium text-slate-900 underline">
          or choose files
          <input ref={inputRef} type="file" multiple className="sr-only" onChange={(e) => choose(e.target.files)} data-testid="file-input" />
        </label>
        <p className="text-xs text-slate-500">Up to {formatBytes(maxFileBytes)} per file.</p>
        {files.length > 0 && (
          <ul className="mt-2 text-left text-xs text-slate-700" data-testid="chosen-files">
            {files.map((f) => (
              <li key={f.name + f.size}>
                {f.name} ({formatBytes(f.size)})
              </li>
            ))}
          </ul>
        )}
      </div>
      {fileError && (
        <p className="text-sm text-red-700" role="alert" data-testid="upload-error">
          {fileError}
        </p>
      )}
      <div className="grid gap-4 sm:grid-cols-2">
        <div className="space-y-1">
          <label htmlFor="source-label" className="block text-sm font-medium">
            Label
          </label>
          <input id="source-label" list="label-suggestions" className={inputClass} value={label} onChange={(e) => setLabel(e.target.value)} required placeholder="registrar export" data-testid="source-label" />
          <datalist id="label-suggestions">
            {LABEL_SUGGESTIONS.map((s) => (
              <option key={s} value={s} />
            ))}
          </datalist>
          {errors.label && <p className="text-sm text-red-700">{errors.label}</p>}
        </div>
        <div className="space-y-1">
          <label htmlFor="source-format" className="block text-sm font-medium">
            Format
          </label>
          <select id="source-format" className={inputClass} value={format} onChange={(e) => setFormat(e.target.value)} data-testid="source-format">
            {FORMAT_CHOICES.map((f) => (
              <option key={f} value={f}>
                {f === "auto" ? "detect automatically" : f}
              </option>
            ))}
          </select>
        </div>
      </div>
      {errors.form && <p className="text-sm text-red-700" role="alert">{errors.form}</p>}
      {errors.transfer && <p className="text-sm text-red-700" role="alert">{errors.transfer}</p>}
      {done && (
        <p className="text-sm text-green-800" role="status" data-testid="upload-done">
          {done}
        </p>
      )}
      <button type="submit" className={buttonClass} disabled={busy || !!clientError} data-testid="upload-submit">
        {busy ? "Importing…" : "Import"}
      </button>
    </form>
  );
}
