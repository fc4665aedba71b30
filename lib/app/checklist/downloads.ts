/** Downloads of a revision: the signed bundle (JSON) and the findings as CSV. Staff of the owning organisation. */
import type { Actor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { AppError } from "../../errors/app-error";
import type { Deps } from "../use-case";
import { createBundle } from "../../checklist/bundle";
import type { SigningKey } from "../../checklist/signing-key";
import { getDb, type Db } from "../../db/client";
import { getRevisionRow, latestRevisionRow } from "../../db/checklist-revisions";
import { listSignoffs } from "../../db/signoffs";
import { parseRevisionRow, type StoredRevision } from "./parse-revision";
import { serverSigningKey } from "./signing";

async function loadRevision(
  transferId: string,
  number: number | null,
  db: Db = getDb(),
): Promise<StoredRevision | null> {
  const row = number === null ? await latestRevisionRow(transferId, db) : await getRevisionRow(transferId, number, db);
  return row === null ? null : parseRevisionRow(row);
}

export interface Download {
  fileName: string;
  bytes: Buffer;
}

/** `revisionNumber` null: the current revision. NOT_FOUND when there is no such revision (or none yet). */
export interface DownloadInput {
  transferId: string;
  revisionNumber: number | null;
}

const NO_REVISION = () => new AppError("NOT_FOUND", "no such revision");

/** Bundle of one revision with every sign-off on it, signed now (DESIGN §8). */
export async function getBundle(
  actor: Actor | null,
  input: DownloadInput,
  deps: Deps & { key?: SigningKey } = {},
): Promise<Download> {
  const db: Db = deps.db ?? getDb();
  await requireStaff(actor, input.transferId, db);
  const stored = await loadRevision(input.transferId, input.revisionNumber, db);
  if (stored === null) throw NO_REVISION();
  const signoffs = (await listSignoffs(input.transferId, db)).map((s) => s.signoff);
  const { bytes, bundle } = createBundle({ revision: stored.revision, signoffs, key: deps.key ?? serverSigningKey() });
  const r = stored.revision;
  return { fileName: `${r.transfer.domain}-checklist-r${r.revisionNumber}${bundle.final ? "-final" : ""}.json`, bytes };
}

/** A spreadsheet must not execute a cell (CSV injection): prefix formula starters with an apostrophe. */
function cell(v: string): string {
  const safe = /^[=+\-@\t\r]/.test(v) ? `'${v}` : v;
  return /[",\r\n]/.test(safe) ? `"${safe.replaceAll('"', '""')}"` : safe;
}

export function findingsCsv(stored: StoredRevision): string {
  const head = ["revision", "check", "severity", "subject", "message", "state", "by", "at", "reason", "remediation"];
  const lines = [head.join(",")];
  for (const f of stored.revision.findings) {
    const s = f.state;
    // The deciding account with its e-mail; a typed on-behalf-of labelled.
    const by =
      s.status === "waived" || s.status === "acknowledged"
        ? `${s.account ? `${s.account.name} <${s.account.email}>` : s.by}${s.onBehalfOf ? ` on behalf of ${s.onBehalfOf} (self-declared)` : ""}`
        : "by" in s
          ? (s.by ?? "")
          : "";
    const at = "at" in s ? (s.at ?? "") : "";
    const reason = s.status === "waived" ? s.reason : s.status === "acknowledged" ? (s.note ?? "") : "";
    lines.push(
      [
        String(stored.revision.revisionNumber),
        f.checkId,
        f.severity,
        f.subject,
        f.message,
        s.status,
        by,
        at,
        reason,
        f.remediation,
      ]
        .map(cell)
        .join(","),
    );
  }
  return lines.join("\r\n") + "\r\n"; // RFC 4180 §2: CRLF line breaks
}

export async function getFindingsCsv(actor: Actor | null, input: DownloadInput, deps: Deps = {}): Promise<Download> {
  const db: Db = deps.db ?? getDb();
  await requireStaff(actor, input.transferId, db);
  const stored = await loadRevision(input.transferId, input.revisionNumber, db);
  if (stored === null) throw NO_REVISION();
  return {
    fileName: `${stored.revision.transfer.domain}-findings-r${stored.revision.revisionNumber}.csv`,
    bytes: Buffer.from(findingsCsv(stored), "utf8"),
  };
}
