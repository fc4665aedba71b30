/**
 * The one calling convention of lib/app: a use case is `verb(actor, input, deps)`. `actor` is who asks, checked first
 * (lib/auth/require.ts); `input` is the request as one object, validated by the zod schema kept beside the use case;
 * `deps` is what a caller may supply instead of the process defaults — the database (tests pass their own), the
 * clock, the environment. A use case that needs more (an abort signal, a signing key) extends `Deps`. Failures are
 * thrown as AppError (lib/errors/app-error.ts), never returned.
 */
import type { z } from "zod";
import type { Db } from "../db/client";
import { AppError } from "../errors/app-error";

export type Env = Record<string, string | undefined>;

export interface Deps {
  db?: Db;
  now?: Date;
  env?: Env;
}

/** The `issues` detail of AppError("INVALID"): which field was wrong and why, as forms and the API show it. */
export interface Issue {
  path: string;
  message: string;
}

export function issuesOf(e: { issues: readonly { path: readonly PropertyKey[]; message: string }[] }): Issue[] {
  return e.issues.map((i) => ({ path: i.path.map(String).join("."), message: i.message }));
}

/** AppError("INVALID") for these issues; its message is the first issue's (what a one-line form error shows). */
export function invalidInput(issues: Issue[], message = "invalid input"): AppError {
  return new AppError("INVALID", issues[0]?.message ?? message, { issues });
}

/** Parse with the use case's schema, or throw AppError("INVALID") saying where. */
export function parseInput<S extends z.ZodType>(schema: S, input: unknown, message?: string): z.output<S> {
  const p = schema.safeParse(input);
  if (!p.success) throw invalidInput(issuesOf(p.error), message);
  return p.data;
}

/** Field → first message, the shape the older forms render (`errors.domain`). */
export function fieldErrors(issues: readonly Issue[]): Record<string, string> {
  const errors: Record<string, string> = {};
  for (const i of issues) errors[i.path.split(".")[0] || "form"] ??= i.message;
  return errors;
}
