import pino from 'pino';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deleteKeys, REDIS_URL, testPrefix } from '@mpchat/testkit';
import { createApp, type MpchatApp } from '../src/app.js';
import { createRedisAdapters } from '../src/adapters/redis/redis-adapters.js';
import { loadConfig } from '../src/config/config.js';
import { ScriptedEngine } from '../src/testing/scripted-engine.js';
import { get, newSessionId, post, ts } from '../src/testing/test-server.js';

// Two instances on one Redis, no sticky sessions; only A generates (B is REDIS_WORKER=false). What
// one instance keeps in memory must never outlive a change made through the other: a bus across
// instances delivers events after the write is acknowledged, and a send publishes none.
const prefix = testPrefix();
let a: MpchatApp;
let b: MpchatApp;
let apiA: string;
let apiB: string;

async function start(worker: boolean): Promise<{ app: MpchatApp; api: string }> {
  const config = loadConfig({ STORE: 'redis', REDIS_URL, REDIS_PREFIX: prefix, REDIS_WORKER: String(worker), LOG_LEVEL: 'silent', SHUTDOWN_GRACE: '300ms' });
  const logger = pino({ level: 'silent' });
  const app = createApp({ config, ...(await createRedisAdapters({ ...config, REDIS_URL }, logger)), engine: new ScriptedEngine(), logger });
  const { port } = await app.listen(0, '127.0.0.1');
  return { app, api: `http://127.0.0.1:${port}/mpweixin/chatbot` };
}

beforeAll(async () => {
  ({ app: a, api: apiA } = await start(true));
  ({ app: b, api: apiB } = await start(false));
}, 30_000);

afterAll(async () => {
  await Promise.all([a?.close(), b?.close()]);
  await deleteKeys(REDIS_URL, prefix);
}, 30_000);

const send = (api: string, sessionId: string, content: string, timestamp = ts()) => post(`${api}/send`, { sessionId, content, timestamp });
const receive = (api: string, query: Record<string, string | number>) => get(`${api}/receive`, query);

describe('receive across two Redis instances', () => {
  it('serves on B a reply settled on A right after it settled (no stale code 100)', async () => {
    const sid = newSessionId();
    // Long enough (~600 ms) for four polls on B while it generates: deltas no longer wait for the
    // store, so a reply of a few pieces is over before a loaded machine answers four requests.
    await send(apiA, sid, '#slow 20');
    let poll = await receive(apiB, { sessionId: sid });
    while (poll.body.code === 100 && !poll.body.data.content) poll = await receive(apiB, { sessionId: sid });
    expect(poll.body.code).toBe(100);
    for (let i = 0; i < 3; i++) expect((await receive(apiB, { sessionId: sid })).body.code).toBe(100);
    const held = await receive(apiA, { sessionId: sid, wait: 10 });
    expect(held.body.code).toBe(200);
    const onB = await receive(apiB, { sessionId: sid });
    expect(onB.status).toBe(200);
    expect(onB.body).toEqual(held.body);
  });

  it('serves on B the message just sent on A (latest and an older timestamp pick it)', async () => {
    const sid = newSessionId();
    await send(apiA, sid, 'A', ts(0));
    const first = await receive(apiA, { sessionId: sid, wait: 10 });
    expect(first.body.data.seq).toBe(1);
    // Asked a few times: a cache on B would hold them by now.
    for (let i = 0; i < 3; i++) {
      expect((await receive(apiB, { sessionId: sid })).body).toEqual(first.body);
      expect((await receive(apiB, { sessionId: sid, timestamp: ts(0) })).body).toEqual(first.body);
    }
    expect((await send(apiA, sid, '#slow 3', ts(5))).body.data.seq).toBe(2);
    expect((await receive(apiB, { sessionId: sid })).body.code).toBe(100);
    expect((await receive(apiB, { sessionId: sid, timestamp: ts(0) })).body.code).toBe(100);
  });

  it('answers 410 on B at once after destroy on A', async () => {
    const sid = newSessionId();
    await send(apiA, sid, 'A');
    const done = await receive(apiA, { sessionId: sid, wait: 10 });
    for (let i = 0; i < 3; i++) expect((await receive(apiB, { sessionId: sid })).body).toEqual(done.body);
    expect((await post(`${apiA}/destroy`, { sessionId: sid })).body.code).toBe(200);
    const gone = await receive(apiB, { sessionId: sid });
    expect(gone.status).toBe(410);
    expect(gone.body.error).toBe('SESSION_CLOSED');
  });
});
