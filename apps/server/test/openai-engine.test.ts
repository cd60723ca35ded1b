import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { EngineError, type EngineMeta, type HistoryTurn } from '../src/ports/engine.js';
import { createKbEngine, type KbEngine } from '../src/engines/kb/index.js';
import { FALLBACK_NOTICE, type OpenAiEngine, type OpenAiEngineOptions } from '../src/engines/openai/index.js';
import { engineOnFake } from '../src/engines/openai/testing/fake-engine.js';
import { chunk, dropConnection, hang, rawSse, startFakeUpstream, status, streamReply, type FakeUpstream } from '../src/engines/openai/testing/fake-upstream.js';

const SHIPPED_KB = new URL('../kb/', import.meta.url);
const BGP_QUESTION = '请问BGP协议实验ping不通怎么办?';
const BGP_TITLE = 'BGP实验ping不通怎么办';

let kb: KbEngine;
let fake: FakeUpstream;
beforeAll(async () => {
  kb = await createKbEngine({ dir: SHIPPED_KB, chunkDelayMs: 0 });
});
beforeEach(async () => {
  fake = await startFakeUpstream();
});
afterEach(() => fake.close());
afterAll(() => kb.close());

/** An engine on the fake with short timeouts and near-instant backoff. */
function engineWith(options: Partial<OpenAiEngineOptions> = {}): Promise<OpenAiEngine> {
  return engineOnFake(fake, kb, options);
}

interface Outcome {
  text: string;
  texts: string[];
  metas: EngineMeta[];
  error?: EngineError;
}

/** Drives `engine.answer` like the turn runner does: collects text and metadata, keeps the partial text on failure. */
async function ask(engine: OpenAiEngine, message: string, opts: { history?: HistoryTurn[]; signal?: AbortSignal; onText?: (text: string) => void } = {}): Promise<Outcome> {
  const out: Outcome = { text: '', texts: [], metas: [] };
  try {
    for await (const c of engine.answer({ sessionId: 's1', seq: 1, message, history: opts.history ?? [], signal: opts.signal ?? new AbortController().signal })) {
      if (typeof c === 'string') {
        out.texts.push(c);
        out.text += c;
        opts.onText?.(c);
      } else out.metas.push(c);
    }
  } catch (err) {
    if (!(err instanceof EngineError)) throw err;
    out.error = err;
  }
  return out;
}

