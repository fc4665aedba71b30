export type * from "./types";
export { SEVERITIES, FAMILIES } from "./types";
export { CATALOGUE, CHECK_IDS } from "./catalogue";
export { checkConfigSchema, DEFAULT_CONFIG, type CheckConfig, type CheckConfigInput } from "./config";
export { runChecks } from "./run-checks";
export {
  computeTiming,
  timingFor,
  timingInputs,
  DEFAULT_MARGIN_SECONDS,
  type Timing,
  type TimingInputs,
} from "./timing";
export {
  computeVerdict,
  waive,
  acknowledge,
  carryStates,
  stateOf,
  waiveInputSchema,
  acknowledgeInputSchema,
  type FindingState,
  type FindingStates,
  type Verdict,
  type StateChange,
  type StateChangeRequest,
} from "./verdict";
export {
  runPipeline,
  type PipelineResult,
  type PipelineOptions,
  type PipelineProgress,
  type PipelineSourceFile,
  type SnapshotSettings,
} from "./pipeline";
export { fetchRdap, type RdapResult, type RdapData, type Fetcher } from "./rdap";
export { probeHttp, type HttpProbe } from "./http-probe";
