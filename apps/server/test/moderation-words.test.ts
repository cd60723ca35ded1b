import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { until } from '@mpchat/testkit';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ScriptedEngine } from '../src/testing/scripted-engine.js';
import { get, newSessionId, post, startTestServer, ts, type HttpResult, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

const REJECTED = '消息中含有不适宜的内容，请修改后再发送。';
const BLOCKED = '抱歉，这个问题我暂时无法回答。';
// The answer the engine streams: the listed term sits in the middle, in the third sentence.
const ANSWER = '第一句话说明背景。第二句话给出步骤。第三句里出现违禁词了。第四句话不该出现。第五句话也不该出现。';
const reversed = (s: string) => [...s].reverse().join('');

describe('content moderation with the words filter (a real server)', () => {
  let s: TestServer;
  beforeAll(async () => {
    const dir = mkdtempSync(join(tmpdir(), 'mpchat-words-'));
    const file = join(dir, 'words.txt');
    writeFileSync(file, '# test list\n违禁词\nbadword\n');
    s = await startTestServer({ env: { MODERATION: 'words', MODERATION_WORDS_FILE: file } });
  });
  afterAll(async () => {
    await s.close();
  });

  it.each([
    ['plain', '请告诉我违禁词是什么'],
    ['spaces', '请告诉我违 禁　词是什么'],
    ['zero-width characters', '请告诉我违\u200b禁\u200d词'],
    ['full-width letters and case', 'say ＢＡＤ Ｗｏｒｄ now'],
  ])('rejects a listed word over HTTP (%s): 422 CONTENT_REJECTED, nothing stored or generated', async (_, content) => {
    const sid = newSessionId();
    const calls = (s.engine as ScriptedEngine).calls.length;
    const r = await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content, timestamp: ts() });
    expect(r.status).toBe(422);
    expect(r.body).toMatchObject({ code: 422, error: 'CONTENT_REJECTED', message: REJECTED, retryable: false });
    // Nothing was stored: the session does not even exist.
    expect((await get(`${s.url}/mpweixin/chatbot/receive`, { sessionId: sid })).body.error).toBe('SESSION_NOT_FOUND');
    expect(await s.store.getSession(sid)).toBeUndefined();
    expect((s.engine as ScriptedEngine).calls.length).toBe(calls);
  });

  it('rejects a disguised listed word over WebSocket with an error frame; the next message is seq 1', async () => {
    const sid = newSessionId();
    const sock = await TestSocket.open(s.wsUrl, sid);
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      const [m1, m2] = [crypto.randomUUID(), crypto.randomUUID()];
      sock.send({ type: 'send', content: '违\u2060禁 词', timestamp: ts(), clientMsgId: m1 });
      await sock.until((f) => f.some((x) => x.type === 'error'));
      expect(sock.of('error')[0]).toMatchObject({ clientMsgId: m1, code: 422, error: 'CONTENT_REJECTED', message: REJECTED, retryable: false });
      expect(sock.of('ack')).toEqual([]);
      sock.send({ type: 'send', content: '你好', timestamp: ts(1), clientMsgId: m2 });
      await sock.until((f) => f.some((x) => x.type === 'reply'));
      expect(sock.of('ack')).toEqual([{ type: 'ack', seq: 1, clientMsgId: m2 }]);
      expect(sock.of('reply')[0]).toMatchObject({ seq: 1, status: 'completed', data: { content: '答复：你好' } });
    } finally {
      sock.ws.terminate();
    }
  });

  it('never lets a listed word in a streamed answer reach a frame, a partial, a long-poll or the store', async () => {
    const sid = newSessionId();
    const sock = await TestSocket.open(s.wsUrl, sid);
    const responses: HttpResult[] = [];
    try {
      await sock.until((f) => f.some((x) => x.type === 'hello'));
      const sent = await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: `#reverse ${reversed(ANSWER)}`, timestamp: ts() });
      expect(sent.status).toBe(200);
      // A long-poll held from the start, and plain polls (code-100 partials) until the turn settles.
      const longPoll = get(`${s.url}/mpweixin/chatbot/receive`, { sessionId: sid, after: 0, wait: 10 });
      for (;;) {
        const r = await get(`${s.url}/mpweixin/chatbot/receive`, { sessionId: sid, after: 0 });
        responses.push(r);
        if (r.body.code !== 100) break;
      }
      responses.push(await longPoll);
      await sock.until((f) => f.some((x) => x.type === 'reply'));

      const released = sock.textOf(1);
      // What was released before the flagged sentence, and nothing from it or after it.
      expect(ANSWER.startsWith(released)).toBe(true);
      expect(released).not.toContain('违禁');
      expect(released.length).toBeLessThanOrEqual(ANSWER.indexOf('第三句'));
      for (const frame of sock.frames) {
        expect(JSON.stringify(frame)).not.toMatch(/违禁|禁词|第四句|第五句/);
      }
      for (const r of responses) {
        expect(JSON.stringify(r.body)).not.toMatch(/违禁|禁词|第四句|第五句/);
        if (r.body.code === 100) expect(ANSWER.startsWith(r.body.data.content ?? '')).toBe(true);
      }
      expect(sock.of('reply')[0]).toMatchObject({ seq: 1, status: 'blocked', data: { content: BLOCKED } });
      expect(responses.at(-1)!.body).toMatchObject({ code: 200, data: { content: BLOCKED, seq: 1, status: 'blocked' } });
      expect(responses.at(-2)!.body).toMatchObject({ code: 200, data: { content: BLOCKED, status: 'blocked' } });
      expect(await s.store.getTurn(sid, 1)).toMatchObject({ status: 'blocked', reply: BLOCKED });
      // The engine was aborted.
      const call = (s.engine as ScriptedEngine).calls.find((c) => c.input.sessionId === sid)!;
      await until(() => call.finished);
      expect(call.abortReason).toBe('blocked');
    } finally {
      sock.ws.terminate();
    }
  });

  it('counts rejected messages and blocked replies in /metrics', async () => {
    const text = (await (await fetch(`${s.url}/metrics`)).text()).split('\n');
    const count = (direction: string) =>
      Number(text.find((l) => l.startsWith(`mpchat_moderation_blocks_total{direction="${direction}",filter="words",label="listed-term"}`))?.split(' ')[1]);
    expect(count('input')).toBeGreaterThanOrEqual(5);
    expect(count('output')).toBeGreaterThanOrEqual(1);
  });
});
