// Prisma CLI configuration (Prisma 7 keeps the URL out of schema.prisma).
// The app itself does not read this file: lib/db/url.ts resolves DATABASE_URL.
import { defineConfig } from "prisma/config";

export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations" },
  datasource: { url: process.env.DATABASE_URL ?? "file:./data/cutover.db" },
});
