import { mkdtemp, rm, unlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import type { EngineChunk, EngineInput, EngineMeta } from '../../ports/engine.js';
import { createKbEngine, type KbEngine } from './kb-engine.js';

const SHIPPED_KB = new URL('../../../kb/', import.meta.url);
const BGP_QUESTION = '请问BGP协议实验ping不通怎么办?';

function input(message: string, signal = new AbortController().signal): EngineInput {
  return { sessionId: 's1', seq: 1, message, history: [], signal };
}

async function collect(engine: KbEngine, message: string): Promise<{ text: string; texts: string[]; metas: EngineMeta[]; order: EngineChunk[] }> {
  const order: EngineChunk[] = [];
  for await (const chunk of engine.answer(input(message))) order.push(chunk);
  const texts = order.filter((chunk): chunk is string => typeof chunk === 'string');
  const metas = order.filter((chunk): chunk is EngineMeta => typeof chunk !== 'string');
  return { text: texts.join(''), texts, metas, order };
}

describe('kb engine on the shipped kb/', () => {
  let engine: KbEngine;
  beforeAll(async () => {
    engine = await createKbEngine({ dir: SHIPPED_KB, chunkDelayMs: 0 });
  });

  it('is ready once created and calls itself kb', () => {
    expect(engine.name).toBe('kb');
    expect(engine.isReady()).toBe(true);
  });

  it('answers the BGP question with that entry, sources first, in 12-code-point chunks', async () => {
    const { text, texts, metas, order } = await collect(engine, BGP_QUESTION);
    expect(text.startsWith('**BGP实验ping不通怎么办**\n\n')).toBe(true);
    expect(text).toContain('display bgp peer');
    expect(texts.length).toBeGreaterThan(10);
    expect(texts.slice(0, -1).every((chunk) => Array.from(chunk).length === 12)).toBe(true);
    expect(typeof order[0]).toBe('object');
    expect(metas).toHaveLength(1);
    expect(metas[0]!.sources[0]).toEqual({ title: 'BGP实验ping不通怎么办' });
    // Every cited related entry is the one listed under 相关问题, in the same order.
    expect(metas[0]!.sources.slice(1).map((source) => source.title).join('；')).toBe(text.split('\n\n相关问题：')[1]);
  });

  it('gives the fallback, without sources, for a question outside the course', async () => {
    const { text, metas } = await collect(engine, '今天食堂吃什么');
    // It says it had no answer, so the turn is stored as unmatched (teachers' "unanswered").
    expect(metas).toEqual([{ sources: [], matched: false }]);
    expect(text).toMatch(/^抱歉，知识库里没有找到/);
    expect(text).not.toMatch(/^\*\*/);
  });

  it('stops streaming when the signal aborts, keeping the partial text', async () => {
    const full = await collect(engine, BGP_QUESTION);
    const controller = new AbortController();
    const received: string[] = [];
    for await (const chunk of engine.answer(input(BGP_QUESTION, controller.signal))) {
      if (typeof chunk !== 'string') continue;
      received.push(chunk);
      if (received.length === 3) controller.abort();
    }
    expect(received).toHaveLength(3);
    expect(received.length).toBeLessThan(full.texts.length);
    expect(full.text.startsWith(received.join(''))).toBe(true);
  });

  it('stops during the pause between chunks instead of waiting it out', async () => {
    const paced = await createKbEngine({ dir: SHIPPED_KB, chunkDelayMs: 3_600_000 });
    const controller = new AbortController();
    const received: EngineChunk[] = [];
    const iterator = paced.answer(input(BGP_QUESTION, controller.signal))[Symbol.asyncIterator]();
    received.push((await iterator.next()).value as EngineChunk); // sources
    received.push((await iterator.next()).value as EngineChunk); // first text chunk
    const waiting = iterator.next(); // paused before the second
    controller.abort();
    expect(await waiting).toEqual({ done: true, value: undefined });
    expect(received[1]).toBe('**BGP实验ping不');
  });

  it('yields nothing for a turn aborted before it starts', async () => {
    const chunks: EngineChunk[] = [];
    for await (const chunk of engine.answer(input(BGP_QUESTION, AbortSignal.abort()))) chunks.push(chunk);
    expect(chunks).toEqual([]);
  });
});

describe('kb engine on a temp folder', () => {
  let dir: string;
  beforeEach(async () => {
    dir = await mkdtemp(join(tmpdir(), 'mpchat-kb-engine-'));
  });
  afterEach(async () => {
    await rm(dir, { recursive: true, force: true });
  });

  it('never splits an emoji across chunks', async () => {
    await writeFile(join(dir, 'emoji.md'), '# 表情\n## 表情包怎么发\n👍😀🎉👍😀🎉 发送前先选 🙂 再点 🚀，成功会看到 ✅✅。\n');
    for (const chunkSize of [1, 2, 3, 5]) {
      const engine = await createKbEngine({ dir, chunkSize, chunkDelayMs: 0, minScore: 0.1 });
      const { text, texts } = await collect(engine, '表情包怎么发');
      expect(text).toContain('👍😀🎉👍😀🎉');
      for (const chunk of texts) expect(chunk).not.toMatch(/[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/);
    }
  });

  it('picks up a new entry on reload, and keeps the old index when a reload fails', async () => {
    await writeFile(join(dir, '01-vlan.md'), '# 交换\n## VLAN怎么创建\n用 vlan batch 10 20 创建。\n## 端口怎么加入VLAN\nport default vlan 10\n');
    const engine = await createKbEngine({ dir, chunkDelayMs: 0, minScore: 0.5 });
    expect((await collect(engine, 'OSPF邻居建立不起来')).metas).toEqual([{ sources: [], matched: false }]);

    await writeFile(join(dir, '02-ospf.md'), '# OSPF\n## OSPF邻居建立不起来\n检查区域号和 Hello 时间。\n');
    await engine.reload();
    const afterReload = await collect(engine, 'OSPF邻居建立不起来');
    expect(afterReload.metas[0]?.sources[0]).toEqual({ title: 'OSPF邻居建立不起来' });
    expect(engine.knowledgeBase.size).toBe(3);

    await unlink(join(dir, '01-vlan.md'));
    await unlink(join(dir, '02-ospf.md'));
    await expect(engine.reload()).rejects.toThrow(dir);
    expect(engine.isReady()).toBe(true);
    expect(engine.knowledgeBase.size).toBe(3);
    expect((await collect(engine, 'OSPF邻居建立不起来')).text).toContain('检查区域号和 Hello 时间');
  });

  it('answers from knowledge handed over from the store, ranks for the hit test, and stops re-reading the folder', async () => {
    await writeFile(join(dir, '01-vlan.md'), '# 交换\n## VLAN怎么创建\n用 vlan batch 10 20 创建。\n');
    const engine = await createKbEngine({ dir, chunkDelayMs: 0, minScore: 0.5 });
    engine.useKnowledge({ entries: [{ id: 't-1', title: 'OSPF邻居建立不起来', body: '检查区域号和 Hello 时间。', topic: 'OSPF', file: 'o.md' }], synonyms: '' });
    expect((await collect(engine, 'OSPF邻居建立不起来')).metas[0]).toMatchObject({ sources: [{ title: 'OSPF邻居建立不起来' }], matched: true });
    expect(engine.rank('OSPF邻居建立不起来', 3)).toEqual({ matched: true, hits: [{ id: 't-1', title: 'OSPF邻居建立不起来', topic: 'OSPF', score: expect.any(Number) }] });
    await engine.reload();
    expect(engine.knowledgeBase.entries.map((e) => e.id)).toEqual(['t-1']);
  });

  it('refuses to start on a missing folder', async () => {
    await expect(createKbEngine({ dir: join(dir, 'missing') })).rejects.toThrow(join(dir, 'missing'));
  });

  it('rejects a chunk size that would stream nothing', async () => {
    await writeFile(join(dir, 'a.md'), '## 条目\n内容\n');
    await expect(createKbEngine({ dir, chunkSize: 0 })).rejects.toThrow(/chunkSize/);
  });
});
