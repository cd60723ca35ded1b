import { execFile } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { BACKSTOP_PAGES, type WalCheckpoint } from './sqlite-checkpointer.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-sqlite-ckpt-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const ids = Array.from({ length: 200 }, (_, i) => `00000000-0000-4000-8000-${String(i).padStart(12, '0')}`);

/** A store with 200 generating turns; `write(round)` saves a partial reply for each, one transaction per turn. */
async function generating(path: string, checkpoints: WalCheckpoint[]) {
  const store = new SqliteStore(path, { checkpoints: { everyMs: 20, onCheckpoint: (r) => checkpoints.push(r) } });
  for (const sessionId of ids) {
    await store.appendTurn({ sessionId, content: '请问BGP协议实验ping不通怎么办?', timestamp: '2023/11/03 15:30:00', now: 1, maxPending: 5, maxLiveSessions: 1_000, maxTurns: 0 });
    await store.startTurn(sessionId, 1);
  }
  const write = async (round: number) => {
    for (const sessionId of ids) await store.savePartial(sessionId, 1, `第${round}轮：${'先检查邻居状态'.repeat(20)}`);
  };
  return { store, write };
}

describe('SQLite WAL checkpoints on a thread of their own', () => {
  it('copies the WAL into the database off the event loop, so the WAL stays small', async () => {
    const path = join(dir, 'bounded.db');
    const checkpoints: WalCheckpoint[] = [];
    const { store, write } = await generating(path, checkpoints);
    // Setting up wrote a few thousand pages at once: wait for the thread to copy them.
    await expect.poll(() => checkpoints.some((c) => c.log > 0 && c.checkpointed === c.log)).toBe(true);
    await write(0);
    await new Promise((r) => setTimeout(r, 50));
    const start = statSync(`${path}-wal`).size;
    const sizes: number[] = [];
    // 200 commits a round, one page each at least: 25 rounds write ~20 MB of WAL frames, past
    // the 1,000 pages at which SQLite would checkpoint inside a commit.
    for (let round = 1; round < 25; round++) {
      await write(round);
      await new Promise((r) => setTimeout(r, 25));
      sizes.push(statSync(`${path}-wal`).size);
    }
    // Started over after each complete checkpoint: the file does not grow by the rounds' 20 MB.
    expect(Math.max(...sizes) - start).toBeLessThan(4 * 1024 * 1024);
    const fresh = new Database(path, { readonly: true });
    expect(fresh.prepare('SELECT COUNT(*) AS n FROM turns WHERE reply LIKE ?').get('第24轮%')).toEqual({ n: 200 });
    fresh.close();
    await store.close();
    // The last connection checkpointed what was left and removed the WAL.
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('leaves the main connection checkpointing only past a backstop, and reopens with everything', async () => {
    const path = join(dir, 'backstop.db');
    const checkpoints: WalCheckpoint[] = [];
    const { store, write } = await generating(path, checkpoints);
    const probe = new Database(path);
    // wal_autocheckpoint is per connection: read the store's through its own pragma.
    expect((store as unknown as { inner: { db: Database.Database } }).inner.db.pragma('wal_autocheckpoint', { simple: true })).toBe(BACKSTOP_PAGES);
    probe.close();
    await write(1);
    await store.close();
    await store.close();
    const again = new SqliteStore(path);
    expect((await again.getTurn(ids[199]!, 1))?.reply.startsWith('第1轮')).toBe(true);
    await again.close();
  });

  it('lets a program whose last act is closing the store close it completely', async () => {
    const path = join(dir, 'last-act.db');
    const script = join(dir, 'last-act.mts');
    const store = fileURLToPath(new URL('./sqlite-store.ts', import.meta.url));
    writeFileSync(script, `import { SqliteStore } from ${JSON.stringify(store)};\nconst s = new SqliteStore(${JSON.stringify(path)});\nawait s.ping();\nawait s.close();\nconsole.log('closed');\n`);
    const out = await new Promise<{ code: number | null; stdout: string }>((resolve) => {
      const child = execFile(process.execPath, ['--import', 'tsx', script], { timeout: 15_000 }, (_err, stdout) => resolve({ code: child.exitCode, stdout }));
    });
    expect(out).toEqual({ code: 0, stdout: 'closed\n' });
    expect(existsSync(`${path}-wal`)).toBe(false);
  });

  it('starts no thread for an in-memory database', async () => {
    const store = new SqliteStore(':memory:', { checkpoints: { everyMs: 5, onCheckpoint: () => expect.unreachable() } });
    await store.ping();
    await new Promise((r) => setTimeout(r, 30));
    await store.close();
  });
});
