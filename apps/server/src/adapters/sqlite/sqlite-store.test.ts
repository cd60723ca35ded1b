import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, describe, expect, it } from 'vitest';
import { StoreUnavailableError } from '../../ports/store.js';
import { newSessionId, post, startTestServer, ts } from '../../testing/test-server.js';
import { describeStore } from '../../testing/store-conformance.js';
import { SqliteStore } from './sqlite-store.js';

const dir = mkdtempSync(join(tmpdir(), 'mpchat-sqlite-'));
let n = 0;
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describeStore('sqlite', () => new SqliteStore(join(dir, `store-${n++}.db`)));

describe('SqliteStore on a real file', () => {
  it('keeps data across reopen, in WAL mode', async () => {
    const path = join(dir, 'reopen.db');
    const a = new SqliteStore(path);
    await a.appendTurn({
      sessionId: '80d5a793-0d16-4c15-9246-f6bc87e77ed6',
      content: 'hi',
      timestamp: '2023/11/03 15:30:00',
      now: 1,
      maxPending: 5,
      maxLiveSessions: 5,
      maxTurns: 0,
    });
    await a.close();
    const b = new SqliteStore(path);
    expect((await b.getTurn('80d5a793-0d16-4c15-9246-f6bc87e77ed6', 1))?.content).toBe('hi');
    await b.close();
  });

  it('creates the folder of its file', async () => {
    const s = new SqliteStore(join(dir, 'nested', 'deeper', 'x.db'));
    await s.ping();
    await s.close();
  });
});

describe('SqliteStore when the database cannot serve', () => {
  it('a file locked by another writer is STORE_UNAVAILABLE (503), not an internal error', async () => {
    const path = join(dir, 'locked.db');
    const store = new SqliteStore(path, { busyTimeoutMs: 50 });
    const other = new Database(path);
    other.exec('BEGIN EXCLUSIVE');
    const server = await startTestServer({ store });
    try {
      const append = store.appendTurn({ sessionId: newSessionId(), content: 'x', timestamp: ts(), now: 1, maxPending: 5, maxLiveSessions: 5, maxTurns: 0 });
      await expect(append).rejects.toBeInstanceOf(StoreUnavailableError);
      const r = await post(`${server.url}/mpweixin/chatbot/send`, { sessionId: newSessionId(), content: '你好', timestamp: ts() });
      expect(r.status).toBe(503);
      expect(r.body).toMatchObject({ code: 503, error: 'STORE_UNAVAILABLE', retryable: true });
      other.exec('COMMIT');
      expect((await post(`${server.url}/mpweixin/chatbot/send`, { sessionId: newSessionId(), content: '你好', timestamp: ts() })).status).toBe(200);
    } finally {
      other.close();
      await server.close();
    }
  });
});
