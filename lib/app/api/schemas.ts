/**
 * Mappers from lib's rows to the HTTP API's response shapes (lib/http/api-wire.ts): they produce exactly the
 * shapes the OpenAPI document is generated from, so the document and the answers cannot drift apart.
 */
import type { ApiTokenSummary } from "../../db/api-tokens";
import type { TransferRow, SourceRow } from "../../db/rows";
import type { RunRow } from "../../db/runs";
import type { ApiRunProgress, ApiSource, ApiTokenSummaryWire, ApiTransfer } from "../../http/api-wire";

export function transferDto(t: TransferRow): ApiTransfer {
  return {
    id: t.id,
    domain: t.domainAscii,
    domainUnicode: t.domainUnicode,
    losingRegistrar: t.losingRegistrar,
    gainingRegistrar: t.gainingRegistrar,
    currentDnsOperator: t.currentDnsOperator,
    futureDnsOperator: t.futureDnsOperator,
    dnsHostingMoves: t.dnsHostingMoves,
    createdAt: t.createdAt.toISOString(),
  };
}

export function sourceDto(s: SourceRow): ApiSource {
  return {
    id: s.id,
    label: s.label,
    format: s.format,
    ok: s.ok,
    recordCount: s.recordCount,
    providerCount: s.providerCount,
    diagnosticCount: s.diagnosticCount,
    createdAt: s.createdAt.toISOString(),
    files: s.files.map((f) => ({ name: f.name, sha256: f.sha256, bytes: f.bytes })),
  };
}

export function runDto(r: RunRow): ApiRunProgress {
  const iso = (d: Date | null) => (d ? d.toISOString() : null);
  return {
    id: r.id,
    transferId: r.transferId,
    status: r.status,
    phase: r.phase,
    planned: r.planned,
    sent: r.sent,
    answered: r.answered,
    failed: r.failed,
    verdict: r.verdict === "go" || r.verdict === "no-go" ? r.verdict : null,
    error: r.error,
    createdAt: r.createdAt.toISOString(),
    startedAt: iso(r.startedAt),
    finishedAt: iso(r.finishedAt),
  };
}

export function tokenSummaryDto(t: ApiTokenSummary): ApiTokenSummaryWire {
  return { id: t.id, name: t.name, scope: t.scope };
}
