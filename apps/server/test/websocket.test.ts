import { WS_CLOSE } from '@mpchat/contract';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { ScriptedEngine } from '../src/testing/scripted-engine.js';
import { newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

const slowText = (n: number) => Array.from({ length: n }, (_, i) => `第${i + 1}段。`).join('');

describe('the WebSocket interface', () => {
  let s: TestServer;
  const sockets: TestSocket[] = [];
  const open = async (sid: string, after?: number, opts = {}) => {
    const sock = await TestSocket.open(s.wsUrl, sid, after, opts);
    sockets.push(sock);
    return sock;
  };
  beforeEach(async () => {
    s = await startTestServer({ env: { WS_HEARTBEAT: '300ms', WS_MAX_BUFFERED_BYTES: '65536' } });
  });
  afterEach(async () => {
    for (const sock of sockets.splice(0)) sock.ws.terminate();
    await s.close();
  });

  it('says hello, acks a send, streams deltas that concatenate to exactly the reply (Chinese)', async () => {
    const sid = newSessionId();
    const sock = await open(sid);
    await sock.until((f) => f.some((x) => x.type === 'hello'));
    expect(sock.frames[0]).toEqual({ type: 'hello', sessionId: sid, lastSeq: 0, heartbeatMs: 300 });
    const clientMsgId = crypto.randomUUID();
    sock.send({ type: 'send', content: '#slow 12', timestamp: ts(), clientMsgId });
    await sock.until((f) => f.some((x) => x.type === 'reply'));
    expect(sock.of('ack')).toEqual([{ type: 'ack', seq: 1, clientMsgId }]);
    const reply = sock.of('reply')[0]!;
    expect(reply).toMatchObject({ seq: 1, status: 'completed', data: { sessionId: sid, content: slowText(12) } });
    expect(Object.keys(reply.data).sort()).toEqual(['content', 'sessionId', 'timestamp']);
    expect(sock.textOf(1)).toBe(reply.data.content);
    expect(sock.of('delta').length).toBeGreaterThan(1);
  });

  it('streams a message sent over HTTP to the session socket, and a socket message is readable over HTTP', async () => {
    const sid = newSessionId();
    const sock = await open(sid);
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '来自HTTP', timestamp: ts(0) });
    await sock.until((f) => f.some((x) => x.type === 'reply' && x.seq === 1));
    expect(sock.textOf(1)).toBe('答复：来自HTTP');
    sock.send({ type: 'send', content: '来自WebSocket', timestamp: ts(1) });
    await sock.until((f) => f.some((x) => x.type === 'ack' && x.seq === 2));
    const r = await receiveFinal(s.url, { sessionId: sid, after: 1 });
    expect(r.body.data).toMatchObject({ content: '答复：来自WebSocket', seq: 2 });
  });

  it('resumes after a forced drop mid-stream with no gap and no duplicate', async () => {
    const sid = newSessionId();
    const a = await open(sid);
    a.send({ type: 'send', content: '#slow 40', timestamp: ts() });
    await a.until((f) => f.filter((x) => x.type === 'delta').length >= 3);
    a.ws.terminate();
    const before = a.textOf(1);
    await new Promise((r) => setTimeout(r, 100));
    const b = await open(sid, 0);
    await b.until((f) => f.some((x) => x.type === 'reply'));
    const full = slowText(40);
    expect(b.of('reply')[0]!.data.content).toBe(full);
    // The new socket replays from offset 0: one contiguous text, and what the old socket had is a prefix.
    expect(b.textOf(1)).toBe(full);
    expect(full.startsWith(before)).toBe(true);
    expect(b.of('reply')).toHaveLength(1);
  });

  it('replays every reply missed while disconnected, in order, once', async () => {
    const sid = newSessionId();
    for (let i = 0; i < 3; i++) await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: `离线${i}`, timestamp: ts(i) });
    await receiveFinal(s.url, { sessionId: sid, after: 2 });
    const sock = await open(sid, 1);
    await sock.until((f) => f.filter((x) => x.type === 'reply').length === 2);
    await new Promise((r) => setTimeout(r, 100));
    expect(sock.of('reply').map((r) => [r.seq, r.data.content])).toEqual([
      [2, '答复：离线1'],
      [3, '答复：离线2'],
    ]);
    sock.send({ type: 'resume', after: 1 });
    await new Promise((r) => setTimeout(r, 150));
    expect(sock.of('reply')).toHaveLength(2);
  });

  it('replays a failed turn as an error frame with its seq', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#fail', timestamp: ts() });
    await receiveFinal(s.url, { sessionId: sid });
    const sock = await open(sid, 0);
    await sock.until((f) => f.some((x) => x.type === 'error'));
    expect(sock.of('error')[0]).toMatchObject({ seq: 1, code: 502, error: 'GENERATION_FAILED', retryable: false });
  });

  it('replaces an older connection of the same session (close 4000)', async () => {
    const sid = newSessionId();
    const a = await open(sid);
    const b = await open(sid);
    const closed = await a.closedWith();
    expect(closed.code).toBe(WS_CLOSE.REPLACED);
    expect(a.of('bye')).toEqual([{ type: 'bye', reason: 'replaced', closeCode: 4000 }]);
    b.send({ type: 'ping', t: 7 });
    await b.until((f) => f.some((x) => x.type === 'pong'));
    expect(b.of('pong')).toEqual([{ type: 'pong', t: 7 }]);
  });

  it('a late announcement of an older socket elsewhere does not close the newer one (regression: cross-instance race)', async () => {
    const sid = newSessionId();
    const sock = await open(sid);
    // Another instance's socket, opened a minute ago, announced only now (a slow bus): ours is newer.
    await s.bus.publish({ type: 'socket', sessionId: sid, connectionId: 'elsewhere-old', openedAt: Date.now() - 60_000 });
    sock.send({ type: 'ping', t: 1 });
    await sock.until((f) => f.some((x) => x.type === 'pong'));
    expect(sock.closed).toBeUndefined();
    // A socket opened elsewhere after ours replaces it.
    await s.bus.publish({ type: 'socket', sessionId: sid, connectionId: 'elsewhere-new', openedAt: Date.now() + 1_000 });
    expect((await sock.closedWith()).code).toBe(WS_CLOSE.REPLACED);
  });

  it('terminates a connection that stops answering heartbeats', async () => {
    const sock = await open(newSessionId(), undefined, { autoPong: false });
    const closed = await sock.closedWith(5_000);
    expect(closed.code).toBe(1006);
  });

  it('keeps a connection that answers heartbeats only with application pings', async () => {
    const sock = await open(newSessionId(), undefined, { autoPong: false });
    const timer = setInterval(() => sock.send({ type: 'ping' }), 100);
    await new Promise((r) => setTimeout(r, 1_000));
    clearInterval(timer);
    expect(sock.closed).toBeUndefined();
  });

  it('closes with 1009 on a frame over 64 KiB', async () => {
    const sock = await open(newSessionId());
    sock.send({ type: 'send', content: 'x'.repeat(70_000), timestamp: ts() });
    expect((await sock.closedWith()).code).toBe(WS_CLOSE.MESSAGE_TOO_BIG);
  });

  it('answers a malformed frame with an error frame, and repeated garbage with 1008', async () => {
    const sock = await open(newSessionId());
    sock.send({ type: 'send', content: '', timestamp: 'now' });
    await sock.until((f) => f.some((x) => x.type === 'error'));
    const err = sock.of('error')[0]!;
    expect(err).toMatchObject({ code: 400, error: 'INVALID_ARGUMENT', retryable: false });
    expect(err.issues!.map((i) => [i.location, i.path])).toEqual([
      ['frame', 'content'],
      ['frame', 'timestamp'],
    ]);
    for (let i = 0; i < 5; i++) sock.send('not json at all');
    expect((await sock.closedWith()).code).toBe(WS_CLOSE.POLICY_VIOLATION);
    expect(sock.of('error').length).toBeGreaterThanOrEqual(5);
  });

  it('rate-limits a flood of frames and finally closes with 1008', async () => {
    const sock = await open(newSessionId());
    for (let i = 0; i < 200; i++) sock.send({ type: 'ping' });
    expect((await sock.closedWith()).code).toBe(WS_CLOSE.POLICY_VIOLATION);
    expect(sock.of('error').some((e) => e.error === 'RATE_LIMITED' && e.retryable)).toBe(true);
  });

  it('cuts off a client that never reads, and the server goes on', async () => {
    const sid = newSessionId();
    const sock = await open(sid);
    await sock.until((f) => f.length > 0);
    (sock.ws as unknown as { _socket: { pause(): void } })._socket.pause();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#flood 4000', timestamp: ts() });
    await receiveFinal(s.url, { sessionId: sid }, 15_000);
    await expect.poll(() => s.app.gateway.size, { timeout: 5_000 }).toBe(0);
    const other = await open(newSessionId());
    other.send({ type: 'ping' });
    await other.until((f) => f.some((x) => x.type === 'pong'));
  });

  it('stops mid-stream: the partial text becomes the reply, marked stopped', async () => {
    const sid = newSessionId();
    const sock = await open(sid);
    sock.send({ type: 'send', content: '#slow 100', timestamp: ts() });
    await sock.until((f) => f.filter((x) => x.type === 'delta').length >= 2);
    sock.send({ type: 'stop' });
    await sock.until((f) => f.some((x) => x.type === 'reply'));
    const reply = sock.of('reply')[0]!;
    expect(reply.status).toBe('stopped');
    expect(reply.data.content).toBe(sock.textOf(1));
    expect(reply.data.content.length).toBeLessThan(slowText(100).length);
    const call = (s.engine as ScriptedEngine).calls.find((c) => c.input.sessionId === sid)!;
    expect(call.abortReason).toBe('stop');
    const http = await receiveFinal(s.url, { sessionId: sid });
    expect(http.body.data).toMatchObject({ status: 'stopped', content: reply.data.content });
  });

  it('echoes the clientMsgId on a send that fails', async () => {
    await s.close();
    s = await startTestServer({ env: { MAX_MESSAGES_PER_SESSION: '1' } });
    const sock = await open(newSessionId());
    sock.send({ type: 'send', content: 'one', timestamp: ts(0) });
    const clientMsgId = crypto.randomUUID();
    sock.send({ type: 'send', content: 'two', timestamp: ts(1), clientMsgId });
    await sock.until((f) => f.some((x) => x.type === 'error'));
    expect(sock.of('error')[0]).toMatchObject({ error: 'RATE_LIMITED', clientMsgId });
  });

  it('closes the socket with 4410 when the session is destroyed', async () => {
    const sid = newSessionId();
    const sock = await open(sid);
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '你好', timestamp: ts() });
    await post(`${s.url}/mpweixin/chatbot/destroy`, { sessionId: sid });
    expect((await sock.closedWith()).code).toBe(WS_CLOSE.SESSION_CLOSED);
    expect(sock.of('bye')).toEqual([{ type: 'bye', reason: 'session_closed', closeCode: 4410 }]);
    const again = await open(sid);
    expect((await again.closedWith()).code).toBe(WS_CLOSE.SESSION_CLOSED);
    expect(again.of('error')[0]).toMatchObject({ error: 'SESSION_CLOSED' });
  });

  it('refuses an upgrade with a bad session id or path with a JSON envelope', async () => {
    await expect(TestSocket.open(s.wsUrl, 'nope')).rejects.toThrow(/400/);
    await expect(TestSocket.open(`${s.url.replace('http', 'ws')}/elsewhere`, newSessionId())).rejects.toThrow(/404/);
  });
});

