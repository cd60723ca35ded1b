import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { get, newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { STORES } from './stores.js';

// One instance keeps recent receive reads in memory (chat/turn-cache.ts). Each test first makes
// receive answer the same query twice (the second from memory), then changes the session and
// checks that the very next receive shows the change.
describe.each(STORES)('receive from memory on one instance (%s store)', (_name, makeStore) => {
  let s: TestServer;
  let api: string;
  beforeEach(async () => {
    s = await startTestServer({ store: await makeStore() });
    api = `${s.url}/mpweixin/chatbot`;
  });
  afterEach(() => s.close());

  const send = (sessionId: string, content: string, timestamp = ts()) => post(`${api}/send`, { sessionId, content, timestamp });
  const receive = (query: Record<string, string | number>) => get(`${api}/receive`, query);

  it('answers a reply that just settled with 200, never the code 100 it answered before', async () => {
    const sid = newSessionId();
    await send(sid, '#slow 4');
    let poll = await receive({ sessionId: sid });
    while (poll.body.code === 100 && !poll.body.data.content) poll = await receive({ sessionId: sid });
    expect(poll.body.code).toBe(100);
    expect((await receive({ sessionId: sid })).body.code).toBe(100);
    const held = await receive({ sessionId: sid, wait: 10 });
    expect(held.body.code).toBe(200);
    const after = await receive({ sessionId: sid });
    expect(after.status).toBe(200);
    expect(after.body).toEqual(held.body);
  });

  it('answers the new message after a send: latest and an older timestamp pick it at once', async () => {
    const sid = newSessionId();
    await send(sid, 'A', ts(0));
    const first = await receiveFinal(s.url, { sessionId: sid });
    expect(first.body.data.seq).toBe(1);
    expect((await receive({ sessionId: sid })).body).toEqual(first.body);
    expect((await receive({ sessionId: sid, timestamp: ts(0) })).body).toEqual(first.body);
    await send(sid, '#slow 3', ts(5));
    const latest = await receive({ sessionId: sid });
    expect(latest.body.code).toBe(100);
    const atOrAfter = await receive({ sessionId: sid, timestamp: ts(0) });
    expect(atOrAfter.body.code).toBe(100);
    const second = await receiveFinal(s.url, { sessionId: sid, timestamp: ts(0) });
    expect(second.body.data.seq).toBe(2);
    expect(second.body.data.content).toBe('第1段。第2段。第3段。');
    // The first reply is still there by its cursor.
    expect((await receive({ sessionId: sid, after: 0 })).body).toEqual(first.body);
  });

  it('answers 410 at once after destroy, though the reply was just served from memory', async () => {
    const sid = newSessionId();
    await send(sid, 'A');
    const done = await receiveFinal(s.url, { sessionId: sid });
    expect((await receive({ sessionId: sid })).body).toEqual(done.body);
    expect((await post(`${api}/destroy`, { sessionId: sid })).body.code).toBe(200);
    const gone = await receive({ sessionId: sid });
    expect(gone.status).toBe(410);
    expect(gone.body.error).toBe('SESSION_CLOSED');
  });

  it('answers a stopped reply with its stopped state at once', async () => {
    const sid = newSessionId();
    await send(sid, '#slow 50');
    let poll = await receive({ sessionId: sid });
    while (!poll.body.data.content) poll = await receive({ sessionId: sid });
    expect((await receive({ sessionId: sid })).body.code).toBe(100);
    expect((await post(`${api}/stop`, { sessionId: sid })).body.data.stopped).toBe(true);
    const held = await receive({ sessionId: sid, wait: 10 });
    expect(held.body.data.status).toBe('stopped');
    expect((await receive({ sessionId: sid })).body).toEqual(held.body);
  });
});
