export type * from "./types";
export { buildDiff, type BuildDiffInput, type DiffResult, type DiffSource, type ZoneViews } from "./build-diff";
export { compareViews, type Explainer } from "./compare";
export { compareServers, pickReference } from "./servers";
export { compareParentChild } from "./parent-child";
export { explainOperatorData, explainSourceVsLive } from "./explain";
export {
  mergeViews,
  rrsetKey,
  serverLabel,
  serverView,
  sourceView,
  soaMinimum,
  soaSerial,
  SIGNER_TYPES,
} from "./zone-view";
