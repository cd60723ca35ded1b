#!/usr/bin/env node
// `pnpm --filter @mpchat/server backup <file>`: an online backup of the SQLite store named by the
// same environment the server reads (STORE, SQLITE_PATH), taken while the server keeps running.
import { resolve } from 'node:path';
import { backupSqlite } from './adapters/sqlite/sqlite-backup.js';
import { ConfigError, loadConfig } from './config/config.js';

// The other stores are backed up with their own tools (docs/operations.md says which tables matter).
const OTHER_STORES: Record<string, string> = {
  mysql: 'STORE=mysql: back up with mysqldump --single-transaction (see docs/operations.md)',
  redis: 'STORE=redis keeps only live conversations; back up its RDB/AOF files if you need them (see docs/operations.md)',
  memory: 'STORE=memory keeps nothing on disk: there is nothing to back up',
};

async function main(): Promise<void> {
  const file = process.argv[2];
  if (!file || process.argv.length > 3) {
    process.stderr.write('usage: pnpm --filter @mpchat/server backup <file>   (an online copy of SQLITE_PATH)\n');
    process.exit(2);
  }
  const config = loadConfig(process.env);
  if (config.STORE !== 'sqlite') {
    process.stderr.write(`mpchat backup: ${OTHER_STORES[config.STORE]}\n`);
    process.exit(2);
  }
  // SQLITE_PATH is relative to the working directory, as the server reads it (`pnpm start` and
  // `pnpm --filter` both run in apps/server); the file is relative to where the command was typed.
  const from = resolve(config.SQLITE_PATH);
  const to = resolve(process.env.INIT_CWD ?? process.cwd(), file);
  const counts = await backupSqlite(from, to);
  process.stdout.write(`mpchat backup: ${from} → ${to} (${counts.sessions} sessions, ${counts.turns} turns, ${counts.feedback} feedback; integrity ok)\n`);
}

main().catch((err: unknown) => {
  process.stderr.write(`mpchat backup: ${err instanceof ConfigError ? `invalid configuration: ${err.message}` : (err as Error).message}\n`);
  process.exit(1);
});
