/**
 * `cutover check DOMAIN --zone FILE... --server URL --token T`: the same check, run by a Cutover server on
 * the organisation's transfer for DOMAIN — the exports are uploaded as sources (a file the transfer already
 * holds, by SHA-256, is not uploaded again), a run is started with the same servers and limits, followed
 * until it ends, and its verdict and findings are printed as a local check prints them, with its exit codes.
 * Ctrl-C cancels the server's run.
 */
import { createHash } from "node:crypto";
import {
  RunFindingsSchema,
  RunProgressSchema,
  RunStartedSchema,
  TransferDetailSchema,
  TransferListSchema,
  UploadResultSchema,
  type ApiRunFindings,
  type ApiRunProgress,
} from "../http/api-wire";
import { normalizeDomain } from "../zone/domain";
import { apiClient, type ApiClient } from "./api-client";
import { textReport, type ReportModel } from "./check";
import type { CliIo } from "./io";

export interface RemoteCheckOptions {
  server: URL;
  token: string;
  domain: string;
  transferId?: string;
  zones: { name: string; bytes: Uint8Array }[];
  oldServers: string[];
  newServers: string[];
  port?: number;
  rootHints?: string;
  allowPrivate: boolean;
  http: boolean;
  rdapBaseUrl?: string;
  ratePerServer?: number;
  deadlineSeconds?: number;
  maxQueries?: number;
  strict: boolean;
  json: boolean;
  pollMs?: number;
  fetch?: typeof fetch;
}

const TERMINAL = new Set(["done", "failed", "cancelled"]);

async function findTransfer(api: ApiClient, domain: string, transferId: string | undefined): Promise<string> {
  if (transferId) return transferId;
  const ascii = normalizeDomain(domain)?.ascii ?? domain.replace(/\.$/, "").toLowerCase();
  const { transfers } = await api.get("/api/v1/transfers", TransferListSchema);
  const matches = transfers.filter((t) => t.domain === ascii);
  if (matches.length === 0)
    throw new Error(
      `no transfer for ${ascii} on ${api.server}: create it there first (web, or POST /api/v1/transfers), or pass --transfer ID`,
    );
  if (matches.length > 1)
    throw new Error(
      `${matches.length} transfers for ${ascii} on ${api.server} (${matches.map((t) => t.id).join(", ")}): pass --transfer ID`,
    );
  return matches[0]!.id;
}

export function remoteReportModel(domain: string, f: ApiRunFindings): ReportModel {
  return {
    // As runPipeline names it (lib/checks/pipeline.ts): absolute, lowercase.
    zone: (domain.endsWith(".") ? domain : domain + ".").toLowerCase(),
    verdict: f.verdict ?? "no-go",
    counts: { blocker: f.counts.blocker, warning: f.counts.warning, info: f.counts.info },
    openBlockers: f.openBlockers.length,
    pendingAcknowledgements: f.pendingAcknowledgements.length,
    findings: f.findings,
    states: Object.fromEntries(f.findings.filter((x) => x.state.status !== "open").map((x) => [x.key, x.state])),
    timing: f.timing,
    sent: f.run.sent,
    plans: f.plans.map(({ side, ...plan }) => ({ side, plan })),
  };
}

export async function checkRemote(o: RemoteCheckOptions, io: CliIo): Promise<number> {
  const api = apiClient(o.server, o.token, { fetch: o.fetch });
  let transferId = "";
  const path = (p: string) => `/api/v1/transfers/${encodeURIComponent(transferId)}${p}`;
  let runId: string | null = null;
  let interrupted = false;
  const onSig = () => {
    interrupted = true;
    if (runId)
      void api
        .send("POST", path(`/runs/${encodeURIComponent(runId)}/cancel`), undefined, RunProgressSchema)
        .catch(() => undefined);
  };
  process.once("SIGINT", onSig);
  try {
    transferId = await findTransfer(api, o.domain, o.transferId);
    const transfer = await api.get(path(""), TransferDetailSchema);
    const held = new Set(transfer.sources.flatMap((s) => s.files.map((x) => x.sha256)));
    const fresh = o.zones.filter((z) => !held.has(createHash("sha256").update(z.bytes).digest("hex")));
    if (fresh.length) {
      const up = await api.upload(path("/sources"), fresh, UploadResultSchema);
      const bad = up.sources.flatMap((s) => (s.ok ? [] : [s]));
      if (bad.length) throw new Error(`upload refused: ${bad.map((s) => `${s.label}: ${s.error}`).join("; ")}`);
    }
    const started = await api.send(
      "POST",
      path("/runs"),
      {
        oldServers: o.oldServers.join("\n"),
        newServers: o.newServers.join("\n"),
        allowPrivate: o.allowPrivate,
        ...(o.port !== undefined ? { port: o.port } : {}),
        ...(o.rootHints ? { rootHints: o.rootHints } : {}),
        http: o.http,
        ...(o.rdapBaseUrl ? { rdapBaseUrl: o.rdapBaseUrl } : {}),
        ...(o.ratePerServer !== undefined ? { ratePerServer: o.ratePerServer } : {}),
        ...(o.deadlineSeconds !== undefined ? { deadlineSeconds: o.deadlineSeconds } : {}),
        ...(o.maxQueries !== undefined ? { maxQueries: o.maxQueries } : {}),
      },
      RunStartedSchema,
    );
    runId = started.runId;
    if (interrupted) onSig();
    let run: ApiRunProgress;
    for (;;) {
      run = await api.get(path(`/runs/${encodeURIComponent(runId)}`), RunProgressSchema);
      if (TERMINAL.has(run.status)) break;
      await new Promise((r) => setTimeout(r, o.pollMs ?? 500));
    }
    if (run.status !== "done") {
      io.stderr.write(`cutover check: the server's run ${run.id} ${run.status}${run.error ? `: ${run.error}` : ""}\n`);
      return 2;
    }
    const findings = await api.get(path(`/runs/${encodeURIComponent(runId)}/findings`), RunFindingsSchema);
    const model = remoteReportModel(o.domain, findings);
    if (o.json) {
      io.stdout.write(
        JSON.stringify(
          {
            verdict: model.verdict,
            counts: model.counts,
            findings: findings.findings.map(({ state: _s, ...f }) => f),
            pendingAcknowledgements: findings.pendingAcknowledgements,
            finalisable: findings.finalisable,
            states: model.states,
            timing: findings.timing,
            server: { url: api.server, transferId, runId },
          },
          null,
          2,
        ) + "\n",
      );
    } else io.stdout.write(textReport(model));
    if (o.strict) return findings.finalisable ? 0 : 1;
    return model.verdict === "go" ? 0 : 1;
  } catch (e) {
    io.stderr.write(`cutover check: ${(e as Error).message}\n`);
    return 2;
  } finally {
    process.off("SIGINT", onSig);
  }
}
