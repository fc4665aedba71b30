/**
 * CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR: live checks a portfolio runs at once against one DNS operator
 * (default 2, 1–100). A portfolio is many domains on few operators; without a bound, "check all" would
 * point every run at the same servers at once (DESIGN §5 "Load").
 */
import { readEnvironment, type Environment } from "./environment";
export const DEFAULT_RUNS_PER_OPERATOR = 2;

export function runsPerOperator(env: Environment = readEnvironment()): number {
  const n = Number(env.CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR);
  return Number.isInteger(n) && n >= 1 && n <= 100 ? n : DEFAULT_RUNS_PER_OPERATOR;
}
