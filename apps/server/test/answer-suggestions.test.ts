import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_KB_DIR } from '../src/config/config.js';
import { createKbEngine } from '../src/engines/kb/kb-engine.js';
import { newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';
import { WelcomeFile } from '../src/welcome/welcome-file.js';

const SPEC_QUESTION = '请问BGP协议实验ping不通怎么办?';

describe('suggested follow-ups and the welcome, with the shipped knowledge base', () => {
  let s: TestServer;
  beforeAll(async () => {
    s = await startTestServer({
      engine: await createKbEngine({ dir: DEFAULT_KB_DIR, chunkDelayMs: 0 }),
      welcome: await WelcomeFile.open(DEFAULT_KB_DIR),
    });
  });
  afterAll(() => s.close());

  it('answers with up to three short follow-up questions, never the entry that answered', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: SPEC_QUESTION, timestamp: ts() });
    const r = await receiveFinal(s.url, { sessionId: sid });
    expect(r.body.data.sources[0]).toEqual({ title: 'BGP实验ping不通怎么办' });
    const suggestions = r.body.data.suggestions as string[];
    expect(suggestions.length).toBeGreaterThanOrEqual(1);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    for (const q of suggestions) {
      expect(q.length).toBeLessThanOrEqual(32);
      expect(q).toMatch(/[？?）)]$/);
      expect(q).not.toContain('BGP实验ping不通');
    }
    // Stored with the turn: read again, the same chips.
    expect((await receiveFinal(s.url, { sessionId: sid, after: 0 })).body.data.suggestions).toEqual(suggestions);
  });

  it('carries the suggestions on the WebSocket reply frame too', async () => {
    const sid = newSessionId();
    const ws = await TestSocket.open(s.wsUrl, sid);
    ws.ws.send(JSON.stringify({ type: 'send', content: SPEC_QUESTION, timestamp: ts() }));
    await ws.until((frames) => frames.some((f) => f.type === 'reply'));
    const reply = ws.frames.find((f) => f.type === 'reply')!;
    expect(reply.type === 'reply' && reply.suggestions?.length).toBeGreaterThan(0);
    ws.ws.close();
  });

  it('offers no suggestions with the fallback answer to an off-topic question', async () => {
    const sid = newSessionId();
    await post(`${s.url}/mpweixin/chatbot/send`, { sessionId: sid, content: '今天食堂吃什么', timestamp: ts() });
    const r = await receiveFinal(s.url, { sessionId: sid });
    expect(r.body.data.content).toMatch(/^抱歉/);
    expect(r.body.data.suggestions).toBeUndefined();
  });

  it('serves the greeting and starters of kb/welcome.md', async () => {
    const r = await fetch(`${s.url}/mpweixin/chatbot/welcome`);
    expect(r.status).toBe(200);
    const body = (await r.json()) as { code: number; data: { greeting: string; starters: string[] } };
    expect(body.code).toBe(200);
    expect(body.data.greeting).toMatch(/网络实验助教/);
    expect(body.data.greeting).not.toMatch(/^#/);
    expect(body.data.starters).toEqual(['BGP实验ping不通怎么办？', 'OSPF邻居一直停留在Init状态怎么办？', '静态路由怎么配置？']);
  });
});
