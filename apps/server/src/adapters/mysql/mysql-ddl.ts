/**
 * Statements that run `ddl` only when `missing` (a COUNT(*) over information_schema) finds 0:
 * MySQL 8 has neither ADD COLUMN IF NOT EXISTS nor CREATE INDEX IF NOT EXISTS (MariaDB has both),
 * and a migration must be safe to run again after a crash half-way.
 */
export function unless(missing: string, ddl: string): string[] {
  return [
    `SET @mpchat_ddl = (SELECT IF(COUNT(*) = 0, '${ddl}', 'DO 0') ${missing})`,
    'PREPARE mpchat_ddl FROM @mpchat_ddl',
    'EXECUTE mpchat_ddl',
    'DEALLOCATE PREPARE mpchat_ddl',
  ];
}

/** The information_schema condition naming one table of the store's database. */
export const inTable = (table: string) => `TABLE_SCHEMA = DATABASE() AND TABLE_NAME = '${table}'`;
