/**
 * The refusal of a build that meets a database a newer build has migrated: it does not know what
 * those migrations changed (a column it never fills, a table it never cleans), and migrations only
 * go forward, so it stops instead of corrupting data. Versions may have gaps (features land in any
 * order), so "newer" means "applied here but unknown to this build", not "a higher number".
 *
 * @example
 * const refusal = newerSchemaError('sqlite', appliedVersions, SQLITE_MIGRATIONS.map((m) => m.version));
 * if (refusal) throw refusal;
 */
export function newerSchemaError(store: 'sqlite' | 'mysql', applied: Iterable<number>, known: readonly number[]): Error | undefined {
  const unknown = [...applied].filter((v) => !known.includes(v)).sort((a, b) => a - b);
  if (unknown.length === 0) return undefined;
  return new Error(
    `[${store}] the database has schema version${unknown.length > 1 ? 's' : ''} ${unknown.join(', ')}, which this build does not know: ` +
      `a newer mpchat has migrated it. Run that version or a newer one (migrations only go forward; to go back, restore the backup taken before the upgrade) (SCHEMA_TOO_NEW)`,
  );
}
