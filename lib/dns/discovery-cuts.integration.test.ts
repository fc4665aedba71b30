/**
 * Discovery at zone cuts on real servers (lib/lab): the NSEC walk goes on
 * past each child's subtree (RFC 4035 §2.3), and a cut found late in the run
 * is asked NS, DS and glue at every server, the one that transferred the
 * zone included.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startLab, type Lab } from "../lab/lab";
import { nameToText } from "../zone/name";
import { T } from "./discovery";
import { parseRootHints } from "./root-hints";
import { runSnapshot, type Snapshot } from "./run-snapshot";

async function snapshotOf(
  scenario: string,
  extra: Partial<Parameters<typeof runSnapshot>[0]>,
): Promise<{ lab: Lab; snap: Snapshot }> {
  const lab = await startLab({ scenario });
  const h = parseRootHints(lab.rootHints);
  if (!h.ok) throw new Error(h.message);
  const snap = await runSnapshot({
    zone: "project.test",
    rootHints: h.servers,
    allowPrivate: true,
    port: lab.port,
    axfr: true,
    timeoutMs: 2000,
    retries: 1,
    ...extra,
  });
  return { lab, snap };
}

const asked = (snap: Snapshot, address: string) =>
  snap.answers
    .filter((a) => a.server.address === address)
    .map((a) => `${nameToText(a.question.name).toLowerCase()} ${a.question.type}`);

describe("NSEC walk over a parent with three children (release, shop, update)", () => {
  let lab: Lab;
  let snap: Snapshot;
  beforeAll(async () => {
    ({ lab, snap } = await snapshotOf("nsec-children", { commonLabels: false }));
  }, 120_000);
  afterAll(async () => {
    await lab?.stop();
  }, 30_000);

  it("walks the parent's chain to its end: the name after the last cut is found", () => {
    const nsec = snap.names.filter((n) => n.sources.includes("nsec")).map((n) => n.name.toLowerCase());
    // Canonical order: _acme-challenge, docs, mail, release (cut), shop (cut, same servers), update (cut), www.
    expect(nsec).toEqual(
      expect.arrayContaining([
        "_acme-challenge.project.test.",
        "docs.project.test.",
        "mail.project.test.",
        "release.project.test.",
        "shop.project.test.",
        "update.project.test.",
        "www.project.test.",
      ]),
    );
  });

  it("marks each child as a cut and takes none of the child's own names", () => {
    expect(snap.zoneCuts).toEqual(["release.project.test.", "shop.project.test.", "update.project.test."]);
    const names = snap.names.map((n) => n.name.toLowerCase());
    expect(names.some((n) => n.endsWith(".shop.project.test."))).toBe(false);
  });

  it("asks every cut NS and DS at every server", () => {
    for (const address of ["127.0.0.1", "127.0.0.4"]) {
      const q = asked(snap, address);
      for (const cut of snap.zoneCuts) expect(q).toEqual(expect.arrayContaining([`${cut} ${T.NS}`, `${cut} ${T.DS}`]));
    }
  });
});

describe("a cut only the primary serves, found in its answers after the secondary's transfer", () => {
  let lab: Lab;
  let snap: Snapshot;
  beforeAll(async () => {
    // The export lists legacy.project.test. as a host: the primary answers it with a referral.
    ({ lab, snap } = await snapshotOf("cut-on-primary-only", { importedNames: [{ name: "legacy", type: T.A }] }));
  }, 120_000);
  afterAll(async () => {
    await lab?.stop();
  }, 30_000);

  it("transferred from the secondary, not from the primary", () => {
    const byAddr = Object.fromEntries(snap.servers.map((s) => [s.address, s.axfr]));
    expect(byAddr["127.0.0.4"]).toBe("allowed");
    expect(byAddr["127.0.0.1"]).toBe("refused");
  });

  it("asks the new cut's NS, DS and glue at every server, the transferring one included", () => {
    expect(snap.zoneCuts).toContain("legacy.project.test.");
    const expected = [
      `legacy.project.test. ${T.NS}`,
      `legacy.project.test. ${T.DS}`,
      `ns.legacy.project.test. ${T.A}`,
      `ns.legacy.project.test. ${T.AAAA}`,
    ];
    for (const address of ["127.0.0.1", "127.0.0.4"])
      expect(asked(snap, address)).toEqual(expect.arrayContaining(expected));
    expect(snap.incomplete ?? null).toBeNull();
  });
});
