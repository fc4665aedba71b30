import { afterEach, describe, expect, it } from "vitest";
import { main as cli } from "./main";

function io() {
  const out = { stdout: "", stderr: "" };
  return {
    out,
    io: { stdout: { write: (s: string) => (out.stdout += s) }, stderr: { write: (s: string) => (out.stderr += s) } },
  };
}

describe("cutover worker", () => {
  const saved = process.env.DATABASE_URL;
  afterEach(() => {
    if (saved === undefined) delete process.env.DATABASE_URL;
    else process.env.DATABASE_URL = saved;
  });

  it("refuses SQLite: there, live checks run inside the app", async () => {
    process.env.DATABASE_URL = "file:./data/never-created.db";
    const { out, io: i } = io();
    expect(await cli(["worker"], i)).toBe(2);
    expect(out.stderr).toMatch(/needs PostgreSQL/);
  });

  it("refuses a concurrency that is not a whole number from 1 to 256, and explains itself", async () => {
    const { out, io: i } = io();
    expect(await cli(["worker", "--concurrency", "0"], i)).toBe(2);
    expect(await cli(["worker", "--concurrency", "two"], i)).toBe(2);
    expect(out.stderr).toMatch(/--concurrency must be a whole number from 1 to 256/);
    const help = io();
    expect(await cli(["worker", "--help"], help.io)).toBe(0);
    expect(help.out.stdout).toMatch(/usage: cutover worker \[--concurrency N\]/);
  });
});
