/**
 * `cutover admin create-user --email E --org NAME [--name N] [--password-stdin]`:
 * first-run and later staff accounts. The password comes from
 * CUTOVER_ADMIN_PASSWORD or stdin, never from argv (process lists show argv);
 * without either, a random one is generated and printed once.
 */
import { randomBytes } from "node:crypto";
import { readEnvironment } from "../config/environment";
import { parseArgs } from "node:util";
import { EXIT, type CliIo } from "./io";

async function readStdin(): Promise<string> {
  const chunks: Buffer[] = [];
  for await (const c of process.stdin) chunks.push(c as Buffer);
  return Buffer.concat(chunks)
    .toString("utf8")
    .replace(/\r?\n$/, "");
}

export async function main(args: string[], io: CliIo): Promise<number> {
  const [sub, ...rest] = args;
  if (sub !== "create-user") {
    io.stderr.write(
      "usage: cutover admin create-user --email EMAIL --org ORGANISATION [--name NAME] [--password-stdin]\n",
    );
    return EXIT.USAGE;
  }
  let values: { email?: string; org?: string; name?: string; "password-stdin"?: boolean };
  try {
    ({ values } = parseArgs({
      args: rest,
      options: {
        email: { type: "string" },
        org: { type: "string" },
        name: { type: "string" },
        "password-stdin": { type: "boolean" },
      },
    }));
  } catch (e) {
    io.stderr.write(`cutover admin: ${(e as Error).message}\n`);
    return EXIT.USAGE;
  }
  if (!values.email || !values.org) {
    io.stderr.write("cutover admin create-user: --email and --org are required\n");
    return EXIT.USAGE;
  }
  const generated = !values["password-stdin"] && !readEnvironment().CUTOVER_ADMIN_PASSWORD;
  const password = values["password-stdin"]
    ? await readStdin()
    : (readEnvironment().CUTOVER_ADMIN_PASSWORD ?? randomBytes(18).toString("base64url"));
  const { migrate } = await import("../db/migrate");
  await migrate();
  const { createStaffUser } = await import("../app/accounts/staff-users");
  const { isAppError } = await import("../errors/app-error");
  const { getDb } = await import("../db/client");
  try {
    const u = await createStaffUser({
      email: values.email,
      password,
      name: values.name ?? "",
      organisation: values.org,
    });
    io.stdout.write(`created ${u.email} in organisation "${u.organisationName}" (${u.organisationId})\n`);
    if (generated) io.stdout.write(`password (shown once): ${password}\n`);
    return EXIT.OK;
  } catch (e) {
    if (!isAppError(e)) throw e;
    const issues = (e.details.issues as { path: string; message: string }[] | undefined) ?? [];
    io.stderr.write(
      `cutover admin create-user: ${issues.length ? issues.map((i) => `${i.path}: ${i.message}`).join("; ") : e.message}\n`,
    );
    return EXIT.USAGE;
  } finally {
    await getDb().$disconnect();
  }
}