describe('stop over HTTP', () => {
  it('aborts the engine, keeps the partial text, and is a no-op when idle', async () => {
    const s = await startTestServer();
    try {
      const sid = newSessionId();
      const api = `${s.url}/mpweixin/chatbot`;
      await post(`${api}/send`, { sessionId: sid, content: '#slow 100', timestamp: ts() });
      await new Promise((r) => setTimeout(r, 150));
      expect((await post(`${api}/stop`, { sessionId: sid })).body).toEqual({ code: 200, message: 'stopping', data: { stopped: true, seq: 1 } });
      const r = await receiveFinal(s.url, { sessionId: sid });
      expect(r.body.data.status).toBe('stopped');
      expect(r.body.data.content).toMatch(/^第1段。/);
      expect((await post(`${api}/stop`, { sessionId: sid })).body).toEqual({ code: 200, message: 'nothing to stop', data: { stopped: false } });
      // A stop naming a turn stops only that turn: a late retry does not stop the next reply.
      await post(`${api}/send`, { sessionId: sid, content: '#slow 20', timestamp: ts(1) });
      expect((await post(`${api}/stop`, { sessionId: sid, seq: 1 })).body.data).toEqual({ stopped: false });
      expect((await receiveFinal(s.url, { sessionId: sid })).body.data).toMatchObject({ seq: 2, status: 'completed' });
    } finally {
      await s.close();
    }
  });
});

