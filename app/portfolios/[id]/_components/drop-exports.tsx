"use client";

import { useRouter } from "next/navigation";
import { useState, type DragEvent } from "react";
import { buttonClass, secondaryButtonClass } from "@/app/_components/ui/button-link";
import { inputClass } from "@/app/_components/ui/field";

interface Member {
  transferId: string;
  domain: string;
}

interface Match {
  index: number;
  name: string;
  label: string;
  status: "matched" | "ambiguous" | "unmatched";
  transferId: string | null;
  candidates: string[];
  reason: string;
}

type Imported =
  | { index: number; name: string; status: "imported"; domain: string; importOk: boolean; recordCount: number }
  | { index: number; name: string; status: "not-imported"; reason: string };

/** Drop many exports; each is matched to a member (the person may change it) and then imported. */
export function DropExports({ portfolioId, members }: { portfolioId: string; members: Member[] }) {
  const router = useRouter();
  const [files, setFiles] = useState<File[]>([]);
  const [matches, setMatches] = useState<Match[]>([]);
  const [choice, setChoice] = useState<{ transferId: string; label: string }[]>([]);
  const [results, setResults] = useState<Imported[]>([]);
  const [error, setError] = useState("");
  const [busy, setBusy] = useState<"" | "match" | "import">("");
  const domainOf = new Map(members.map((m) => [m.transferId, m.domain]));

  async function choose(list: File[]) {
    if (list.length === 0) return;
    setFiles(list);
    setResults([]);
    setError("");
    setBusy("match");
    try {
      const form = new FormData();
      for (const f of list) form.append("files", f);
      const res = await fetch(`/api/portfolios/${portfolioId}/match`, { method: "POST", body: form });
      const body = await res.json();
      if (!res.ok) {
        setMatches([]);
        setError(body.message ?? "the files could not be matched");
        return;
      }
      setMatches(body.files);
      setChoice((body.files as Match[]).map((m) => ({ transferId: m.transferId ?? "", label: m.label })));
    } finally {
      setBusy("");
    }
  }

  async function importAll() {
    setBusy("import");
    setError("");
    try {
      const form = new FormData();
      for (const f of files) form.append("files", f);
      form.append(
        "assignments",
        JSON.stringify(choice.map((c) => ({ transferId: c.transferId || null, label: c.label }))),
      );
      const res = await fetch(`/api/portfolios/${portfolioId}/sources`, { method: "POST", body: form });
      const body = await res.json();
      if (!res.ok) {
        setError(body.message ?? "the import failed");
        return;
      }
      setResults(body.files);
      setMatches([]);
      router.refresh();
    } finally {
      setBusy("");
    }
  }

  function onDrop(e: DragEvent) {
    e.preventDefault();
    void choose([...e.dataTransfer.files]);
  }

  return (
    <div className="space-y-4" data-testid="drop-exports">
      <label
        className="flex cursor-pointer flex-col items-center justify-center rounded-md border-2 border-dashed border-slate-300 p-6 text-sm text-slate-600 hover:bg-slate-50"
        onDragOver={(e) => e.preventDefault()}
        onDrop={onDrop}
      >
        <span className="font-medium">Drop zone exports here, or choose files</span>
        <span className="text-xs">
          Each file is matched to its domain by $ORIGIN, SOA and owner names; you can change the match before importing.
        </span>
        <input
          type="file"
          multiple
          className="sr-only"
          data-testid="drop-input"
          onChange={(e) => void choose([...(e.target.files ?? [])])}
        />
      </label>
      {busy === "match" && <p className="text-sm text-slate-600">Reading the files…</p>}
      {error && (
        <p role="alert" className="text-sm text-red-700" data-testid="drop-error">
          {error}
        </p>
      )}
      {matches.length > 0 && (
        <div className="space-y-3">
          <table className="w-full text-left text-sm" data-testid="match-table">
            <thead className="text-xs uppercase text-slate-500">
              <tr>
                <th className="py-1 pr-3">File</th>
                <th className="py-1 pr-3">Why</th>
                <th className="py-1 pr-3">Import into</th>
                <th className="py-1">Label</th>
              </tr>
            </thead>
            <tbody className="divide-y divide-slate-100">
              {matches.map((m, i) => (
                <tr key={m.index} data-testid="match-row" data-file={m.name} data-status={m.status}>
                  <td className="py-2 pr-3 font-mono">{m.name}</td>
                  <td className="py-2 pr-3">
                    <span
                      className={m.status === "matched" ? "text-emerald-800" : "text-amber-800"}
                      data-testid="match-status"
                    >
                      {m.status === "matched" ? `matched ${domainOf.get(m.transferId ?? "") ?? ""}` : m.status}
                    </span>
                    <span className="block text-xs text-slate-600" data-testid="match-reason">
                      {m.reason}
                    </span>
                  </td>
                  <td className="py-2 pr-3">
                    <select
                      className={inputClass}
                      value={choice[i]?.transferId ?? ""}
                      data-testid="match-member"
                      aria-label={`Import ${m.name} into`}
                      onChange={(e) =>
                        setChoice((c) => c.map((x, j) => (j === i ? { ...x, transferId: e.target.value } : x)))
                      }
                    >
                      <option value="">do not import</option>
                      {members.map((mem) => (
                        <option key={mem.transferId} value={mem.transferId}>
                          {mem.domain}
                        </option>
                      ))}
                    </select>
                  </td>
                  <td className="py-2">
                    <input
                      className={inputClass}
                      value={choice[i]?.label ?? ""}
                      aria-label={`Label for ${m.name}`}
                      onChange={(e) =>
                        setChoice((c) => c.map((x, j) => (j === i ? { ...x, label: e.target.value } : x)))
                      }
                    />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
          <div className="flex gap-3">
            <button
              type="button"
              className={buttonClass}
              disabled={busy !== ""}
              onClick={() => void importAll()}
              data-testid="import-matched"
            >
              {busy === "import" ? "Importing…" : `Import ${choice.filter((c) => c.transferId).length} file(s)`}
            </button>
            <button
              type="button"
              className={secondaryButtonClass}
              disabled={busy !== ""}
              onClick={() => setMatches([])}
            >
              Cancel
            </button>
          </div>
        </div>
      )}
      {results.length > 0 && (
        <ul className="space-y-1 text-sm" data-testid="import-results">
          {results.map((r) => (
            <li key={r.index} data-testid="import-result" data-file={r.name} data-status={r.status}>
              <span className="font-mono">{r.name}</span>:{" "}
              {r.status === "imported"
                ? `imported into ${r.domain} (${r.recordCount} records${r.importOk ? "" : ", with errors"})`
                : `not imported — ${r.reason}`}
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
