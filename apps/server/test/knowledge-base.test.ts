import { mkdtempSync, readdirSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { unzipSync, strFromU8 } from 'fflate';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KB_DIR } from '../src/config/config.js';
import { createKbEngine } from '../src/engines/kb/index.js';
import { newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { STORES } from './stores.js';
import { migrate } from '../src/adapters/mysql/mysql-migrate.js';
import { openMysql } from '../src/adapters/mysql/mysql-pool.js';
import { MysqlStore } from '../src/adapters/mysql/mysql-store.js';
import { createTestDatabase, type TestDatabase } from '../src/adapters/mysql/testing/mysql-test-db.js';
import { SqliteStore } from '../src/adapters/sqlite/sqlite-store.js';
import type { ChatStore } from '../src/ports/store.js';
import { zipKbFiles } from '../src/knowledge/kb-files.js';

const WANG = 'wang-teacher-token-0001';
const LI = 'li-teacher-token-00002';
const env = { ADMIN_TOKENS: `wang:${WANG},李老师:${LI}`, KB_CHUNK_DELAY_MS: '0' };
const SHIPPED = new Map(
  readdirSync(DEFAULT_KB_DIR)
    .filter((f) => /^\d.*\.md$/.test(f))
    .map((f) => [f, readFileSync(join(DEFAULT_KB_DIR, f), 'utf8')]),
);

/** An admin call as one teacher: JSON in, status and envelope (or raw bytes) out. */
function adminAs(base: string, token: string) {
  return async (method: string, path: string, body?: unknown) => {
    const res = await fetch(`${base}/admin${path}`, {
      method,
      headers: { Authorization: `Bearer ${token}`, ...(body === undefined ? {} : { 'Content-Type': 'application/json' }) },
      ...(body === undefined ? {} : { body: JSON.stringify(body) }),
    });
    const type = res.headers.get('content-type') ?? '';
    return { status: res.status, type, body: type.includes('json') ? ((await res.json()) as Record<string, any>) : new Uint8Array(await res.arrayBuffer()) } as {
      status: number;
      type: string;
      body: any;
    };
  };
}

async function ask(s: TestServer, question: string): Promise<Record<string, any>> {
  const sid = newSessionId();
  await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: question, timestamp: ts(0) });
  return (await receiveFinal(s.url, { sessionId: sid, after: 0 })).body;
}

const start = async (store: TestServer['store']) =>
  startTestServer({ store, engine: await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 0 }), env });

describe.each(STORES)('the knowledge base kept in the store (%s store)', (_name, makeStore) => {
  let s: TestServer;
  let wang: ReturnType<typeof adminAs>;
  let li: ReturnType<typeof adminAs>;
  beforeAll(async () => {
    s = await start(await makeStore());
    wang = adminAs(s.url, WANG);
    li = adminAs(s.url, LI);
  });
  afterAll(() => s.close());

  it('seeds an empty store from KB_DIR and exports it back byte for byte (zip)', async () => {
    const page = await wang('GET', '/kb/entries?limit=200');
    expect(page.body.data.items.length).toBeGreaterThan(50);
    expect(page.body.data.items[0]).toMatchObject({ id: '01-troubleshooting-1', version: 1, updatedBy: 'seed', enabled: true });
    const zip = await wang('GET', '/kb/export');
    expect(zip.type).toBe('application/zip');
    const files = new Map(Object.entries(unzipSync(zip.body)).map(([n, b]) => [n, strFromU8(b)]));
    expect(files).toEqual(SHIPPED);
  });

  it('answers from an entry a teacher adds, records who changed what, and keeps every version', async () => {
    const question = '实验室的打印机密码是多少';
    expect((await ask(s, question)).data.sources ?? []).toEqual([]);
    const created = await wang('POST', '/kb/entries', { title: '实验室打印机的密码是多少', body: '打印机密码贴在机身右侧，**不要外传**。', tags: ['实验室'] });
    expect(created.body.data.entry).toMatchObject({ version: 1, updatedBy: 'wang', file: 'teacher-answers.md', topic: '教师补充' });
    const id = created.body.data.entry.id as string;
    expect((await ask(s, question)).data).toMatchObject({ sources: [{ title: '实验室打印机的密码是多少' }], content: expect.stringContaining('机身右侧') });

    const edited = await li('PUT', `/kb/entries/${id}`, { title: '实验室打印机的密码是多少', body: '密码在机房门口的告示上。', version: 1 });
    expect(edited.body.data.entry).toMatchObject({ version: 2, updatedBy: '李老师' });
    const stale = await wang('PUT', `/kb/entries/${id}`, { title: 'x', body: 'y', version: 1 });
    expect(stale.status).toBe(409);
    expect(stale.body.error).toBe('VERSION_CONFLICT');
    expect((await ask(s, question)).data.content).toContain('告示');

    const versions = await wang('GET', `/kb/entries/${id}/versions`);
    expect(versions.body.data.items.map((v: any) => [v.version, v.updatedBy])).toEqual([
      [2, '李老师'],
      [1, 'wang'],
    ]);
    const reverted = await wang('POST', `/kb/entries/${id}/revert`, { version: 1 });
    expect(reverted.body.data.entry).toMatchObject({ version: 3, updatedBy: 'wang', body: '打印机密码贴在机身右侧，**不要外传**。' });

    expect((await wang('DELETE', `/kb/entries/${id}`)).body.data).toEqual({ id, deleted: true, version: 4 });
    expect((await wang('GET', `/kb/entries/${id}`)).body.error).toBe('ENTRY_NOT_FOUND');
    expect((await ask(s, question)).data.sources ?? []).toEqual([]);
    expect((await wang('POST', `/kb/entries/${id}/revert`, { version: 3 })).body.data.entry.version).toBe(5);
    expect((await ask(s, question)).data.sources).toEqual([{ title: '实验室打印机的密码是多少' }]);
  });

  it('hit-tests a question with the engine\'s own ranking', async () => {
    const r = await wang('POST', '/kb/search', { question: 'BGP实验ping不通怎么办', limit: 3 });
    expect(r.body.data.matched).toBe(true);
    expect(r.body.data.hits[0]).toMatchObject({ id: '05-bgp-1', title: 'BGP实验ping不通怎么办', score: expect.any(Number) });
    expect((await wang('POST', '/kb/search', { question: '今天食堂吃什么' })).body.data.matched).toBe(false);
  });

  it('keeps the synonyms list versioned like the entries, seeded from KB_DIR/synonyms.txt', async () => {
    const shipped = readFileSync(join(DEFAULT_KB_DIR, 'synonyms.txt'), 'utf8');
    expect((await wang('GET', '/kb/synonyms')).body.data.synonyms).toMatchObject({ text: shipped, version: 1, updatedBy: 'seed' });
    await wang('PUT', '/kb/synonyms', { text: 'ping 连通性测试\nOSPF 开放最短路径优先', version: 1 });
    const third = await li('PUT', '/kb/synonyms', { text: 'ping 连通性测试', version: 2 });
    expect(third.body.data.synonyms).toMatchObject({ version: 3, updatedBy: '李老师' });
    expect((await wang('PUT', '/kb/synonyms', { text: 'x', version: 2 })).body.error).toBe('VERSION_CONFLICT');
    expect((await wang('GET', '/kb/synonyms/versions')).body.data.items.map((v: any) => v.version)).toEqual([3, 2, 1]);
  });

  it('answers bad admin input with the envelope: unknown entry, bad id, bad zip', async () => {
    expect((await wang('GET', '/kb/entries/nope')).status).toBe(404);
    const badId = await wang('GET', '/kb/entries/..%2Fetc');
    expect(badId.status).toBe(400);
    expect(badId.body.issues[0]).toMatchObject({ location: 'path', path: 'id' });
    const badZip = await wang('POST', '/kb/import', { format: 'zip', content: 'bm90IGEgemlw' });
    expect(badZip.body).toMatchObject({ code: 400, error: 'INVALID_ARGUMENT', issues: [{ path: 'content' }] });
    expect((await wang('POST', '/kb/entries', { title: '', body: 'x' })).body.issues[0]).toMatchObject({ location: 'body', path: 'title' });
  });
});