describe('long-poll receive', () => {
  let s: TestServer;
  beforeEach(async () => {
    s = await startTestServer();
  });
  afterEach(() => s.close());

  it('holds the request until the reply is done, then answers 200 in the same request', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#slow 10', timestamp: ts() });
    const res = await fetch(`${s.url}/mpweixin/chatbot/receive?sessionId=${sid}&wait=10`);
    expect(await res.json()).toMatchObject({ code: 200, data: { content: slowText(10), seq: 1 } });
  });

  it('answers 100 with the partial text when the wait ends first', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#hang', timestamp: ts() });
    const started = Date.now();
    const res = await fetch(`${s.url}/mpweixin/chatbot/receive?sessionId=${sid}&wait=1`);
    expect(await res.json()).toMatchObject({ code: 100, data: {} });
    expect(Date.now() - started).toBeGreaterThanOrEqual(900);
  });

  it('answers a failure that happens mid-wait with its error', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#fail', timestamp: ts() });
    const res = await fetch(`${s.url}/mpweixin/chatbot/receive?sessionId=${sid}&wait=10`);
    expect(res.status).toBe(502);
    expect(await res.json()).toMatchObject({ error: 'GENERATION_FAILED' });
  });

  it('answers SESSION_CLOSED when the session is destroyed mid-wait', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#hang', timestamp: ts() });
    const held = fetch(`${s.url}/mpweixin/chatbot/receive?sessionId=${sid}&wait=20`);
    await new Promise((r) => setTimeout(r, 100));
    await post(`${s.url}/mpweixin/chatbot/destroy`, { sessionId: sid });
    const res = await held;
    expect(res.status).toBe(410);
  });

  it('releases the waiter when the client goes away', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#hang', timestamp: ts() });
    const bus = s.bus;
    const gone = new AbortController();
    const held = fetch(`${s.url}/mpweixin/chatbot/receive?sessionId=${sid}&wait=20`, { signal: gone.signal }).catch(() => 'aborted');
    await expect.poll(() => bus.sessionCount).toBe(1);
    gone.abort();
    expect(await held).toBe('aborted');
    await expect.poll(() => bus.sessionCount).toBe(0);
  });

  it('answers held polls and tells sockets on shutdown', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '#hang', timestamp: ts() });
    const sock = await TestSocket.open(s.wsUrl, newSessionId());
    const held = fetch(`${s.url}/mpweixin/chatbot/receive?sessionId=${sid}&wait=20`).then((r) => r.json());
    await new Promise((r) => setTimeout(r, 100));
    const closing = s.app.close();
    expect(await held).toMatchObject({ code: 100 });
    expect((await sock.closedWith()).code).toBe(WS_CLOSE.GOING_AWAY);
    expect(sock.of('bye')).toEqual([{ type: 'bye', reason: 'shutdown', closeCode: 1001 }]);
    await closing;
  });
});
