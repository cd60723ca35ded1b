import { mkdtempSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { spawnServer, stopServer } from '@mpchat/testkit';
import { afterAll, describe, expect, it } from 'vitest';

// What an operator sees at start-up: one line for a port that is taken, warnings for settings that
// are valid but probably not meant, the pid to signal, and the playground off in production.

/** The output of a server that must refuse to start. */
async function refusal(env: Record<string, string>): Promise<string> {
  const err = await spawnServer({ STORE: 'memory', ...env }, START_MS).then(
    (s) => {
      s.proc.kill('SIGKILL');
      throw new Error('the server started');
    },
    (e: Error) => e,
  );
  return err.message.replace(/^server exited \(1\) before listening:\n/, '');
}

// Starting the server from source (tsx) takes seconds on a busy machine.
const START_MS = 60_000;
const dir = mkdtempSync(join(tmpdir(), 'mpchat-startup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('start-up problems', { timeout: 2 * START_MS }, () => {
  it('refuses a SQLite file that a newer build has migrated', async () => {
    const path = join(dir, 'newer.db');
    const first = await spawnServer({ STORE: 'sqlite', SQLITE_PATH: path }, START_MS);
    await stopServer(first);
    const db = new Database(path);
    db.prepare("INSERT INTO schema_migrations (version, name, applied_at) VALUES (999, 'from a newer build', 0)").run();
    db.close();
    const out = await refusal({ STORE: 'sqlite', SQLITE_PATH: path });
    expect(out.trim()).toMatch(/^mpchat: cannot start: \[sqlite\] the database has schema version 999, which this build does not know: .*\(SCHEMA_TOO_NEW\)$/);
  }, 3 * START_MS);

  it('says in one line that the port is in use, with no stack trace', async () => {
    const blocker = createServer();
    await new Promise<void>((resolve) => blocker.listen(0, '127.0.0.1', resolve));
    const port = (blocker.address() as { port: number }).port;
    try {
      const out = await refusal({ PORT: String(port) });
      // Log lines (JSON) may come before it; what a person reads is the one plain line, with no stack.
      expect(out.trim().split('\n').filter((line) => !line.startsWith('{'))).toEqual([`mpchat: cannot start: port ${port} is already in use (127.0.0.1:${port}); stop the other process or set PORT`]);
      expect(out).not.toMatch(/\n\s+at /);
    } finally {
      blocker.close();
    }
  });

  it('never prints a secret that is too short', async () => {
    const out = await refusal({ ADMIN_TOKEN: 'pa55word' });
    expect(out).toContain('ADMIN_TOKEN must be at least 16 characters');
    expect(out).not.toContain('pa55word');
  });

  it('warns about a misspelled setting and a TTL in seconds, and logs its pid and playground', async () => {
    const s = await spawnServer({ STORE: 'memory', MODERATON: 'words', SESSION_IDLE_TTL: '30', NODE_ENV: 'production' }, START_MS);
    try {
      const lines = s.output().trim().split('\n').map((l) => JSON.parse(l) as Record<string, unknown>);
      expect(lines.filter((l) => l.level === 40).map((l) => l.msg)).toEqual([
        'MODERATON is not an mpchat setting and is ignored; did you mean MODERATION?',
        'SESSION_IDLE_TTL=30 means 30 seconds; write 30m for minutes (or 30s to keep seconds and silence this warning)',
      ]);
      const listening = lines.find((l) => String(l.msg).startsWith('mpchat listening'))!;
      expect(listening).toMatchObject({ pid: s.proc.pid, playground: false });
      expect(listening.msg).toContain(`kill -HUP ${s.proc.pid}`);
      expect((await fetch(`${s.url}/playground`)).status).toBe(404);
    } finally {
      await stopServer(s);
    }
  });
});
