import { config } from "zod/v4/core";
import { z } from "zod";
import { expect, it } from "vitest";

it("switches zod to jitless, so it never probes eval under the CSP, and parsing still works", async () => {
  expect(config().jitless).toBeUndefined();
  await import("./client-init");
  expect(config().jitless).toBe(true);
  const schema = z.object({ name: z.string().min(1) });
  expect(schema.parse({ name: "example.test" })).toEqual({ name: "example.test" });
  expect(schema.safeParse({ name: "" }).success).toBe(false);
});
