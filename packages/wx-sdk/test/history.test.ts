// A student's own history through the SDK (wx adapter, wx.login at the fake WeChat API) against a
// real server: listSessions, history, continue; and the NOT_FOUND a server without identities gives.
import { startFakeWechat, startServer, WxShim, type FakeWechat, type KbServer } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { ChatError } from '../src/index.js';
import { BGP, wxClient } from './helpers.js';

const SECRET = 'sdk-test-secret-that-is-at-least-32-bytes';
let wechat: FakeWechat;
let server: KbServer;
let codes = 0;

/** A client that logs in as `openid` (through wx.login and the fake WeChat). */
function clientAs(openid: string) {
  const shim = new WxShim();
  shim.loginCode = () => {
    const code = `history-code-${++codes}`;
    wechat.addLoginCode(code, { openid });
    return code;
  };
  return wxClient({ baseUrl: server.baseUrl, auth: 'wx-login', transport: 'longpoll' }, shim);
}

beforeAll(async () => {
  wechat = await startFakeWechat();
  server = await startServer({
    chunkDelayMs: 0,
    env: { AUTH: 'wx-login', AUTH_SECRET: SECRET, WX_APPID: wechat.appid, WX_SECRET: wechat.secret, WX_API_BASE: wechat.url },
  });
}, 60_000);
afterAll(async () => {
  await server?.stop();
  await wechat?.close();
});

describe('history through the SDK', () => {
  it('lists the user’s conversations and reads a closed one, turn by turn', async () => {
    const { client } = clientAs('o-sdk-history');
    const reply = await client.send(BGP);
    const first = client.sessionId!;
    const second = await client.reset();
    await client.send('OSPF 的区域怎么划分？');
    const page = await client.listSessions();
    expect(page.nextCursor).toBeNull();
    expect(page.items.map((s) => [s.sessionId, s.status, s.turns])).toEqual([
      [second, 'open', 1],
      [first, 'closed', 1],
    ]);
    expect(page.items[1]!.title).toBe(BGP);
    const h = await client.history(first);
    expect(h.session).toMatchObject({ sessionId: first, status: 'closed' });
    expect(h.items).toEqual([expect.objectContaining({ seq: 1, content: BGP, reply: reply.content, status: 'completed' })]);
    // Another user sees neither.
    const { client: other } = clientAs('o-sdk-someone-else');
    expect((await other.listSessions()).items).toEqual([]);
    expect(await other.history(first).catch((e: unknown) => e)).toMatchObject({ code: 'SESSION_NOT_FOUND', status: 404 });
    await client.destroy();
  });

  it('continue(): a new session whose first message names the old one, and only the first', async () => {
    const { client, shim } = clientAs('o-sdk-continue');
    await client.send(BGP);
    const old = client.sessionId!;
    const next = await client.continue(old);
    expect(next).not.toBe(old);
    expect(client.sessionId).toBe(next);
    await client.send('那 AS 号要怎么查？');
    await client.send('谢谢');
    const sends = shim.requests.filter((r) => r.url.endsWith('/send')).map((r) => r.body as Record<string, unknown>);
    expect(sends.map((b) => [b.sessionId, b.continueFrom])).toEqual([
      [old, undefined],
      [next, old],
      [next, undefined],
    ]);
    expect((await client.listSessions()).items.map((s) => s.sessionId)).toEqual([next, old]);
    await client.destroy();
  });

  it('continue() with a session that is not the user’s: the first send rejects with SESSION_NOT_FOUND', async () => {
    const { client } = clientAs('o-sdk-nosy');
    await client.continue('80d5a793-0d16-4c15-9246-f6bc87e77ed6');
    const err = await client.send('她问了什么？').catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ChatError);
    expect(err).toMatchObject({ code: 'SESSION_NOT_FOUND', message: expect.stringContaining('continueFrom: no conversation of yours') });
    expect(() => client.continue('not-a-uuid')).toThrow(ChatError);
    await client.destroy();
  });

  it('forget(): ends the conversation, deletes everything of the user on the server, and chats on in a new session', async () => {
    const { client, shim } = clientAs('o-sdk-forget');
    await client.send(BGP);
    const first = client.sessionId!;
    await client.reset();
    await client.send('OSPF 的区域怎么划分？');
    const second = client.sessionId!;
    const gone = await client.forget();
    expect(gone).toEqual({ sessions: 2, turns: 2, feedback: 0, moderation: 0 });
    expect(client.sessionId).not.toBe(second);
    expect((await client.listSessions()).items).toEqual([]);
    expect(await client.history(first).catch((e: unknown) => e)).toMatchObject({ code: 'SESSION_NOT_FOUND' });
    // The current conversation was ended before the data went: destroy, then forget.
    const calls = shim.requests.map((r) => r.url.replace(/^.*\/chatbot/, '').replace(/\?.*$/, ''));
    expect(calls.slice(calls.lastIndexOf('/forget') - 1, calls.lastIndexOf('/forget') + 1)).toEqual(['/destroy', '/forget']);
    expect((await client.send('你好')).status).toBe('completed');
    expect((await client.listSessions()).items.map((s) => s.sessionId)).toEqual([client.sessionId]);
    await client.destroy();
  });

  it('a server without identities (AUTH=none) has no history: NOT_FOUND', async () => {
    const { client } = wxClient({ baseUrl: inject('fastUrl'), transport: 'poll' });
    expect(await client.listSessions().catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
    expect(await client.forget().catch((e: unknown) => e)).toMatchObject({ code: 'NOT_FOUND', status: 404 });
  });
});
