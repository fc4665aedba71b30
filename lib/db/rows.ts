/**
 * Plain row shapes handed out of lib/db, so callers never see Prisma types.
 */
export interface TransferRow {
  id: string;
  domainAscii: string;
  domainUnicode: string;
  losingRegistrar: string;
  gainingRegistrar: string;
  currentDnsOperator: string;
  futureDnsOperator: string;
  dnsHostingMoves: boolean;
  /** Owning organisation. */
  organisationId: string;
  createdAt: Date;
  updatedAt: Date;
}

export interface SourceFileRow {
  name: string;
  sha256: string;
  bytes: number;
}

export interface SourceRow {
  id: string;
  transferId: string;
  label: string;
  format: string;
  importerVersion: string;
  origin: string | null;
  ok: boolean;
  recordCount: number;
  providerCount: number;
  diagnosticCount: number;
  createdAt: Date;
  files: SourceFileRow[];
}

export interface SourceWithReportRow extends SourceRow {
  /** The stored ImportReport JSON text, parsed by the caller. */
  reportJson: string;
}

export interface SourceRecordRow {
  ownerText: string;
  ownerKey: string;
  ttl: number;
  class: number;
  type: number;
  rdataHex: string;
  rdataText: string;
  file: string;
  line: number;
}

export interface TransferRecordRow extends SourceRecordRow {
  sourceId: string;
}
