import { execFile } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { promisify } from 'node:util';
import { spawnServer, stopServer } from '@mpchat/testkit';
import { afterAll, describe, expect, it } from 'vitest';
import { get, newSessionId, post, receiveFinal, ts } from '../src/testing/test-server.js';

// The shipped backup command against a running server's SQLite file, then a restore: a server
// started on the copy answers for the same conversation and keeps its feedback.
const run = promisify(execFile);
const serverDir = fileURLToPath(new URL('..', import.meta.url));
const dir = mkdtempSync(join(tmpdir(), 'mpchat-backup-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** The backup command from source, as `pnpm --filter @mpchat/server backup` runs its build. */
function backup(file: string, env: Record<string, string>) {
  const args = ['--conditions=@mpchat/source', '--import', 'tsx', 'src/backup-main.ts', file];
  return run(process.execPath, args, { cwd: serverDir, env: { PATH: process.env.PATH ?? '', INIT_CWD: dir, ...env } });
}

describe('pnpm --filter @mpchat/server backup <file>', () => {
  it('copies a live SQLite store that restores to a working server', async () => {
    const env = { STORE: 'sqlite', SQLITE_PATH: join(dir, 'live.db') };
    const live = await spawnServer(env, 60_000);
    const sid = newSessionId();
    try {
      await post(`${live.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '请问BGP协议实验ping不通怎么办?', timestamp: ts() });
      const answer = await receiveFinal(live.url, { sessionId: sid }, 15_000);
      expect(answer.body.code).toBe(200);
      await post(`${live.url}/mpweixin/chatbot/feedback`, { sessionId: sid, seq: 1, rating: 'down' });
      // Taken while the server runs (its WAL holds recent writes): a name relative to where the command was typed.
      const { stdout } = await backup('copy.db', env);
      expect(stdout).toBe(`mpchat backup: ${env.SQLITE_PATH} → ${join(dir, 'copy.db')} (1 sessions, 1 turns, 1 feedback; integrity ok)\n`);
      await expect(backup('copy.db', env)).rejects.toMatchObject({ stderr: `mpchat backup: [sqlite] ${join(dir, 'copy.db')} already exists; choose a new file name\n` });
    } finally {
      await stopServer(live);
    }
    const restored = await spawnServer({ STORE: 'sqlite', SQLITE_PATH: join(dir, 'copy.db') }, 60_000);
    try {
      const again = await get(`${restored.url}/mpweixin/chatbot/receive`, { sessionId: sid });
      expect(again.body).toMatchObject({ code: 200, data: { seq: 1 } });
      expect(again.body.data.content).toMatch(/BGP/);
    } finally {
      await stopServer(restored);
    }
  }, 240_000);

  it('points the other stores to their own tools', async () => {
    await expect(backup('x.db', { STORE: 'mysql', MYSQL_URL: 'mysql://u:p@127.0.0.1:3306/mpchat' })).rejects.toMatchObject({
      code: 2,
      stderr: expect.stringContaining('mysqldump --single-transaction'),
    });
  }, 90_000);
});
