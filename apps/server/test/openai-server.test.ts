import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { createKbEngine, type KbEngine } from '../src/engines/kb/index.js';
import { FALLBACK_NOTICE, type OpenAiEngine, type OpenAiEngineOptions } from '../src/engines/openai/index.js';
import { engineOnFake } from '../src/engines/openai/testing/fake-engine.js';
import { hang, startFakeUpstream, status, streamReply, type FakeUpstream } from '../src/engines/openai/testing/fake-upstream.js';
import { get, newSessionId, post, receiveFinal, startTestServer, ts, type TestServer } from '../src/testing/test-server.js';
import { TestSocket } from '../src/testing/ws-client.js';

const BGP_QUESTION = '请问BGP协议实验ping不通怎么办?';
const BGP_TITLE = 'BGP实验ping不通怎么办';

let kb: KbEngine;
let fake: FakeUpstream;
let s: TestServer | undefined;
beforeAll(async () => {
  kb = await createKbEngine({ dir: new URL('../kb/', import.meta.url), chunkDelayMs: 0 });
});
beforeEach(async () => {
  fake = await startFakeUpstream();
});
afterEach(async () => {
  await s?.close();
  s = undefined;
  await fake.close();
});
afterAll(() => kb.close());

/** The real server with the openai engine (on the fake provider) injected. */
async function serve(options: Partial<OpenAiEngineOptions> = {}): Promise<TestServer> {
  const engine = await engineOnFake(fake, kb, options);
  s = await startTestServer({ engine });
  return s;
}

const send = (server: TestServer, sessionId: string, content: string, offset = 0) =>
  post(`${server.url}/mpweixin/chatbot/send`, { sessionId, content, timestamp: ts(offset) });

