/** Prisma reports a unique-index conflict as P2002 (also through driver adapters). */
export function isUniqueViolation(e: unknown): boolean {
  return typeof e === "object" && e !== null && (e as { code?: unknown }).code === "P2002";
}
