/**
 * Waive blockers, acknowledge warnings, or revoke either, for a selection of
 * a finished run's findings with one reason. Every decision is bound to the signed-in account (id, e-mail,
 * display name at the time) in the stored state and in one audit entry per
 * finding, written in one transaction with the states. Submitting the same
 * decision again changes nothing and writes nothing; replacing someone
 * else's decision needs `overwrite` and is recorded (`finding.overwritten`
 * with the replaced decision) so no decision disappears silently.
 */
import { nextEntry, type AuditEntry } from "../../audit/chain";
import type { AuditDecision, AuditEvent } from "../../audit/events";
import type { Actor, StaffActor } from "../../auth/actor";
import { auditActor } from "../../auth/actor";
import { requireStaff } from "../../auth/require";
import { AppError } from "../../errors/app-error";
import { issuesOf, type Deps } from "../use-case";
import type { EvidenceRef, Finding, Severity } from "../../checks/types";
import { computeVerdict, findingFingerprint } from "../../checks/verdict";
import { auditStore } from "../../db/audit-entries";
import { getDb, type Db } from "../../db/client";
import {
  findFindingStates,
  listFindingStates,
  writeFindingStates,
  type FindingStateRow,
} from "../../db/finding-states";
import { listFindings } from "../../db/findings";
import { getRun, updateRun } from "../../db/runs";
import { decisionInputSchema, type DecisionInput } from "./decision-input";
import { statesFromRows } from "./finding-states";

export interface DecideFindingsResult {
  verdict: "go" | "no-go";
  changed: string[];
  unchanged: string[];
}

/**
 * Why a decision is refused, in the AppError's `reason` detail (with the `keys` concerned): NOT_FOUND
 * `unknown-finding`; CONFLICT `not-a-blocker` / `not-a-warning` (only blockers are waived, only warnings
 * acknowledged), `already-decided` (someone else's decision stands; revoke or overwrite it), `not-done`.
 */
export type DecisionRefusal = "unknown-finding" | "not-a-blocker" | "not-a-warning" | "already-decided" | "not-done";

function refused(code: "NOT_FOUND" | "CONFLICT", reason: DecisionRefusal, message: string, keys?: string[]): AppError {
  return new AppError(code, message, { reason, ...(keys ? { keys } : {}) });
}

const DECIDED = new Set(["waived", "acknowledged"]);

function previousDecision(r: FindingStateRow): AuditDecision {
  return {
    status: r.status as AuditDecision["status"],
    by: r.by ?? "",
    ...(r.byUserId ? { userId: r.byUserId } : {}),
    ...(r.byEmail ? { email: r.byEmail } : {}),
    ...(r.onBehalfOf ? { onBehalfOf: r.onBehalfOf } : {}),
    reason: r.reason ?? "",
    at: (r.at ?? new Date(0)).toISOString(),
  };
}

type Plan = { rows: FindingStateRow[]; events: AuditEvent[]; changed: string[]; unchanged: string[] };

