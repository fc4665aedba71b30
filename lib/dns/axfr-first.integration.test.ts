/**
 * AXFR first on real servers: in the lab's clean move the old
 * secondary (NSD) allows AXFR from loopback and the primary (BIND) refuses
 * without the TSIG key. The plan then asks the transferring server only what
 * a transfer cannot show, asks the refusing one every known name with its
 * known types, and the verdict stays GO with no blocker.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../lab/lab";
import { scenario } from "../lab/scenarios";
import { runPipeline, type PipelineResult } from "../checks/pipeline";
import { nameKey, name as wire } from "../zone/name";
import { T } from "./discovery";
import { parseRootHints } from "./root-hints";

const here = new URL(".", import.meta.url).pathname;

describe("AXFR first on the lab's clean move", () => {
  let lab: Lab;
  let r: PipelineResult;
  beforeAll(async () => {
    lab = await startLab({ scenario: "clean-move" });
    const h = parseRootHints(lab.rootHints);
    if (!h.ok) throw new Error(h.message);
    const sources = scenario("clean-move").sources.map((p) => ({
      name: p.split("/").pop()!,
      bytes: readFileSync(join(here, "../lab", p)),
    }));
    r = await runPipeline({
      zone: "project.test",
      facts: { domain: "project.test", dnsHostingMoves: true },
      sources,
      newServers: [{ name: "ns1.newhost.test", address: "127.0.0.5" }],
      snapshot: { rootHints: h.servers, allowPrivate: true, port: lab.port },
    });
  }, 90_000);
  afterAll(async () => {
    await lab?.stop();
  }, 30_000);

  it("transfers from the server that allows it and records the refusal of the other", () => {
    const byAddr = Object.fromEntries(r.old!.servers.map((s) => [s.address, s.axfr]));
    expect(byAddr["127.0.0.4"]).toBe("allowed");
    expect(byAddr["127.0.0.1"]).toBe("refused");
    expect(r.old!.plan!.transferred.some((t) => t.includes("127.0.0.4"))).toBe(true);
  });

  it("sends the transferring server no per-name question a transfer already answers", () => {
    const apex = wire("project.test.");
    const cuts = new Set(r.old!.zoneCuts.map((c) => nameKey(wire(c))));
    const allowedTypes = new Set<number>([T.SOA, T.NS, T.DNSKEY, T.CDS, T.CDNSKEY, T.DS, T.NSEC]);
    const perName = r.old!.answers.filter(
      (a) =>
        a.server.address === "127.0.0.4" &&
        a.question.type !== T.SOA &&
        !(nameKey(a.question.name) === nameKey(apex) && a.question.type === T.NS),
    );
    const unexpected = perName.filter((a) => {
      const k = nameKey(a.question.name);
      if (nameKey(a.question.name) === nameKey(apex) && allowedTypes.has(a.question.type)) return false; // apex signer RRsets
      if (cuts.has(k) && (a.question.type === T.NS || a.question.type === T.DS)) return false; // parent side of a cut
      if (
        a.question.name[1] === 0x5f &&
        /^_cutover-probe-/.test(String.fromCharCode(...a.question.name.subarray(1, 1 + a.question.name[0])))
      )
        return false; // wildcard probe
      const belowCut = r.old!.zoneCuts.some(
        (c) => a.question.name.length > wire(c).length && nameKey(a.question.name).endsWith(nameKey(wire(c))),
      );
      if ((a.question.type === T.A || a.question.type === T.AAAA) && belowCut) return false; // glue at a cut
      return a.question.type !== T.TXT; // TXT: the NODATA sample, counted below
    });
    expect(unexpected.map((a) => `${a.question.type}`)).toEqual([]);
    expect(perName.filter((a) => a.question.type === T.TXT).length).toBeLessThanOrEqual(4);
    // The bulk: at most the apex, cut, glue and sample questions — far fewer than the zone's RRsets.
    expect(perName.length).toBeLessThan(40);
    // The refusing server is asked every known RRset by name.
    const refusing = r.old!.answers.filter((a) => a.server.address === "127.0.0.1").length;
    expect(refusing).toBeGreaterThan(perName.length);
  });

  it("stays GO with no blocker, and the snapshot is complete", () => {
    expect(r.old!.incomplete ?? null).toBeNull();
    expect(r.verdict.openBlockers.map((f) => `${f.id} ${f.subject}`)).toEqual([]);
    expect(r.verdict.verdict).toBe("go");
    const c = r.old!.plan!.classes;
    expect(c.apex.asked).toBe(c.apex.planned);
  });
});
