/**
 * A finished run of any size, stored through the same writers a live run
 * uses (store-snapshot.ts, store-diff-rows.ts, finish-run.ts), for tests and
 * the Playwright spec of a 100,000-name run page (seeded, not measured: the
 * spec is about the browser, bench:check about the measurement).
 */
import dnsPacket from "dns-packet";
import type { Db } from "../../../db/client";
import { finishRun } from "../../../db/finish-run";
import { createRun } from "../../../db/runs";
import { LiveAnswer } from "../../../dns/live-answer";
import { emptyClassCounts } from "../../../dns/query-plan";
import type { Snapshot } from "../../../dns/run-snapshot";
import type { ServerRef } from "../../../dns/types";
import { name as wire } from "../../../zone/name";
import type { DiffRow } from "../diff-rows";
import { storeDiffRows } from "../store-diff-rows";
import { storeSnapshot } from "../store-snapshot";

export interface SeedLargeRunOptions {
  transferId: string;
  zone: string;
  /** Names host0…host(n-1): one answer each at the old side, one "missing" diff row each. */
  names: number;
  blockers: number;
  warnings: number;
  db?: Db;
}

const OLD: ServerRef = { name: "ns1.oldhost.test.", address: "192.0.2.1", port: 53 };

function answerOf(zone: string, i: number): LiveAnswer {
  const name = `host${i}.${zone}`;
  const raw = dnsPacket.encode({
    type: "response", id: i & 0xffff, flags: dnsPacket.AUTHORITATIVE_ANSWER,
    questions: [{ type: "A", name }],
    answers: [{ type: "A", name, ttl: 3600, data: `10.${(i >> 16) & 255}.${(i >> 8) & 255}.${i & 255}` }],
  });
  const a = new LiveAnswer(OLD, "udp", { name: wire(name.endsWith(".") ? name : name + "."), type: 1, class: 1 }, "2026-12-02T12:00:00.000Z");
  a.rcode = 0;
  a.flags = { aa: true, tc: false, rd: false, ra: false, ad: false, cd: false };
  a.attempts = 1;
  a.elapsedMs = 1;
  a.keep(Uint8Array.from(raw), `dns://${OLD.address}:${OLD.port}`);
  return a;
}

function snapshot(zone: string, answers: LiveAnswer[], incomplete: string | null): Snapshot {
  const classes = emptyClassCounts();
  classes.apex = { planned: 8, asked: 8, answered: 8 };
  classes.rest = { planned: answers.length + 1000, asked: incomplete ? answers.length : answers.length + 1000, answered: answers.length };
  return {
    zone, startedAt: "2026-12-02T12:00:00.000Z", finishedAt: "2026-12-02T12:01:00.000Z", mode: "explicit", delegation: null,
    servers: [{ ...OLD, soaSerial: 1, soaMname: OLD.name, ns: [OLD.name], udp: true, tcp: true, authoritative: true, axfr: "refused", axfrRecords: 0, failures: [], error: null }],
    names: [], zoneCuts: [], wildcard: false, answers, axfr: [], sentTo: {}, counts: { planned: answers.length, sent: answers.length, answered: answers.length, failed: 0 },
    incomplete,
    plan: { ratePerServer: 400, deadlineMs: 60_000, deadlineDerived: true, transferred: [], classes, unsent: incomplete ? 1000 : 0 },
  };
}

export { snapshot as seededSnapshot, answerOf as seededAnswer };

export async function seedLargeRun(o: SeedLargeRunOptions): Promise<string> {
  const zone = o.zone.endsWith(".") ? o.zone : o.zone + ".";
  const run = await createRun({ transferId: o.transferId, oldServersJson: JSON.stringify([{ name: OLD.name, address: OLD.address }]), newServersJson: "[]", optionsJson: "{}" }, o.db);
  const answers = Array.from({ length: o.names }, (_, i) => answerOf(zone, i));
  const old = await storeSnapshot(run.id, "old", snapshot(zone, answers, null), o.db);
  const rows: DiffRow[] = answers.map((_, i) => ({
    comparison: i % 10 === 0 ? "new operator" : "source registrar export", kind: i % 10 === 0 ? "rdata" : "missing",
    owner: `host${i}.${zone}`, type: i % 3 === 0 ? "AAAA" : "A", hereLabel: "ns1.oldhost.test. 192.0.2.1:53", thereLabel: "source registrar export",
    here: [`10.0.0.${i & 255}`], there: i % 10 === 0 ? [`10.9.9.${i & 255}`] : [], hereTtl: 3600, thereTtl: i % 10 === 0 ? 3600 : null,
    explained: i % 7 === 0 ? "provider record" : null,
  }));
  await storeDiffRows(run.id, rows, o.db);
  const finding = (severity: "blocker" | "warning" | "info", i: number) => ({
    key: `${severity === "blocker" ? "INV-MISSING-IN-SOURCE" : "SVC-TXT-CHANGED"}@host${i}.${zone} A`,
    checkId: severity === "blocker" ? "INV-MISSING-IN-SOURCE" : severity === "warning" ? "SVC-TXT-CHANGED" : "TIM-OVERLAP",
    family: severity === "blocker" ? "INV" : severity === "warning" ? "SVC" : "TIM",
    severity, subject: `host${i}.${zone} A`,
    message: `host${i}.${zone} A is served by the old servers but missing from every export`,
    remediation: "Add it to the zone the new operator loads",
    evidenceJson: JSON.stringify([{ kind: "answer", snapshot: "old", answer: i, server: "ns1.oldhost.test. 192.0.2.1:53", text: `ns1.oldhost.test. 192.0.2.1:53 UDP host${i}.${zone} A` }]),
  });
  const findings = [
    ...Array.from({ length: o.blockers }, (_, i) => finding("blocker", i)),
    ...Array.from({ length: o.warnings }, (_, i) => finding("warning", o.blockers + i)),
    finding("info", o.names - 1),
  ];
  const at = new Date("2026-12-02T12:02:00.000Z");
  await finishRun(
    {
      runId: run.id, transferId: o.transferId, findings, states: [],
      update: {
        status: "done", startedAt: at, finishedAt: at, phase: "done", sent: o.names, answered: o.names, planned: o.names,
        snapshotJson: JSON.stringify({ old, new: null }), verdict: o.blockers ? "no-go" : "go", blockers: o.blockers, warnings: o.warnings, infos: 1,
      },
    },
    o.db,
  );
  return run.id;
}
