/**
 * All comparisons of one review: each source and all sources together vs the
 * old operator, the servers of each operator against each other, old vs new,
 * parent vs child. Pure: snapshots and imports in, views and diff out.
 */
import type { Snapshot } from "../dns/run-snapshot";
import type { ImportResult } from "../zone/import/types";
import { name as wire } from "../zone/name";
import { compareViews, type Explainer } from "./compare";
import { explainOperatorData, explainSourceVsLive } from "./explain";
import { compareParentChild } from "./parent-child";
import { compareServers, pickReference } from "./servers";
import type { ZoneDiff, ZoneView } from "./types";
import { mergeViews, serverView, sourceView, type Interner } from "./zone-view";

export interface DiffSource {
  /** Label shown to people: usually the file name. */
  name: string;
  result: ImportResult;
}

export interface BuildDiffInput {
  zone: string;
  sources: readonly DiffSource[];
  old: Snapshot | null;
  neu: Snapshot | null;
  /** DNS hosting moves (apex NS at the new side are then expected to differ). */
  operatorChange: boolean;
  /** The old side's server views, when already built from this same snapshot (runPipeline builds them before the new side is asked). */
  oldViews?: ZoneView[];
  /** Shared with that earlier build, so every view holds one key and owner per RRset. */
  intern?: Interner;
}

export interface ZoneViews {
  sources: ZoneView[];
  allSources: ZoneView | null;
  old: ZoneView[];
  neu: ZoneView[];
  oldRef: ZoneView | null;
  newRef: ZoneView | null;
}

export interface DiffResult {
  diff: ZoneDiff;
  views: ZoneViews;
}

function both(a: Explainer, b: Explainer): Explainer {
  return (e) => a(e) ?? b(e);
}

function snapshotViews(s: Snapshot | null, apex: Uint8Array, which: "old" | "new", intern: Interner): ZoneView[] {
  if (!s) return [];
  return s.servers
    .filter((x) => x.address)
    .map((x) => {
      const axfr =
        s.axfr.find(
          (a) => !a.error && a.server.address === x.address && a.server.port === x.port && a.server.name === x.name,
        ) ?? null;
      return serverView({
        apex,
        server: { name: x.name, address: x.address, port: x.port },
        answers: s.answers,
        snapshot: which,
        axfr,
        cuts: s.zoneCuts,
        intern,
      });
    });
}

export function buildDiff(input: BuildDiffInput): DiffResult {
  const zone = input.zone.endsWith(".") ? input.zone.toLowerCase() : input.zone.toLowerCase() + ".";
  const apex = wire(zone);
  // One key and owner text per RRset for all views (each server and source holds the same names).
  const intern: Interner = input.intern ?? new Map();
  const sources = input.sources.map((s) =>
    sourceView({ label: `source ${s.name}`, apex, records: s.result.records, intern }),
  );
  const allSources = sources.length ? mergeViews("all sources", sources) : null;
  const old = input.oldViews ?? snapshotViews(input.old, apex, "old", intern);
  const neu = snapshotViews(input.neu, apex, "new", intern);
  if (!input.intern) intern.clear();
  const oldRef = pickReference(old);
  const newRef = pickReference(neu);
  const operator = explainOperatorData({ apex: zone, operatorChange: input.operatorChange });

  const diff: ZoneDiff = {
    sources: oldRef
      ? input.sources.map((s, i) =>
          compareViews({
            here: oldRef,
            there: sources[i],
            explain: both(explainSourceVsLive({ apex: zone, providerRecords: s.result.providerRecords }), operator),
          }),
        )
      : [],
    allSources:
      oldRef && allSources
        ? compareViews({
            here: oldRef,
            there: allSources,
            explain: both(
              explainSourceVsLive({
                apex: zone,
                providerRecords: input.sources.flatMap((s) => s.result.providerRecords),
              }),
              operator,
            ),
          })
        : null,
    oldServers: old.length ? compareServers("old", old) : null,
    newServers: neu.length ? compareServers("new", neu) : null,
    oldVsNew: oldRef && newRef ? compareViews({ here: oldRef, there: newRef, explain: operator }) : null,
    parentChild: input.old?.delegation?.parent
      ? compareParentChild({ zone, delegation: input.old.delegation, servers: input.old.servers, views: old })
      : null,
  };
  return { diff, views: { sources, allSources, old, neu, oldRef, newRef } };
}
