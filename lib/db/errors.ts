/**
 * Whether an error is Postgres's unique violation (23505) on one constraint or index. drizzle wraps the driver's
 * error (sometimes more than once), so the whole `cause` chain is searched; postgres-js names the constraint
 * `constraint_name`, PGlite's socket `constraint`.
 */
export function isUniqueViolation(error: unknown, constraint: string): boolean {
  for (let e: unknown = error, depth = 0; e && depth < 5; e = (e as { cause?: unknown }).cause, depth++) {
    const pg = e as { code?: string; constraint_name?: string; constraint?: string };
    if (pg.code === "23505" && (pg.constraint_name ?? pg.constraint) === constraint) return true;
  }
  return false;
}
