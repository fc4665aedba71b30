/** Status and counters of a run (what the progress stream sends). */
export { getRunProgress } from "../../db/runs";
