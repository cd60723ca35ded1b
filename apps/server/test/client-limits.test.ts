import { afterEach, describe, expect, it } from 'vitest';
import { until } from '@mpchat/testkit';
import { newSessionId, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import type { TestSocket } from '../src/testing/ws-client.js';
import { apiAs } from './auth-client.js';

// Per-client limits on one instance: an abusing client is refused with 429 RATE_LIMITED while
// another client chats normally; a classroom behind one address is not limited at the defaults.
let s: TestServer;
const sockets: TestSocket[] = [];
afterEach(async () => {
  for (const sock of sockets.splice(0)) sock.ws.terminate();
  await s?.close();
});
const start = async (env: Record<string, string>) => {
  s = await startTestServer({ env: { TRUST_PROXY: 'true', ...env } });
};
/** A client known by its address (AUTH=none behind a trusted proxy). */
const byAddress = (ip: string) => apiAs(s.url, { 'X-Forwarded-For': ip });
const rateLimited = { code: 429, error: 'RATE_LIMITED', retryable: true, data: {} };

describe('per-client limits over HTTP', () => {
  it('refuses an address opening sessions too fast, and not its neighbour', async () => {
    await start({ LIMIT_SESSIONS_PER_MINUTE: '5', LIMIT_ADDRESS_FACTOR: '1' });
    const abuser = byAddress('10.0.0.66');
    for (let i = 0; i < 5; i++) expect((await abuser.send(newSessionId(), '你好', ts(i))).status).toBe(200);
    const refused = await abuser.send(newSessionId(), '你好', ts(9));
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject(rateLimited);
    expect(refused.body.message).toMatch(/^\[limits\] too many new sessions per minute/);
    expect(refused.body.retryAfterMs).toBeGreaterThanOrEqual(1_000);
    expect(Number(refused.headers.get('retry-after'))).toBeGreaterThanOrEqual(1);
    // The neighbour chats normally, and the abuser can still use the sessions it has.
    const neighbour = byAddress('10.0.0.7');
    const sid = newSessionId();
    expect((await neighbour.send(sid, '你好', ts(0))).status).toBe(200);
    expect((await neighbour.receive(sid, { wait: 5 })).body).toMatchObject({ code: 200, data: { seq: 1 } });
  });

  it('refuses messages over the per-minute budget of a WeChat user (AUTH=wx-cloud)', async () => {
    await start({ AUTH: 'wx-cloud', AUTH_WX_HEADERS_TRUSTED: 'true', LIMIT_MESSAGES_PER_MINUTE: '4' });
    const abuser = apiAs(s.url, { 'X-WX-OPENID': 'o-script', 'X-WX-SOURCE': 'wx_client' });
    const sid = newSessionId();
    for (let i = 0; i < 4; i++) expect((await abuser.send(sid, `问题${i}`, ts(i))).status).toBe(200);
    const refused = await abuser.send(sid, '再来', ts(9));
    expect(refused.body).toMatchObject(rateLimited);
    expect(refused.body.message).toMatch(/messages per minute/);
    const other = apiAs(s.url, { 'X-WX-OPENID': 'o-student', 'X-WX-SOURCE': 'wx_client' });
    expect((await other.send(newSessionId(), '你好', ts(0))).status).toBe(200);
    // Reading is not limited: the abuser still gets its replies.
    expect((await abuser.receive(sid, { after: 0, wait: 5 })).body.code).toBe(200);
  });

  it('holds live sessions per client and gives a slot back when a session is destroyed', async () => {
    await start({ LIMIT_LIVE_SESSIONS: '3', LIMIT_ADDRESS_FACTOR: '1' });
    const client = byAddress('10.0.0.8');
    const sids = [newSessionId(), newSessionId(), newSessionId()];
    for (const sid of sids) expect((await client.send(sid, '你好', ts())).status).toBe(200);
    const fourth = newSessionId();
    expect((await client.send(fourth, '你好', ts())).body).toMatchObject({ ...rateLimited, message: expect.stringMatching(/live sessions/) });
    // Messages in a session it holds are fine.
    expect((await client.send(sids[0]!, '继续', ts(1))).status).toBe(200);
    await client.destroy(sids[1]!);
    expect((await client.send(fourth, '你好', ts())).status).toBe(200);
  });

  it('gives a live-session slot back when a session expires (regression: the sweeper bypassed destroy)', async () => {
    await start({ LIMIT_LIVE_SESSIONS: '1', LIMIT_ADDRESS_FACTOR: '1', SESSION_IDLE_TTL: '1s', SWEEP_INTERVAL: '1s' });
    const client = byAddress('10.0.0.9');
    const first = newSessionId();
    expect((await client.send(first, '你好', ts())).status).toBe(200);
    const second = newSessionId();
    expect((await client.send(second, '你好', ts())).body).toMatchObject({ ...rateLimited, message: expect.stringMatching(/live sessions/) });
    // The first session idles out and the sweeper closes it: its slot is free again.
    await until(async () => (await client.receive(first)).status === 410, 10_000, 'the idle session to be closed');
    await until(async () => (await client.send(second, '你好', ts())).status === 200, 5_000, 'the slot to be given back');
  });

  it('caps every client at a quarter of MAX_LIVE_SESSIONS, so one client cannot fill the server', async () => {
    await start({ MAX_LIVE_SESSIONS: '8' });
    const abuser = byAddress('10.0.0.66');
    expect((await abuser.send(newSessionId(), 'a', ts())).status).toBe(200);
    expect((await abuser.send(newSessionId(), 'b', ts())).status).toBe(200);
    expect((await abuser.send(newSessionId(), 'c', ts())).body).toMatchObject(rateLimited);
    for (const ip of ['10.0.0.1', '10.0.0.2', '10.0.0.3']) expect((await byAddress(ip).send(newSessionId(), '你好', ts())).status).toBe(200);
  });
});

describe('per-client limits over WebSocket', () => {
  it('refuses a socket over the client limit with the 429 envelope, and frees the slot when one closes', async () => {
    await start({ LIMIT_SOCKETS: '2', LIMIT_ADDRESS_FACTOR: '1' });
    const abuser = byAddress('10.0.0.66');
    for (let i = 0; i < 2; i++) sockets.push(await abuser.socket(s.wsUrl, newSessionId()));
    const refusal = await abuser.refusedUpgrade(s.wsUrl, newSessionId());
    expect(refusal.status).toBe(429);
    expect(refusal.body).toMatchObject({ ...rateLimited, message: expect.stringMatching(/open sockets/) });
    expect(Number(refusal.retryAfter)).toBeGreaterThanOrEqual(1);
    sockets.push(await byAddress('10.0.0.7').socket(s.wsUrl, newSessionId()));
    sockets[0]!.close();
    await sockets[0]!.closedWith();
    // The slot is given back when the server sees the connection end.
    await until(async () => {
      const again = await abuser.socket(s.wsUrl, newSessionId()).catch(() => undefined);
      if (again) sockets.push(again);
      return again !== undefined;
    }, 5_000, 'a socket slot freed');
  });

  it('answers messages over the budget with an error frame, and the socket stays usable for others', async () => {
    await start({ AUTH: 'wx-cloud', AUTH_WX_HEADERS_TRUSTED: 'true', LIMIT_MESSAGES_PER_MINUTE: '3' });
    const abuser = apiAs(s.url, { 'X-WX-OPENID': 'o-script', 'X-WX-SOURCE': 'wx_client' });
    const sock = await abuser.socket(s.wsUrl, newSessionId());
    sockets.push(sock);
    for (let i = 0; i < 4; i++) sock.send({ type: 'send', content: `问题${i}`, timestamp: ts(i), clientMsgId: crypto.randomUUID() });
    await sock.until((f) => f.some((x) => x.type === 'error'));
    expect(sock.of('ack')).toHaveLength(3);
    expect(sock.of('error')[0]).toMatchObject({ type: 'error', code: 429, error: 'RATE_LIMITED', retryable: true });
    const other = await apiAs(s.url, { 'X-WX-OPENID': 'o-student', 'X-WX-SOURCE': 'wx_client' }).socket(s.wsUrl, newSessionId());
    sockets.push(other);
    other.send({ type: 'send', content: '你好', timestamp: ts(), clientMsgId: crypto.randomUUID() });
    await other.until((f) => f.some((x) => x.type === 'reply'));
  });
});

describe('a classroom behind one address (defaults)', () => {
  it('lets 60 students on one campus IP each open a session, a socket and chat', async () => {
    await start({});
    const campus = byAddress('202.120.1.1');
    const sids = Array.from({ length: 60 }, () => newSessionId());
    for (const sid of sids) sockets.push(await campus.socket(s.wsUrl, sid));
    for (let round = 0; round < 3; round++) {
      const sends = await Promise.all(sids.map((sid) => campus.send(sid, `第${round}题`, ts(round))));
      expect(sends.filter((r) => r.status !== 200).map((r) => r.body)).toEqual([]);
      const replies = await Promise.all(sids.map((sid) => campus.receive(sid, { after: round, wait: 10 })));
      expect(replies.filter((r) => r.body.code !== 200).map((r) => r.body)).toEqual([]);
    }
  });
});