const sqliteFile = join(mkdtempSync(join(tmpdir(), 'mpchat-kb-')), 'kb.db');
let mysql: TestDatabase | undefined;
afterAll(() => mysql?.drop());
/** Opens the same database again each time, as a restarted server does. */
const REOPEN: [string, () => Promise<ChatStore>][] = [
  ['sqlite', async () => new SqliteStore(sqliteFile)],
  [
    'mysql',
    async () => {
      mysql ??= await createTestDatabase();
      const pool = openMysql({ url: mysql.url });
      await migrate(pool);
      return new MysqlStore(pool);
    },
  ],
];

describe.each(REOPEN)('knowledge base edits survive a restart and import round-trips (%s store)', (_name, open) => {
  it('keeps edits across a restart (no re-seeding) and imports an export exactly', async () => {
    let s = await start(await open());
    const wang = () => adminAs(s.url, WANG);
    const created = await wang()('POST', '/kb/entries', { title: '机房几点关门', body: '晚上十点。' });
    await wang()('PUT', '/kb/entries/05-bgp-1', { title: 'BGP实验ping不通怎么办', body: '先查邻居。' });
    const zip = (await wang()('GET', '/kb/export')).body as Uint8Array;
    await s.close();
    s = await start(await open());
    try {
      expect((await wang()('GET', `/kb/entries/${created.body.data.entry.id}`)).body.data.entry.title).toBe('机房几点关门');
      expect((await wang()('GET', '/kb/entries/05-bgp-1')).body.data.entry).toMatchObject({ version: 2, body: '先查邻居。' });
      expect((await ask(s, '机房几点关门')).data.content).toContain('晚上十点');
      const imported = await wang()('POST', '/kb/import', { format: 'zip', content: Buffer.from(zip).toString('base64'), replace: true });
      expect(imported.body.data).toMatchObject({ created: 0, updated: 0, deleted: 0 });
      expect(new Uint8Array((await wang()('GET', '/kb/export')).body)).toEqual(new Uint8Array(zip));
      // The shipped KB imported with replace gives the shipped files back.
      const shippedZip = Buffer.from(zipKbFiles(SHIPPED)).toString('base64');
      expect((await wang()('POST', '/kb/import', { format: 'zip', content: shippedZip, replace: true })).body.data).toMatchObject({ updated: 1, deleted: 1 });
      const again = new Map(Object.entries(unzipSync((await wang()('GET', '/kb/export')).body)).map(([n, b]) => [n, strFromU8(b)]));
      expect(again).toEqual(SHIPPED);
    } finally {
      await s.close();
    }
  });
});
