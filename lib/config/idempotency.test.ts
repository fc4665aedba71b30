import { expect, test } from "vitest";
import { readEnvironment } from "./environment";
import { idempotencyCutoff, idempotencyHours } from "./idempotency";

test("idempotency key lifetime: 24 h by default; a whole number of hours ≥ 1 when set; anything else falls back", () => {
  expect(idempotencyHours(readEnvironment({}))).toBe(24);
  expect(idempotencyHours(readEnvironment({ CUTOVER_IDEMPOTENCY_HOURS: "48" }))).toBe(48);
  expect(idempotencyHours({ CUTOVER_IDEMPOTENCY_HOURS: " 1 " })).toBe(1);
  for (const bad of ["0", "-3", "1.5", "abc", "24h", "", " "])
    expect(idempotencyHours({ CUTOVER_IDEMPOTENCY_HOURS: bad })).toBe(24);
});

test("the cutoff is now minus the lifetime", () => {
  const now = new Date("2026-05-02T12:00:00.000Z");
  expect(idempotencyCutoff(now, {})).toEqual(new Date("2026-05-01T12:00:00.000Z"));
  expect(idempotencyCutoff(now, { CUTOVER_IDEMPOTENCY_HOURS: "2" })).toEqual(new Date("2026-05-02T10:00:00.000Z"));
});