/** Pure: the states to write and the audit events to append for `input`, given the findings and the stored states of its keys. */
function planDecisions(o: {
  findings: readonly Finding[];
  current: ReadonlyMap<string, FindingStateRow>;
  input: DecisionInput;
  staff: StaffActor;
  transferId: string;
  runId: string;
  now: Date;
}): Plan {
  const { input, staff } = o;
  const byKey = new Map(o.findings.map((f) => [f.key, f]));
  const unknown = input.keys.filter((k) => !byKey.has(k));
  if (unknown.length)
    throw refused("NOT_FOUND", "unknown-finding", `no such finding in this run: ${unknown.join(", ")}`, unknown);
  const need: Severity | null =
    input.action === "waive" ? "blocker" : input.action === "acknowledge" ? "warning" : null;
  const wrong = need ? input.keys.filter((k) => byKey.get(k)!.severity !== need) : [];
  if (wrong.length) {
    throw refused(
      "CONFLICT",
      need === "blocker" ? "not-a-blocker" : "not-a-warning",
      `only ${need}s can be ${input.action === "waive" ? "waived" : "acknowledged"}: ${wrong.join(", ")}`,
      wrong,
    );
  }
  const at = o.now.toISOString();
  const actor = auditActor(staff);
  const name = staff.name || staff.email;
  const base = { transferId: o.transferId, at, actor };
  const rows: FindingStateRow[] = [];
  const events: AuditEvent[] = [];
  const changed: string[] = [];
  const unchanged: string[] = [];
  const conflicts: string[] = [];
  for (const key of input.keys) {
    const f = byKey.get(key)!;
    const cur = o.current.get(key);
    const decided = cur !== undefined && DECIDED.has(cur.status);
    if (input.action === "revoke") {
      if (!decided) {
        unchanged.push(key); // already open (a double submit, or never decided)
        continue;
      }
      rows.push({ key, status: "open", by: null, reason: null, at: null });
      events.push({
        ...base,
        type: "finding.revoked",
        findingId: key,
        runId: o.runId,
        previous: previousDecision(cur),
        ...(input.reason ? { reason: input.reason } : {}),
      });
      changed.push(key);
      continue;
    }
    const status = input.action === "waive" ? "waived" : "acknowledged";
    const fingerprint = findingFingerprint(f);
    if (
      decided &&
      cur.status === status &&
      cur.byUserId === staff.userId &&
      cur.reason === input.reason &&
      (cur.onBehalfOf ?? undefined) === input.onBehalfOf &&
      (cur.fingerprint ?? fingerprint) === fingerprint
    ) {
      unchanged.push(key); // the same decision again: a double submit
      continue;
    }
    if (decided && !input.overwrite) {
      conflicts.push(`${key} (${cur.status} by ${cur.by}${cur.byEmail ? ` <${cur.byEmail}>` : ""}: ${cur.reason})`);
      continue;
    }
    if (decided)
      events.push({
        ...base,
        type: "finding.overwritten",
        findingId: key,
        runId: o.runId,
        previous: previousDecision(cur),
      });
    rows.push({
      key,
      status,
      by: name,
      byUserId: staff.userId,
      byEmail: staff.email,
      onBehalfOf: input.onBehalfOf ?? null,
      reason: input.reason,
      at: o.now,
      fingerprint,
    });
    const binding = {
      findingId: key,
      checkId: f.id,
      runId: o.runId,
      fingerprint,
      ...(input.onBehalfOf ? { onBehalfOf: input.onBehalfOf } : {}),
    };
    events.push(
      status === "waived"
        ? { ...base, ...binding, type: "finding.waived", reason: input.reason }
        : { ...base, ...binding, type: "finding.acknowledged", note: input.reason },
    );
    changed.push(key);
  }
  if (conflicts.length) {
    throw refused(
      "CONFLICT",
      "already-decided",
      `already decided by someone else or for another reason (revoke it first, or replace it explicitly): ${conflicts.join("; ")}`,
      conflicts,
    );
  }
  return { rows, events, changed, unchanged };
}

function storedFindings(rows: Awaited<ReturnType<typeof listFindings>>): Finding[] {
  return rows.map((r) => ({
    id: r.checkId,
    key: r.key,
    family: r.family as Finding["family"],
    severity: r.severity as Severity,
    subject: r.subject,
    message: r.message,
    remediation: r.remediation,
    evidence: JSON.parse(r.evidenceJson) as EvidenceRef[],
  }));
}

/**
 * Staff of the owning organisation; the decision is bound to their account. `input.input` is the request body
 * (decision-input.ts). The transaction reads the audit head before the states: a concurrent decision that commits
 * in between takes our sequence number, so we retry on the new states instead of overwriting it unseen.
 */
export async function decideFindings(
  actor: Actor | null,
  input: { transferId: string; runId: string; input: unknown },
  deps: Deps = {},
): Promise<DecideFindingsResult> {
  const { actor: staff } = await requireStaff(actor, input.transferId, deps.db);
  const db = deps.db ?? getDb();
  const p = decisionInputSchema.safeParse(input.input);
  if (!p.success) {
    const issues = issuesOf(p.error);
    throw new AppError("INVALID", issues.map((i) => `${i.path || "(body)"}: ${i.message}`).join("; "), { issues });
  }
  const run = await getRun(input.runId, db);
  if (!run || run.transferId !== input.transferId) throw new AppError("NOT_FOUND", "no such run");
  if (run.status !== "done") throw refused("CONFLICT", "not-done", "the run has not finished");
  const findings = storedFindings(await listFindings(run.id, db));
  const now = deps.now ?? new Date();
  for (let attempt = 1; ; attempt++) {
    try {
      const plan = await db.$transaction(async (txc) => {
        const tx = txc as unknown as Db;
        const store = auditStore(tx);
        let head: AuditEntry | null = await store.last(input.transferId);
        const current = new Map((await findFindingStates(input.transferId, p.data.keys, tx)).map((r) => [r.key, r]));
        const plan = planDecisions({
          findings,
          current,
          input: p.data,
          staff: staff,
          transferId: input.transferId,
          runId: run.id,
          now,
        });
        // Audit first: a concurrent writer's uncommitted entry makes ours wait and then fail "seq-taken" before any state is touched.
        for (const event of plan.events) {
          head = nextEntry(head, event);
          await store.append(input.transferId, head);
        }
        await writeFindingStates(input.transferId, plan.rows, tx);
        return plan;
      });
      const v = computeVerdict(findings, statesFromRows(await listFindingStates(run.transferId, db)));
      await updateRun(run.id, { verdict: v.verdict }, db);
      return { verdict: v.verdict, changed: plan.changed, unchanged: plan.unchanged };
    } catch (e) {
      const code = (e as { code?: unknown } | null)?.code;
      if (attempt >= 20 || (code !== "seq-taken" && code !== "P2034")) throw e;
    }
  }
}
