import { expect, test } from "vitest";
import { abuseLimits } from "./abuse-limits";
import { readEnvironment } from "./environment";
import { idempotencyHours } from "./idempotency";
import { uploadLimits } from "./upload-limits";

test("the environment keeps the variables Cutover names, as written, and drops the rest", () => {
  const env = readEnvironment({ CUTOVER_MAX_UPLOAD_MB: " 7 ", PATH: "/usr/bin", CUTOVER_NOT_A_SETTING: "1" });
  expect(env).toEqual({ CUTOVER_MAX_UPLOAD_MB: " 7 " });
});

test("readers take their values from the environment, with their own defaults and fallbacks", () => {
  expect(uploadLimits(readEnvironment({ CUTOVER_MAX_UPLOAD_MB: "7" })).maxFileBytes).toBe(7 * 1024 * 1024);
  expect(uploadLimits(readEnvironment({})).maxFileBytes).toBe(50 * 1024 * 1024);
  expect(abuseLimits(readEnvironment({ CUTOVER_MAX_QUERIES_PER_RUN: "none" })).maxQueriesPerRun).toBe(50_000);
  expect(idempotencyHours(readEnvironment({ CUTOVER_IDEMPOTENCY_HOURS: "6" }))).toBe(6);
  expect(idempotencyHours(readEnvironment({ CUTOVER_IDEMPOTENCY_HOURS: "0" }))).toBe(24);
});