describe('the server with the openai engine, over HTTP', () => {
  it('answers the spec question with the model reply and the grounding sections as sources', async () => {
    const server = await serve();
    fake.enqueue(streamReply(['先用 display bgp peer ', '确认邻居是 Established。\n参考：', BGP_TITLE]));
    const sid = newSessionId();
    await send(server, sid, BGP_QUESTION);
    const r = await receiveFinal(server.url, { sessionId: sid });
    expect(r.body).toMatchObject({ code: 200, data: { sessionId: sid, seq: 1, status: 'completed' } });
    expect(r.body.data.content).toBe(`先用 display bgp peer 确认邻居是 Established。\n参考：${BGP_TITLE}`);
    expect(r.body.data.sources[0]).toEqual({ title: BGP_TITLE });
    expect(fake.requests[0]!.body.messages![0]!.content).toContain(`<section title="${BGP_TITLE}"`);
  });

  it('remembers the session: the second request carries the first exchange', async () => {
    const server = await serve();
    fake.enqueue(streamReply(['OSPF 是链路状态协议。']), streamReply(['区域 0 是骨干区域。']));
    const sid = newSessionId();
    await send(server, sid, '什么是OSPF?', 0);
    await receiveFinal(server.url, { sessionId: sid, after: 0 });
    await send(server, sid, '那区域0呢?', 1);
    expect((await receiveFinal(server.url, { sessionId: sid, after: 1 })).body.data.content).toBe('区域 0 是骨干区域。');
    expect(fake.requests[1]!.body.messages!.slice(1)).toEqual([
      { role: 'user', content: '什么是OSPF?' },
      { role: 'assistant', content: 'OSPF 是链路状态协议。' },
      { role: 'user', content: '那区域0呢?' },
    ]);
  });

  it('reports a stream cut mid-way as 502 UPSTREAM_ERROR and keeps the partial reply', async () => {
    const server = await serve();
    fake.enqueue(streamReply(['先检查', '邻居状态', '再看路由'], { cutAfter: 2 }));
    const sid = newSessionId();
    await send(server, sid, BGP_QUESTION);
    const r = await receiveFinal(server.url, { sessionId: sid });
    expect(r.status).toBe(502);
    expect(r.body).toMatchObject({ code: 502, error: 'UPSTREAM_ERROR', message: 'the connection to the model service broke off', retryable: false });
    expect(await server.store.getTurn(sid, 1)).toMatchObject({ status: 'failed', reply: '先检查邻居状态', errorCode: 'UPSTREAM_ERROR' });
  });

  it('with LLM_FALLBACK=kb, completes a cut reply with the knowledge-base answer', async () => {
    const server = await serve({ fallback: 'kb' });
    fake.enqueue(streamReply(['先检查'], { cutAfter: 1 }));
    const sid = newSessionId();
    await send(server, sid, BGP_QUESTION);
    const r = await receiveFinal(server.url, { sessionId: sid });
    expect(r.body.code).toBe(200);
    expect(r.body.data.content.startsWith(`先检查\n\n${FALLBACK_NOTICE}\n\n**${BGP_TITLE}**`)).toBe(true);
    expect(r.body.data.sources[0]).toEqual({ title: BGP_TITLE });
  });

  it('reports a slow first token as 504 UPSTREAM_TIMEOUT, never 100 forever', async () => {
    const server = await serve({ firstTokenTimeoutMs: 200 });
    fake.enqueue(streamReply(['太晚了'], { firstDelayMs: 3_000 }));
    const sid = newSessionId();
    await send(server, sid, '你好');
    const r = await receiveFinal(server.url, { sessionId: sid });
    expect(r.body).toMatchObject({ code: 504, error: 'UPSTREAM_TIMEOUT', message: 'the model service did not start answering within 0.2 s' });
  });

  it('retries a 429 and then answers once', async () => {
    const server = await serve();
    fake.enqueue(status(429, { 'retry-after-ms': '10' }), streamReply(['好的']));
    const sid = newSessionId();
    await send(server, sid, '你好');
    expect((await receiveFinal(server.url, { sessionId: sid })).body.data.content).toBe('好的');
    expect(fake.requests).toHaveLength(2);
  });

  it('reports a provider that keeps failing with 500 as 502 UPSTREAM_ERROR', async () => {
    const server = await serve({ maxRetries: 1 });
    fake.setDefault(status(500));
    const sid = newSessionId();
    await send(server, sid, '你好');
    expect((await receiveFinal(server.url, { sessionId: sid })).body).toMatchObject({ code: 502, error: 'UPSTREAM_ERROR' });
    expect(fake.requests).toHaveLength(2);
  });

  it('destroy mid-reply closes the upstream connection before the stream ended', async () => {
    const server = await serve();
    // After the first piece the provider pauses: only the aborted signal, not a next chunk, can end the request now.
    fake.enqueue(streamReply(['第1段。', '第2段。'], { gapMs: 10_000 }));
    const sid = newSessionId();
    await send(server, sid, '你好');
    await expect.poll(async () => (await get(`${server.url}/mpweixin/chatbot/receive`, { sessionId: sid })).body.data.content).toBe('第1段。');
    expect((await post(`${server.url}/mpweixin/chatbot/destroy`, { sessionId: sid })).body.code).toBe(200);
    await expect.poll(() => fake.requests[0]!.clientClosedEarly).toBe(true);
  });

  it('a queued question whose session is destroyed never reaches the provider', async () => {
    const server = await serve({ concurrency: 1 });
    fake.enqueue(hang());
    const [a, b] = [newSessionId(), newSessionId()];
    await send(server, a, '第一个');
    await expect.poll(() => fake.requests.length).toBe(1);
    await send(server, b, '第二个');
    const engine = server.engine as OpenAiEngine;
    await expect.poll(() => engine.upstream).toEqual({ active: 1, queued: 1 });
    await post(`${server.url}/mpweixin/chatbot/destroy`, { sessionId: b });
    expect(engine.upstream).toEqual({ active: 1, queued: 0 });
    await post(`${server.url}/mpweixin/chatbot/destroy`, { sessionId: a });
    await expect.poll(() => fake.requests[0]!.clientClosedEarly).toBe(true);
    expect(fake.requests).toHaveLength(1);
  });
});

describe('the server with the openai engine, over WebSocket', () => {
  it('streams Chinese text split inside UTF-8 characters as exact deltas', async () => {
    const server = await serve();
    const pieces = ['静态路由', '要配置下一跳，', '回程路由也不能少。'];
    fake.enqueue(streamReply(pieces, { splitBytes: 2, gapMs: 5 }));
    const sid = newSessionId();
    const sock = await TestSocket.open(server.wsUrl, sid);
    try {
      sock.send({ type: 'send', content: '静态路由怎么配?', timestamp: ts() });
      await sock.until((f) => f.some((x) => x.type === 'reply'));
      expect(sock.textOf(1)).toBe(pieces.join(''));
      expect(sock.of('reply')[0]!.data.content).toBe(pieces.join(''));
    } finally {
      sock.ws.close();
    }
  });
});
