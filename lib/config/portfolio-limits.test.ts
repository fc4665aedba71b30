import { expect, test } from "vitest";
import { runsPerOperator } from "./portfolio-limits";

test("runs per operator: 2 by default; a whole number from 1 to 100 when set; anything else falls back", () => {
  expect(runsPerOperator({})).toBe(2);
  expect(runsPerOperator({ CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR: "5" })).toBe(5);
  for (const bad of ["0", "101", "1.5", "many", ""])
    expect(runsPerOperator({ CUTOVER_PORTFOLIO_RUNS_PER_OPERATOR: bad })).toBe(2);
});
