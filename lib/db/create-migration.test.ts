import { cpSync, mkdtempSync, readFileSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { createMigration } from "./create-migration";
import { migrate } from "./migrate";

const dir = mkdtempSync(join(tmpdir(), "cutover-mig-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("createMigration", () => {
  it("writes nothing when the schema matches the committed migrations", async () => {
    expect(await createMigration({ name: "noop" })).toBeNull();
  });

  it("writes a new migration for a schema change and migrate applies it", async () => {
    const migrationsDir = join(dir, "migrations");
    cpSync("prisma/migrations", migrationsDir, { recursive: true });
    const schemaPath = join(dir, "schema.prisma");
    writeFileSync(
      schemaPath,
      `${readFileSync("prisma/schema.prisma", "utf8")}\nmodel Note {\n  id Int @id @default(autoincrement())\n  text String\n}\n`,
    );
    const name = await createMigration({
      name: "Add notes",
      migrationsDir,
      schemaPath,
      now: new Date("2030-01-02T03:04:05Z"),
    });
    expect(name).toBe("20300102030405_add_notes");
    const sql = readFileSync(join(migrationsDir, name!, "migration.sql"), "utf8");
    expect(sql).toContain('CREATE TABLE "Note"');
    expect(sql).not.toContain('CREATE TABLE "Transfer"');
    expect(readdirSync(migrationsDir).filter((d) => d.endsWith("_add_notes"))).toEqual([name]);
    const applied = await migrate({ url: `file:${join(dir, "db.sqlite")}`, migrationsDir, schemaPath });
    const committed = readdirSync("prisma/migrations", { withFileTypes: true }).filter((d) => d.isDirectory()).length;
    expect(applied).toHaveLength(committed + 1);
    expect(applied[committed]).toBe(name);
  });
});
