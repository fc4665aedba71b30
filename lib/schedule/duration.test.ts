import { describe, expect, it } from "vitest";
import { formatDuration, formatSeconds } from "./duration";

describe("formatDuration", () => {
  it("writes whole units, largest first, leaving out zero units", () => {
    expect(formatDuration(176400)).toBe("2 d 1 h");
    expect(formatDuration(14400)).toBe("4 h");
    expect(formatDuration(300)).toBe("5 min");
    expect(formatDuration(45)).toBe("45 s");
    expect(formatDuration(3661)).toBe("1 h 1 min 1 s");
    expect(formatDuration(0)).toBe("0 s");
  });
  it("rounds fractions of a second and never writes a negative duration", () => {
    expect(formatDuration(59.6)).toBe("1 min");
    expect(formatDuration(-5)).toBe("0 s");
  });
});

describe("formatSeconds", () => {
  it("gives the exact seconds and, from a minute on, the readable form", () => {
    expect(formatSeconds(176400)).toBe("176400 s (2 d 1 h)");
    expect(formatSeconds(45)).toBe("45 s");
    expect(formatSeconds(3600)).toBe("3600 s (1 h)");
  });
});