describe('openai engine against a fake provider', () => {
  it('streams the reply and lists the sections it was given as sources', async () => {
    fake.enqueue(streamReply(['先检查', 'BGP 邻居', '是否 Established。']));
    const r = await ask(await engineWith(), BGP_QUESTION);
    expect(r.error).toBeUndefined();
    expect(r.texts).toEqual(['先检查', 'BGP 邻居', '是否 Established。']);
    expect(r.metas).toHaveLength(1);
    expect(r.metas[0]!.sources[0]).toEqual({ title: BGP_TITLE });
    expect(r.metas[0]!.sources.length).toBeLessThanOrEqual(4);
    // Follow-ups from the sections it was given: short questions, none of them a section it used.
    const suggestions = r.metas[0]!.suggestions!;
    expect(suggestions.length).toBeGreaterThan(0);
    expect(suggestions.length).toBeLessThanOrEqual(3);
    for (const q of suggestions) expect(r.metas[0]!.sources.map((s) => `${s.title}？`)).not.toContain(q);
    const body = fake.requests[0]!.body;
    expect(body).toMatchObject({ model: 'fake-model', stream: true, temperature: 0.3, max_tokens: 1024 });
    expect(fake.requests[0]!.headers.authorization).toBe('Bearer test-key');
  });

  it('grounds the request: the system prompt holds the best sections with their titles', async () => {
    fake.enqueue(streamReply(['好的']));
    const r = await ask(await engineWith({ topK: 3 }), BGP_QUESTION);
    const [system, ...rest] = fake.requests[0]!.body.messages!;
    expect(system!.role).toBe('system');
    expect(system!.content).toContain(`<section title="${BGP_TITLE}" topic="BGP 路由协议">`);
    expect(system!.content).toContain('display bgp peer');
    expect(system!.content).toMatch(/用学生提问所用的语言回答/);
    expect(system!.content).not.toContain('{{knowledge}}');
    expect(system!.content.match(/<section /g)).toHaveLength(3);
    expect(r.metas[0]!.sources.map((s) => s.title)).toEqual([...system!.content.matchAll(/<section title="([^"]+)"/g)].map((m) => m[1]));
    expect(rest).toEqual([{ role: 'user', content: BGP_QUESTION }]);
  });

  it('tells the model when the knowledge base has nothing, and lists no sources', async () => {
    fake.enqueue(streamReply(['知识库里没有这方面的内容']));
    const r = await ask(await engineWith(), 'zzzz qqqq');
    expect(r.metas).toEqual([]);
    expect(fake.requests[0]!.body.messages![0]!.content).toContain('知识库中没有找到与这个问题相关的条目');
  });

  it('sends earlier turns as memory, oldest first, within the character budget', async () => {
    fake.setDefault(streamReply(['好']));
    // input.history is newest first.
    const history = [
      { user: '第三问', assistant: '第三答' },
      { user: '第二问', assistant: '' }, // failed before any text: left out
      { user: '第一问', assistant: '第一答' },
      { user: '很早的问题'.repeat(10), assistant: '很早的回答'.repeat(10) },
    ];
    await ask(await engineWith({ historyChars: 20 }), '那OSPF呢?', { history });
    expect(fake.requests[0]!.body.messages!.slice(1)).toEqual([
      { role: 'user', content: '第一问' },
      { role: 'assistant', content: '第一答' },
      { role: 'user', content: '第三问' },
      { role: 'assistant', content: '第三答' },
      { role: 'user', content: '那OSPF呢?' },
    ]);
    await ask(await engineWith({ historyChars: 0 }), '那OSPF呢?', { history });
    expect(fake.requests[1]!.body.messages!.slice(1)).toEqual([{ role: 'user', content: '那OSPF呢?' }]);
  });

  it('decodes Chinese text whose UTF-8 bytes arrive one network write at a time', async () => {
    const pieces = ['你好，', 'BGP 邻居建立失败时，', '检查 AS 号😀。'];
    fake.enqueue(streamReply(pieces, { splitBytes: 1 }), streamReply(pieces, { splitBytes: 2 }));
    const engine = await engineWith();
    expect((await ask(engine, '你好')).text).toBe(pieces.join(''));
    expect((await ask(engine, '你好')).text).toBe(pieces.join(''));
  });

  it('fails with UPSTREAM_TIMEOUT when the first token is too slow, aborting the request', async () => {
    fake.enqueue(streamReply(['太晚了'], { firstDelayMs: 3_000 }));
    const r = await ask(await engineWith({ firstTokenTimeoutMs: 200 }), BGP_QUESTION);
    expect(r.error?.code).toBe('UPSTREAM_TIMEOUT');
    expect(r.error?.message).toBe('the model service did not start answering within 0.2 s');
    expect(r.text).toBe('');
    await expect.poll(() => fake.requests[0]!.clientClosedEarly).toBe(true);
    expect(fake.requests).toHaveLength(1); // a timeout is not retried
  });

  it('fails with UPSTREAM_TIMEOUT when the provider never answers at all', async () => {
    fake.enqueue(hang());
    const r = await ask(await engineWith({ firstTokenTimeoutMs: 200 }), '你好');
    expect(r.error?.code).toBe('UPSTREAM_TIMEOUT');
    await expect.poll(() => fake.requests[0]!.clientClosedEarly).toBe(true);
  });

  it('fails with UPSTREAM_TIMEOUT past the total timeout, keeping the text so far', async () => {
    const pieces = ['第一段。', '第二段。', '第三段。', '第四段。'];
    fake.enqueue(streamReply(pieces, { gapMs: 300 }));
    const r = await ask(await engineWith({ totalTimeoutMs: 700 }), '你好');
    expect(r.error?.code).toBe('UPSTREAM_TIMEOUT');
    expect(r.error?.message).toBe('the model service did not finish the reply within 0.7 s');
    expect(r.text.length).toBeGreaterThan(0);
    expect(r.text).not.toBe(pieces.join(''));
    expect(pieces.join('').startsWith(r.text)).toBe(true);
    await expect.poll(() => fake.requests[0]!.clientClosedEarly).toBe(true);
  });

  it('ends a stream cut mid-way as UPSTREAM_ERROR with the partial text, without retrying', async () => {
    fake.enqueue(streamReply(['先检查', '邻居状态', '再看路由'], { cutAfter: 2 }));
    const r = await ask(await engineWith(), BGP_QUESTION);
    expect(r.error?.code).toBe('UPSTREAM_ERROR');
    expect(r.error?.message).toBe('the connection to the model service broke off');
    expect(r.text).toBe('先检查邻居状态');
    expect(fake.requests).toHaveLength(1);
  });

  it('with LLM_FALLBACK=kb, follows a cut stream with the knowledge-base answer and a notice', async () => {
    fake.enqueue(streamReply(['先检查', '邻居状态'], { cutAfter: 2 }));
    const r = await ask(await engineWith({ fallback: 'kb' }), BGP_QUESTION);
    expect(r.error).toBeUndefined();
    expect(r.text.startsWith(`先检查邻居状态\n\n${FALLBACK_NOTICE}\n\n**${BGP_TITLE}**\n\n`)).toBe(true);
    expect(r.text).toContain('display bgp peer');
    expect(r.metas.at(-1)!.sources[0]).toEqual({ title: BGP_TITLE });
  });

  it('with LLM_FALLBACK=kb, answers from the knowledge base when the provider times out before any text', async () => {
    fake.enqueue(hang());
    const r = await ask(await engineWith({ fallback: 'kb', firstTokenTimeoutMs: 200 }), BGP_QUESTION);
    expect(r.error).toBeUndefined();
    expect(r.text.startsWith(`${FALLBACK_NOTICE}\n\n**${BGP_TITLE}**`)).toBe(true);
  });

  it('retries a 429 before the first token and answers once', async () => {
    fake.enqueue(status(429, { 'retry-after-ms': '20' }), streamReply(['第二次', '成功']));
    const r = await ask(await engineWith(), '你好');
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('第二次成功');
    expect(fake.requests).toHaveLength(2);
    expect(fake.requests[1]!.body).toEqual(fake.requests[0]!.body);
  });

  it('retries a 500 LLM_MAX_RETRIES times, then fails with UPSTREAM_ERROR', async () => {
    fake.setDefault(status(500));
    const r = await ask(await engineWith({ maxRetries: 2 }), '你好');
    expect(r.error?.code).toBe('UPSTREAM_ERROR');
    expect(r.error?.message).toBe('the model service failed (HTTP 500)');
    expect(fake.requests).toHaveLength(3);
  });

  it('fails with RATE_LIMITED when the provider keeps answering 429', async () => {
    fake.setDefault(status(429));
    const r = await ask(await engineWith({ maxRetries: 1 }), '你好');
    expect(r.error?.code).toBe('RATE_LIMITED');
    expect(fake.requests).toHaveLength(2);
  });

  it('does not wait for a Retry-After longer than the time left', async () => {
    fake.setDefault(status(429, { 'retry-after': '60' }));
    const r = await ask(await engineWith({ totalTimeoutMs: 1_000 }), '你好');
    expect(r.error?.code).toBe('RATE_LIMITED');
    expect(fake.requests).toHaveLength(1);
  });

  it('does not retry a 401, whose message does not leak the provider text', async () => {
    fake.setDefault(status(401));
    const r = await ask(await engineWith(), '你好');
    expect(r.error?.code).toBe('UPSTREAM_ERROR');
    expect(r.error?.message).toBe("the model service refused the server's credentials (HTTP 401)");
    expect(fake.requests).toHaveLength(1);
  });

  it('retries a connection dropped before any response', async () => {
    fake.enqueue(dropConnection(), streamReply(['恢复了']));
    const r = await ask(await engineWith(), '你好');
    expect(r.text).toBe('恢复了');
    expect(fake.requests).toHaveLength(2);
  });

  it('turns a malformed chunk into UPSTREAM_ERROR, keeping the text before it', async () => {
    fake.enqueue(rawSse([JSON.stringify(chunk({ content: '前半句' })), '{"choices": [{"delta": {"content": "坏']));
    const r = await ask(await engineWith(), '你好');
    expect(r.error?.code).toBe('UPSTREAM_ERROR');
    expect(r.error?.message).toBe('the model service sent a malformed stream');
    expect(r.text).toBe('前半句');
    expect(fake.requests).toHaveLength(1);
  });

  it('turns an error object inside the stream into UPSTREAM_ERROR', async () => {
    fake.enqueue(rawSse([JSON.stringify({ error: { message: 'quota exceeded for account 42' } })]));
    const r = await ask(await engineWith(), '你好');
    expect(r.error?.code).toBe('UPSTREAM_ERROR');
    expect(r.error?.message).not.toContain('account 42');
  });

  it('treats a stream that ends without a finish_reason as cut off', async () => {
    fake.enqueue(rawSse([JSON.stringify(chunk({ content: '只说了一半' }))]));
    const r = await ask(await engineWith(), '你好');
    expect(r.error?.code).toBe('UPSTREAM_ERROR');
    expect(r.text).toBe('只说了一半');
  });

  it('fails a reply that finishes without any text instead of settling it empty', async () => {
    fake.enqueue(streamReply([], { finishReason: 'content_filter' }), streamReply([]));
    const engine = await engineWith();
    const filtered = await ask(engine, '你好');
    expect(filtered.error?.code).toBe('UPSTREAM_ERROR');
    expect(filtered.error?.message).toBe('the model service withheld the reply (its content filter)');
    expect((await ask(engine, '你好')).error?.message).toBe('the model service returned an empty reply');
  });

  it('reload re-reads the system prompt file; a failed reload keeps the old prompt', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'mpchat-prompt-'));
    const file = join(dir, 'system.md');
    await writeFile(file, '旧的提示词 {{knowledge}}');
    fake.setDefault(streamReply(['好']));
    const engine = await engineWith({ systemPromptFile: file });
    await writeFile(file, '新的提示词 {{knowledge}}');
    await engine.reload();
    await ask(engine, '你好');
    expect(fake.requests[0]!.body.messages![0]!.content).toMatch(/^新的提示词/);
    await rm(file);
    await expect(engine.reload()).rejects.toThrow(`[openai] cannot read the system prompt file ${file} (ENOENT)`);
    await ask(engine, '你好');
    expect(fake.requests[1]!.body.messages![0]!.content).toMatch(/^新的提示词/);
    await rm(dir, { recursive: true });
  });

  it('aborts the upstream request when the user leaves, and yields nothing after', async () => {
    fake.enqueue(streamReply(Array.from({ length: 50 }, (_, i) => `第${i + 1}段。`), { gapMs: 20 }));
    const user = new AbortController();
    const r = await ask(await engineWith(), '你好', { signal: user.signal, onText: (t) => t === '第3段。' && user.abort('closed') });
    expect(r.error).toBeUndefined();
    expect(r.text).toBe('第1段。第2段。第3段。');
    await expect.poll(() => fake.requests[0]!.clientClosedEarly).toBe(true);
  });

  it('aborts the upstream request when the user leaves before the first token', async () => {
    fake.enqueue(streamReply(['太晚了'], { firstDelayMs: 10_000 }));
    const user = new AbortController();
    const answer = ask(await engineWith({ firstTokenTimeoutMs: 20_000 }), '你好', { signal: user.signal });
    await expect.poll(() => fake.requests.length).toBe(1);
    user.abort('stop');
    await expect.poll(() => fake.requests[0]!.clientClosedEarly).toBe(true);
    expect(await answer).toMatchObject({ text: '' });
    expect((await answer).error).toBeUndefined();
  });

  it('caps concurrent upstream calls; a queued call aborted by its signal leaves the queue', async () => {
    fake.setDefault(streamReply(['慢'], { firstDelayMs: 600 }));
    const engine = await engineWith({ concurrency: 1 });
    const first = ask(engine, '一');
    const leaving = new AbortController();
    const second = ask(engine, '二', { signal: leaving.signal });
    const third = ask(engine, '三');
    await expect.poll(() => engine.upstream).toEqual({ active: 1, queued: 2 });
    // The admitted call's request may still be on its way to the fake (the gate counts it first).
    await expect.poll(() => fake.requests.length).toBe(1);
    expect(engine.upstream).toEqual({ active: 1, queued: 2 });
    leaving.abort('stop');
    const left = await second;
    expect(left.text).toBe('');
    expect(left.error).toBeUndefined();
    expect(engine.upstream).toEqual({ active: 1, queued: 1 });
    expect((await first).text).toBe('慢');
    expect((await third).text).toBe('慢');
    expect(fake.requests.map((r) => r.body.messages!.at(-1)!.content)).toEqual(['一', '三']);
    expect(engine.upstream).toEqual({ active: 0, queued: 0 });
  });
});
